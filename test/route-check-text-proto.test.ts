import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, it } from 'node:test';
import { parseDocument } from '../src/core/routecheck/document.ts';
import { parseToolTestFile } from '../src/core/routecheck/test-file.ts';
import { parseTextProto, TextProtoError, textProtoToJson } from '../src/core/routecheck/text-proto.ts';
import { conformance, needsConformance } from './helpers/paths.ts';

const toJson = (text: string, repeated: string[] = [], structs: string[] = []) => textProtoToJson(parseTextProto(text), new Set(repeated), new Set(structs));

describe('text-proto reader', () => {
  const scalars: [string, string, unknown][] = [
    ['a double-quoted string', 'a: "x y"', 'x y'],
    ['a single-quoted string', "a: 'it\\'s'", "it's"],
    ['C escapes', 'a: "tab\\there\\nquote\\"back\\\\"', 'tab\there\nquote"back\\'],
    ['octal and hex escapes as UTF-8 bytes', 'a: "\\303\\251\\x41"', 'éA'],
    ['a unicode escape', 'a: "\\u00e9"', 'é'],
    ['adjacent strings concatenated', 'a: "ab" \'cd\' "ef"', 'abcdef'],
    ['a decimal integer', 'a: 115', 115],
    ['a negative integer', 'a: -3', -3],
    ['a hex integer', 'a: 0x1F', 31],
    ['a float', 'a: 1.5e3', 1500],
    ['a float with the f suffix', 'a: 2.5f', 2.5],
    ['true', 'a: true', true],
    ['False spelled as in C++', 'a: False', false],
    ['an enum identifier', 'a: TEN_THOUSAND', 'TEN_THOUSAND'],
  ];
  for (const [what, text, want] of scalars) {
    it(`reads ${what}`, () => {
      assert.deepEqual(toJson(text), { a: want });
    });
  }

  it('reads nested messages written with {}, : {} and <>, with comments and separators', () => {
    const text = `# a comment
      outer { inner: { x: 1, y: "two"; } other < z: true > }  # trailing comment`;
    assert.deepEqual(toJson(text), { outer: { inner: { x: 1, y: 'two' }, other: { z: true } } });
  });

  it('makes a field named repeated a list even when written once, and any field written twice a list', () => {
    assert.deepEqual(toJson('tests { n: 1 }', ['tests']), { tests: [{ n: 1 }] });
    assert.deepEqual(toJson('a: 1 a: 2'), { a: [1, 2] });
    // An empty list is the same as an absent repeated field in protobuf.
    assert.deepEqual(toJson('a: [1, 2, 3] b: []', ['a', 'b']), { a: [1, 2, 3] });
    assert.deepEqual(toJson('a: [{ k: "x" }, { k: "y" }]', ['a']), { a: [{ k: 'x' }, { k: 'y' }] });
  });

  it('turns a google.protobuf.Struct into a plain object', () => {
    const text = `value {
      fields { key: "foo" value { string_value: "bar" } }
      fields { key: "n" value { number_value: 2 } }
      fields { key: "nested" value { struct_value { fields { key: "ok" value { bool_value: true } } } } }
      fields { key: "list" value { list_value { values { string_value: "a" } values { null_value: NULL_VALUE } } } }
    }`;
    assert.deepEqual(toJson(text, [], ['value']), { value: { foo: 'bar', n: 2, nested: { ok: true }, list: ['a', null] } });
  });

  const errors: [string, string, RegExp][] = [
    ['an unterminated string', 'a: "open\nb: 1', /line 1, column 4: unterminated string/],
    ['a missing closing brace', 'a { b: 1', /expected "}" before the end of the text/],
    ['a field without ":" or a message', 'a 1', /line 1, column 3: expected ":" or "\{" after field "a"/],
    ['an Any expansion', 'a { [type.googleapis.com/x] { } }', /Any expansions and extensions/],
    ['a bad escape', 'a: "\\q"', /unknown escape \\q/],
  ];
  for (const [what, text, message] of errors) {
    it(`rejects ${what} with its position`, () => {
      assert.throws(
        () => parseTextProto(text),
        (error: unknown) => error instanceof TextProtoError && message.test(error.message),
      );
    });
  }

  it("reads Envoy's Weighted.golden.proto.pb_text into the same tests as its JSON twin", { skip: needsConformance }, async () => {
    const dir = conformance('envoy-router-check');
    const fromText = parseToolTestFile(parseDocument(await readFile(`${dir}/Weighted.golden.proto.pb_text`, 'utf8'), 'Weighted.golden.proto.pb_text', 'tests'));
    const fromJson = parseToolTestFile(parseDocument(await readFile(`${dir}/Weighted.golden.proto.json`, 'utf8'), 'Weighted.golden.proto.json', 'tests'));
    assert.equal(fromText.tests.length, 2);
    assert.deepEqual(fromText.tests, fromJson.tests.slice(0, 2));
    assert.equal(fromText.tests[1]!.input.randomValue, 115n);
    assert.equal(fromText.tests[0]!.validate.pathRedirect, '');
  });
});
