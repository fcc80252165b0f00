import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { goJsonToYaml } from '../src/core/report/istioctl/go-yaml.ts';
import { goFloat, goYamlKeyLess, resolvesToNonString } from '../src/core/report/istioctl/go-yaml-scalars.ts';

describe('go-yaml v2 scalars (yaml.JSONToYAML)', () => {
  const strings: [string, string][] = [
    ['plain', 'plain'],
    ['1606', '"1606"'],
    ['0x1F', '"0x1F"'],
    ['1e3', '"1e3"'],
    ['true', '"true"'],
    ['yes', '"yes"'],
    ['Off', '"Off"'],
    ['~', '"~"'],
    ['null', '"null"'],
    ['', '""'],
    ['.inf', '".inf"'],
    ['10:30', '"10:30"'],
    ['2022-12-08T11:03:53.361Z', '"2022-12-08T11:03:53.361Z"'],
    ['2022-12-08', '"2022-12-08"'],
    ['2022-12-08T09:07:09Z/10', '2022-12-08T09:07:09Z/10'],
    ['2022-13-08', '2022-13-08'],
    ['@type', "'@type'"],
    ['*', "'*'"],
    ['- x', "'- x'"],
    ['-x', '-x'],
    ['a: b', "'a: b'"],
    ['a:b', 'a:b'],
    ['x #y', "'x #y'"],
    ['x#y', 'x#y'],
    ['{"header_1":"v"}', `'{"header_1":"v"}'`],
    ["it's", "it's"],
    [' lead', "' lead'"],
    ['trail ', "'trail '"],
    ['tab\there', '"tab\\there"'],
    ['outbound|9080|v1|reviews', 'outbound|9080|v1|reviews'],
    ['ünïcode', 'ünïcode'],
    ['😀', '"\\U0001F600"'],
  ];
  for (const [value, want] of strings) {
    it(`writes ${JSON.stringify(value)} as ${want}`, () => assert.equal(goJsonToYaml({ k: value }), `k: ${want}\n`));
  }

  it('writes multi-line strings as literal blocks with the right chomping', () => {
    assert.equal(goJsonToYaml({ k: 'a\nb' }), 'k: |-\n  a\n  b\n');
    assert.equal(goJsonToYaml({ k: 'a\nb\n' }), 'k: |\n  a\n  b\n');
    assert.equal(goJsonToYaml({ k: 'a\n\n' }), 'k: |+\n  a\n\n...\n');
    assert.equal(goJsonToYaml({ k: ' a\nb' }), 'k: |2-\n   a\n  b\n');
    assert.equal(goJsonToYaml({ k: 'a \nb' }), 'k: "a \\nb"\n');
  });

  it('folds long plain and quoted strings after column 80', () => {
    const words = Array.from({ length: 20 }, (_, i) => `word${i}`).join(' ');
    assert.equal(
      goJsonToYaml({ key: words }),
      'key: word0 word1 word2 word3 word4 word5 word6 word7 word8 word9 word10 word11 word12\n  word13 word14 word15 word16 word17 word18 word19\n',
    );
    assert.equal(
      goJsonToYaml({ key: `@${words}` }),
      "key: '@word0 word1 word2 word3 word4 word5 word6 word7 word8 word9 word10 word11 word12\n  word13 word14 word15 word16 word17 word18 word19'\n",
    );
  });

  it('writes numbers as go-yaml reads them back from JSON', () => {
    assert.equal(goJsonToYaml({ a: 140, b: 0.5, c: 1e-7, d: 1234567.5, e: -3, f: 1e21 }), 'a: 140\nb: 0.5\nc: 1e-07\nd: 1.2345675e+06\ne: -3\nf: 1e+21\n');
    assert.equal(goFloat(0.0001), '0.0001');
    assert.equal(goFloat(0.00001), '1e-05');
  });

  it('lays out collections: sorted keys, sequences in a mapping not indented, {} and [] when empty', () => {
    const doc = { b: [{ y: 1, x: [] }, [1, 2], 'z'], a: {}, c: { d: null, e: true } };
    assert.equal(goJsonToYaml(doc), 'a: {}\nb:\n- x: []\n  "y": 1\n- - 1\n  - 2\n- z\nc:\n  d: null\n  e: true\n');
    assert.equal(goJsonToYaml([]), '[]\n');
    assert.equal(goJsonToYaml([{ a: 1 }]), '- a: 1\n');
  });

  it("sorts keys in go-yaml's natural order", () => {
    const keys = ['b', 'a10', 'a9', '@type', '_x', 'A', 'a', 'x1', 'x01'];
    assert.deepEqual(
      keys.sort((p, q) => (goYamlKeyLess(p, q) ? -1 : goYamlKeyLess(q, p) ? 1 : 0)),
      ['@type', '_x', 'A', 'a', 'a9', 'a10', 'b', 'x1', 'x01'],
    );
  });

  it('knows which strings read back as other types', () => {
    for (const s of ['12', '-1', '+1', '0o17', '0b101', '1_000', '.5', '1.', 'NULL', 'y', 'N']) assert.equal(resolvesToNonString(s), true, s);
    for (const s of ['1.2.3', 'v1', '0xZZ', 'yes please', 'nan', '12a']) assert.equal(resolvesToNonString(s), false, s);
  });
});
