import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkJsonSyntax } from '../src/core/envoy/json-syntax.ts';
import { parseJsonDocument } from '../src/core/envoy/parse-json.ts';
import { InputError } from '../src/core/errors.ts';

function messageFor(text: string): string {
  try {
    parseJsonDocument('dump.json', text);
  } catch (error) {
    assert.ok(error instanceof InputError);
    assert.equal(error.exitCode, 2);
    assert.ok(!error.message.includes('\n'), `one line: ${error.message}`);
    assert.ok(error.message.startsWith('dump.json: '), error.message);
    return error.message;
  }
  assert.fail(`parsed: ${text}`);
}

describe('parseJsonDocument', () => {
  it('parses JSON, with or without a byte order mark', () => {
    assert.deepEqual(parseJsonDocument('a.json', '{"configs": []}'), { configs: [] });
    assert.deepEqual(parseJsonDocument('a.json', '\ufeff[1]'), [1]);
  });

  const cases: [string, string, string][] = [
    ['an empty file', '', 'dump.json: is empty; expected JSON (an Envoy config dump, istioctl -o json output or /clusters?format=json)'],
    ['only whitespace', ' \n\t\n', 'dump.json: is empty; expected JSON (an Envoy config dump, istioctl -o json output or /clusters?format=json)'],
    [
      'a capture cut short',
      '{\n "configs": [\n  {"@type": "x", "a": "unfinished',
      'dump.json: is truncated: the JSON ends unexpectedly at line 3 (was the capture cut short?)',
    ],
    ['a truncated number at the end', '{"a": [1, 2', 'dump.json: is truncated: the JSON ends unexpectedly at line 1 (was the capture cut short?)'],
    ['a truncated literal', '[tr', 'dump.json: is truncated: the JSON ends unexpectedly at line 1 (was the capture cut short?)'],
    [
      'YAML',
      'configs:\n- "@type": foo\n',
      'dump.json: is not JSON: it starts with "configs:" (YAML? ask istioctl for -o json); expected JSON (an Envoy config dump, istioctl -o json output or /clusters?format=json)',
    ],
    [
      'an istioctl table',
      'SERVICE FQDN                          PORT     SUBSET     DIRECTION     TYPE\nfoo',
      'dump.json: is not JSON: it starts with "SERVICE FQDN                          P…"; expected JSON (an Envoy config dump, istioctl -o json output or /clusters?format=json)',
    ],
    [
      'text with terminal escapes',
      '\u001b[31mError\u001b[0m from server (NotFound): pods "x" not found',
      'dump.json: is not JSON: it starts with "Error from server (NotFound): pods \\"x\\"…"; expected JSON (an Envoy config dump, istioctl -o json output or /clusters?format=json)',
    ],
    ['a syntax error', '{\n  "a": 1,\n  "b": 2,,\n}', 'dump.json: is not valid JSON: unexpected "," at line 3, column 10'],
    ['a trailing comma', '[1, 2,]', 'dump.json: is not valid JSON: unexpected "]" at line 1, column 7'],
    ['two documents', '{}\n{}', 'dump.json: is not valid JSON: unexpected "{" at line 2, column 1'],
    ['a raw control character in a string', '["a\u0001"]', 'dump.json: is not valid JSON: unexpected control character U+0001 at line 1, column 4'],
  ];
  for (const [what, text, expected] of cases) {
    it(`explains ${what} in one line naming the file`, () => {
      assert.equal(messageFor(text), expected);
    });
  }
});

describe('checkJsonSyntax', () => {
  const table: [string, ReturnType<typeof checkJsonSyntax>][] = [
    ['{"a": [1, -2.5e3, true, null, "x\\u00e9\\n"]}', { kind: 'ok' }],
    ['{"a": "\\u00', { kind: 'eof' }],
    ['{"a" 1}', { kind: 'error', index: 5 }],
    ['{"a": 01}', { kind: 'error', index: 7 }],
    ['{"a": "\\x"}', { kind: 'error', index: 7 }],
    ['[nul]', { kind: 'error', index: 1 }],
    ['{"a": 1', { kind: 'eof' }],
  ];
  for (const [text, expected] of table) {
    it(`classifies ${JSON.stringify(text)}`, () => assert.deepEqual(checkJsonSyntax(text), expected));
  }
});
