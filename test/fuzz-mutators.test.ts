import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { gunzipSync, gzipSync } from 'node:zlib';
import { byteFlip, gzipCorrupt, truncate, utf16 } from '../scripts/fuzz/byte-mutators.ts';
import { HOSTILE_STRINGS } from '../scripts/fuzz/hostile.ts';
import { seedInputs } from '../scripts/fuzz/inputs.ts';
import { JSON_MUTATORS } from '../scripts/fuzz/json-mutators.ts';
import { type JsonValue, RawText } from '../scripts/fuzz/json-tree.ts';
import { mutate, mutationsFor } from '../scripts/fuzz/mutate.ts';
import { caseSeed, Rng } from '../scripts/fuzz/prng.ts';
import { decodeInput } from '../src/sources/input-file.ts';
import { repoRoot } from './helpers/paths.ts';

const DOC = {
  '@type': 'type.googleapis.com/envoy.config.cluster.v3.Cluster',
  name: 'outbound|9080|v1|reviews',
  port: 9080,
  hosts: [{ a: 1 }, { b: 'x' }],
  on: true,
};
const fresh = (): JsonValue => structuredClone(DOC) as unknown as JsonValue;

function applyJson(name: string, seed: number): { text: string; detail: string } {
  const doc = fresh();
  const raw = new RawText();
  const detail = JSON_MUTATORS[name]!(new Rng(seed), doc, raw);
  assert.ok(detail, `${name} applied`);
  return { text: raw.stringify(doc), detail };
}

describe('fuzz: the seeded PRNG', () => {
  it('is reproducible from its seed, and case seeds differ per index', () => {
    const a = new Rng(42);
    const b = new Rng(42);
    const seq = Array.from({ length: 5 }, () => a.next());
    assert.deepEqual(
      seq,
      Array.from({ length: 5 }, () => b.next()),
    );
    assert.ok(seq.every((x) => x >= 0 && x < 1));
    assert.equal(new Set(Array.from({ length: 100 }, (_, i) => caseSeed(1, i))).size, 100);
    assert.equal(caseSeed(1, 7), caseSeed(1, 7));
  });
});

describe('fuzz: byte mutators', () => {
  const bytes = Buffer.from(JSON.stringify(DOC));
  it('truncate cuts a prefix; byte-flip keeps the length and changes bytes', () => {
    for (let s = 0; s < 20; s++) {
      const cut = truncate(new Rng(s), bytes).bytes;
      assert.ok(cut.length <= bytes.length && bytes.subarray(0, cut.length).equals(cut));
      const flipped = byteFlip(new Rng(s), bytes).bytes;
      assert.equal(flipped.length, bytes.length);
    }
    assert.ok(Array.from({ length: 20 }, (_, s) => !byteFlip(new Rng(s), bytes).bytes.equals(bytes)).some(Boolean));
  });

  it('gzip-corrupt gives bytes that zlib rejects or that inflate to something else', () => {
    const gz = gzipSync(bytes);
    const kinds = new Set<string>();
    for (let s = 0; s < 60; s++) {
      const { bytes: bad, detail } = gzipCorrupt(new Rng(s), gz);
      kinds.add(detail);
      let inflated: Buffer | undefined;
      try {
        inflated = gunzipSync(bad);
      } catch {
        continue;
      }
      assert.ok(!inflated.equals(bytes) || bad.length !== gz.length, `${detail} changed something`);
    }
    assert.ok(kinds.size >= 6, `several kinds of damage (${[...kinds].join('; ')})`);
  });

  it('utf16 writes what meshscope decodes back to the same text (sources/input-file.ts decodeInput)', () => {
    for (let s = 0; s < 10; s++) assert.equal(decodeInput('x', utf16(new Rng(s), bytes).bytes), bytes.toString('utf8'));
  });
});

describe('fuzz: JSON mutators', () => {
  it('delete-member removes a member or element', () => {
    const { text } = applyJson('delete-member', 3);
    assert.ok(text.length < JSON.stringify(DOC, null, 1).length);
  });
  it('duplicate-key writes one key twice (JSON.parse keeps the last; Go protojson rejects it)', () => {
    for (let s = 0; s < 10; s++) {
      const { text } = applyJson('duplicate-key', s);
      const keys = [...text.matchAll(/^\s*("(?:[^"\\]|\\.)*"):/gm)].map((m) => m[1]);
      assert.ok(keys.length > new Set(keys).size, text);
      assert.doesNotMatch(text, /__FUZZ_/);
    }
  });
  it('huge-number writes raw numbers JSON.stringify cannot (1e400) or out-of-range ones', () => {
    const seen = new Set<string>();
    for (let s = 0; s < 40; s++) seen.add(applyJson('huge-number', s).detail.split(' → ')[1]!);
    assert.ok(seen.has('1e400') || seen.has('-1e400'), [...seen].join(' '));
    assert.ok(seen.has('-1') || seen.has('65536') || seen.has('4294967296'));
  });
  it('deep-nesting nests at least 99 levels', () => {
    const { text } = applyJson('deep-nesting', 5);
    const depth = Math.max(...[...text.matchAll(/(\[|\{"a":){99,}/g)].map((m) => m[0].length));
    assert.ok(depth >= 99, `nested: ${depth}`);
  });
  it('hostile-string puts one of the hostile strings in a value or a key', () => {
    for (let s = 0; s < 10; s++) {
      const parsed = JSON.stringify(JSON.parse(applyJson('hostile-string', s).text));
      assert.ok(HOSTILE_STRINGS.some((h) => h !== '' && parsed.includes(JSON.stringify(h).slice(1, -1))) || parsed.includes('""'), parsed.slice(0, 200));
    }
  });
  it('hostile-name appends a hostile string to a field meshscope prints (name, domains, cluster, …)', () => {
    const parsed = JSON.parse(applyJson('hostile-name', 2).text) as typeof DOC;
    assert.notEqual(parsed.name, DOC.name);
    assert.ok(parsed.name.startsWith(DOC.name.slice(0, 30)));
  });
  it('type-swap changes a value to another JSON type; wrong-type-url changes @type', () => {
    for (let s = 0; s < 10; s++) assert.notDeepEqual(JSON.parse(applyJson('type-swap', s).text), DOC);
    const typed = JSON.parse(applyJson('wrong-type-url', 1).text) as { '@type': string };
    assert.notEqual(typed['@type'], DOC['@type']);
  });
});

describe('fuzz: every mutation on every bundled input', () => {
  const inputs = seedInputs(repoRoot);
  it('applies (or says it has nowhere to apply) reproducibly, and gzip inputs stay gzip unless corrupted on purpose', () => {
    for (const input of inputs) {
      for (const mutation of mutationsFor(input.kind)) {
        const seed = caseSeed(99, mutation.length);
        const a = mutate(input.kind, input.bytes, mutation, seed);
        const b = mutate(input.kind, input.bytes, mutation, seed);
        assert.deepEqual(a?.bytes, b?.bytes, `${input.name} ${mutation} is reproducible`);
        if (a && input.kind === 'gzip-json' && mutation !== 'gzip-corrupt') assert.equal(a.bytes[0], 0x1f, `${input.name} ${mutation}: gzip`);
      }
    }
  });
});
