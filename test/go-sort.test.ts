import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { goSortSlice, goStringLess } from '../src/core/report/go-sort.ts';
import { sortBySubsetKey, subsetKeyLess } from '../src/core/report/istioctl/subset-key.ts';

/** A small deterministic PRNG so the permutations are the same on every run and runtime. */
function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function shuffled(n: number, seed: number): number[] {
  const rand = lcg(seed);
  const items = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

describe("Go's sort.Slice (pdqsort)", () => {
  const shapes: [string, (n: number) => number[]][] = [
    ['random', (n) => shuffled(n, n)],
    ['ascending', (n) => Array.from({ length: n }, (_, i) => i)],
    ['descending', (n) => Array.from({ length: n }, (_, i) => n - i)],
    ['nearly sorted', (n) => Array.from({ length: n }, (_, i) => (i % 17 === 0 ? n - i : i))],
    ['many duplicates', (n) => shuffled(n, 7).map((v) => v % 3)],
    ['organ pipe', (n) => Array.from({ length: n }, (_, i) => Math.min(i, n - i))],
  ];
  for (const [shape, make] of shapes) {
    for (const n of [0, 1, 5, 12, 13, 49, 50, 51, 300, 2000]) {
      it(`sorts ${n} ${shape} numbers`, () => {
        const input = make(n);
        assert.deepEqual(
          goSortSlice([...input], (a, b) => a < b),
          [...input].sort((a, b) => a - b),
        );
      });
    }
  }

  it('is insertion sort up to 12 elements, so equal keys keep their order there', () => {
    const rows = ['b1', 'a1', 'b2', 'a2', 'c1', 'a3'];
    assert.deepEqual(
      goSortSlice(rows, (x, y) => x[0]! < y[0]!),
      ['a1', 'a2', 'a3', 'b1', 'b2', 'c1'],
    );
  });

  it('moves only integer names past each other with the route table comparator, as istioctl does', () => {
    const atoi = (s: string): number | undefined => (/^\d+$/.test(s) ? Number(s) : undefined);
    const less = (a: string, b: string): boolean => {
      const i = atoi(a);
      const j = atoi(b);
      return i !== undefined && j !== undefined && i < j;
    };
    assert.deepEqual(goSortSlice(['9080', '80', 'http.8080', '443', '15010', ''], less), ['80', '9080', 'http.8080', '443', '15010', '']);
  });

  it('gives the same order for the same input every time (no randomness)', () => {
    const less = (a: number, b: number): boolean => a % 10 < b % 10;
    const first = goSortSlice(shuffled(500, 3), less);
    assert.deepEqual(goSortSlice(shuffled(500, 3), less), first);
  });
});

describe('Go string order', () => {
  const cases: [string, string, boolean][] = [
    ['a', 'b', true],
    ['b', 'a', false],
    ['a', 'ab', true],
    ['', 'a', true],
    ['a', 'a', false],
    ['Z', 'a', true],
    // U+FFFD sorts before U+1F600 by code point (and in UTF-8), though not by UTF-16 unit.
    ['\ufffd', '😀', true],
    ['😀', '\ufffd', false],
  ];
  for (const [a, b, want] of cases) {
    it(`${JSON.stringify(a)} < ${JSON.stringify(b)} is ${want}`, () => assert.equal(goStringLess(a, b), want));
  }
});

describe("istioctl's subset-key order (sortBySubsetKey against Go's sort.Slice with subsetKeyLess)", () => {
  // Names in the shapes the key parse meets: Istio's pipe form, a subset, a port that is no
  // number (Atoi fails: port 0, so keys tie), a host holding `|` (FQDN empty: ties), names with
  // fewer than four fields (FQDN = the name), and code units on both sides of the surrogates
  // (JavaScript's order and Go's differ there).
  const pick = <T>(rand: () => number, list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
  function names(n: number, seed: number, withTies: boolean, high: boolean): string[] {
    const rand = lcg(seed);
    const hosts = [
      'a.ns.svc.cluster.local',
      'b.ns.svc.cluster.local',
      'reviews.default.svc.cluster.local',
      ...(high ? ['h\u{1F600}.x', 'h\uE000.x', 'h\uFFFD.x'] : []),
    ];
    const out = new Set<string>();
    while (out.size < n) {
      const host = pick(rand, hosts);
      const port = withTies && rand() < 0.1 ? pick(rand, ['http', 'x']) : String(1 + Math.floor(rand() * 20_000));
      const subset = pick(rand, ['', 'v1', 'v2', 'canary', ...(high ? ['\uD83D\uDE00', '\uE001'] : [])]);
      const form = rand();
      if (form < 0.8) out.add(`${pick(rand, ['outbound', 'inbound'])}|${port}|${subset}|${host}`);
      else if (form < 0.9) out.add(pick(rand, ['BlackHoleCluster', 'PassthroughCluster', 'agent', 'prometheus_stats', `x${Math.floor(rand() * 1000)}`]));
      else out.add(withTies ? `outbound|${port}|${subset}|${host}|extra${Math.floor(rand() * 50)}` : `outbound|${port}|${subset}|${host}`);
    }
    return [...out];
  }
  for (const [label, withTies, high] of [
    ['distinct keys', false, false],
    ['distinct keys, code units past the surrogates', false, true],
    ['equal keys (Go places them)', true, false],
    ['equal keys and high code units', true, true],
  ] as const) {
    for (const n of [5, 13, 200, 3000]) {
      it(`${label}: ${n} names`, () => {
        for (const seed of [1, 2, 3]) {
          const input = names(n, seed * 7919 + n, withTies, high);
          const want = goSortSlice(input.slice(), subsetKeyLess);
          assert.deepEqual(
            sortBySubsetKey(input.slice(), (s) => s),
            want,
          );
        }
      });
    }
  }
});
