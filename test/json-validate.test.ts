import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isJsonBytes } from '../src/core/envoy/json-validate.ts';

/**
 * isJsonBytes decides what JSON.parse decides (over the bytes decoded as the loader decodes
 * them), checked against JSON.parse itself: hand-picked cases of each grammar rule, then 30,000
 * seeded mutations of generated documents (a byte deleted, inserted or replaced by one that
 * matters to the grammar, bytes above 0x7f included).
 */
const utf8 = new TextEncoder();
const decoder = new TextDecoder('utf-8');
const parses = (bytes: Uint8Array) => {
  try {
    JSON.parse(decoder.decode(bytes));
    return true;
  } catch {
    return false;
  }
};
const check = (bytes: Uint8Array, limit = 1000) => isJsonBytes(bytes, 0, bytes.length, limit);

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

function value(r: () => number, depth: number): unknown {
  const k = Math.floor(r() * (depth > 3 ? 5 : 7));
  if (k === 0) return Math.floor(r() * 2000) - 1000;
  if (k === 1) return r() * 1e6 * (r() < 0.5 ? -1 : 1);
  if (k === 2) return ['', 'a"b', 'x\\y', 'é ünïcode', 'tab\there', 'line\nbreak', '\u2028', '😀', 'ctl\u0001'][Math.floor(r() * 9)];
  if (k === 3) return [true, false, null][Math.floor(r() * 3)];
  if (k === 4) return r() < 0.5 ? -1e300 : 5e-324;
  if (k === 5) return Array.from({ length: Math.floor(r() * 4) }, () => value(r, depth + 1));
  return Object.fromEntries(Array.from({ length: Math.floor(r() * 4) }, (_, i) => [`k${i}${r() < 0.2 ? '"q' : ''}`, value(r, depth + 1)]));
}

const SIGNIFICANT = [...'{}[],:"\\-+.eE0123456789tfnrulsa /bu \t\n\r'].map((c) => c.charCodeAt(0)).concat([0x00, 0x1f, 0x7f, 0x80, 0xc3, 0xa9, 0xff]);

describe('isJsonBytes: a JSON syntax check without parsing', () => {
  it('accepts and refuses what JSON.parse does, rule by rule', () => {
    const cases = [
      '{}',
      '[]',
      ' {"a": [1, -0, 0.5, 1e5, 1E-5, -12.5e+3, true, false, null, "s\\u00e9\\n\\"\\\\\\/"]} ',
      '{"a":1,}',
      '[1,]',
      '[,1]',
      '{"a" 1}',
      '{a:1}',
      '{"a":1 "b":2}',
      '01',
      '-',
      '1.',
      '.5',
      '1e',
      '1e+',
      '+1',
      '"\\x"',
      '"\\u12G4"',
      '"\\u12"',
      '"raw\ttab"',
      '"é"',
      'tru',
      'nul',
      'true false',
      '[1] x',
      '{"a":{"b":[[]]}}',
      '',
      '   ',
      '"unclosed',
      '[1',
      '{"a":',
      '[1}',
      '{"a":1]',
    ];
    for (const text of cases) assert.equal(check(utf8.encode(text)), parses(utf8.encode(text)), text);
    assert.equal(check(Uint8Array.from([0x22, 0xff, 0x22])), true, 'malformed UTF-8 in a string decodes to U+FFFD');
    assert.equal(check(Uint8Array.from([0x5b, 0xc3, 0xa9, 0x5d])), false, 'a non-ASCII character outside a string');
  });

  it('counts open containers against the limit as the depth scan does', () => {
    assert.equal(check(utf8.encode('[[[]]]'), 3), true);
    assert.equal(check(utf8.encode('[[[[]]]]'), 3), false);
    assert.equal(check(utf8.encode('{"a":{"b":{}}}'), 3), true);
    assert.equal(check(utf8.encode('{"a":{"b":{"c":[]}}}'), 3), false);
  });

  it('checks only [start, end): a section inside a larger document', () => {
    const bytes = utf8.encode('xx{"a":[1,2]}yy');
    assert.equal(isJsonBytes(bytes, 2, 13, 10), true);
    assert.equal(isJsonBytes(bytes, 2, 12, 10), false);
    assert.equal(isJsonBytes(bytes, 1, 13, 10), false);
  });

  it('agrees with JSON.parse on 30,000 mutated documents', () => {
    const r = rng(18);
    let valid = 0;
    for (let n = 0; n < 30_000; n++) {
      const base = utf8.encode(JSON.stringify(value(r, 0)) ?? 'null');
      const bytes = Array.from(base);
      const edits = 1 + Math.floor(r() * 3);
      for (let e = 0; e < edits && n % 5 !== 0; e++) {
        const at = Math.floor(r() * (bytes.length + 1));
        const byte = SIGNIFICANT[Math.floor(r() * SIGNIFICANT.length)]!;
        const op = r();
        if (op < 0.33) bytes.splice(at, 1);
        else if (op < 0.66) bytes.splice(at, 0, byte);
        else bytes[Math.min(at, bytes.length - 1)] = byte;
      }
      const mutated = Uint8Array.from(bytes);
      const expected = parses(mutated);
      if (expected) valid++;
      assert.equal(check(mutated), expected, decoder.decode(mutated));
    }
    // Both kinds are well represented: the unmutated fifth and the edits that kept the document valid.
    assert.ok(valid > 6000 && valid < 24_000, `${valid} valid`);
  });
});
