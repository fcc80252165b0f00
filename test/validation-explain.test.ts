import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { weightShares } from '../src/core/router/route-destinations.ts';
import { runCli } from './helpers/cli.ts';
import { type Dump, listener, mutatedDumpText, REVIEWS, reviewsSplit, vhost } from './helpers/mutated-dump.ts';

/**
 * `explain -o json` over the bookinfo productpage dump with one value Envoy's schema rejects: the
 * answer carries a caveat naming the value and holds sane numbers (shares in [0, 1], no negative
 * weight, no `null` from an Infinity, no `:-1`). Envoy would NACK such a config (the PGV rules
 * cited in src/core/envoy/field-checks.ts), so the answer depends on it and must say so.
 */
const dir = mkdtempSync(path.join(tmpdir(), 'meshscope-validation-'));
after(() => rmSync(dir, { recursive: true, force: true }));

interface Answer {
  destinations: { cluster: string; weight: number; probability: number }[];
  caveats: { code: string; message: string; where?: string }[];
  cluster: string | null;
}

async function explainJson(
  name: string,
  mutate: (d: Dump) => void,
  request = 'GET http://reviews:9080/',
): Promise<{ answer: Answer; stdout: string; stderr: string }> {
  const file = path.join(dir, `${name}.json`);
  writeFileSync(file, mutatedDumpText(mutate));
  const r = await runCli(['explain', '--file', file, '-o', 'json', request]);
  assert.equal(r.code, 0, r.stderr);
  return { answer: JSON.parse(r.stdout) as Answer, stdout: r.stdout, stderr: r.stderr };
}

function assertSane(answer: Answer, stdout: string): void {
  for (const d of answer.destinations) {
    assert.ok(Number.isFinite(d.weight) && d.weight >= 0, `weight ${d.weight}`);
    assert.ok(Number.isFinite(d.probability) && d.probability >= 0 && d.probability <= 1, `share ${d.probability}`);
  }
  const total = answer.destinations.reduce((sum, d) => sum + d.probability, 0);
  assert.ok(total === 0 || Math.abs(total - 1) < 1e-9, `shares sum to ${total}`);
  assert.doesNotMatch(stdout, /"weight": ?null|"probability": ?null|:-\d/);
}

describe('explain -o json with a value Envoy rejects: a caveat and sane numbers', () => {
  for (const [name, bad] of [
    ['negative', -5],
    ['infinite', 'raw:1e400'],
    ['overflowing', 4294967296],
  ] as const) {
    it(`a ${name} weight is read as 0, with a caveat at the split`, async () => {
      const { answer, stdout, stderr } = await explainJson(`weight-${name}`, (d) => {
        reviewsSplit(d).weighted_clusters.clusters[0].weight = bad;
      });
      assertSane(answer, stdout);
      assert.deepEqual(
        answer.destinations.map((d) => [d.weight, d.probability]),
        [
          [0, 0],
          [10, 1],
        ],
      );
      const caveat = answer.caveats.find((c) => c.code === 'bad-value' && /^weight /.test(c.message));
      assert.ok(caveat, JSON.stringify(answer.caveats));
      assert.match(
        caveat.where ?? '',
        /^routes\[9080\]\.virtual_hosts\[reviews\.bookinfo\.svc\.cluster\.local:9080\]\.routes\[\d+\]\.route\.weighted_clusters$/,
      );
      assert.match(stderr, /values? Envoy would reject/);
    });
  }

  it('weights that are all bad leave the split undefined (every share 0) and say so', async () => {
    const { answer, stdout } = await explainJson('weights-zero', (d) => {
      for (const c of reviewsSplit(d).weighted_clusters.clusters) c.weight = -1;
    });
    assertSane(answer, stdout);
    assert.deepEqual(
      answer.destinations.map((d) => d.probability),
      [0, 0],
    );
    assert.ok(answer.caveats.some((c) => /split is undefined/.test(c.message)));
    assert.ok(answer.caveats.some((c) => /weights sum to 0; Envoy rejects this config/.test(c.message)));
  });

  it('a listener port of -1 is a caveat of every request, and no :-1 is printed', async () => {
    const { answer, stdout } = await explainJson('port', (d) => {
      listener(d, '0.0.0.0_9080').address.socket_address.port_value = -1;
    });
    assertSane(answer, stdout);
    const caveat = answer.caveats.find((c) => c.code === 'bad-value');
    assert.ok(caveat, JSON.stringify(answer.caveats));
    assert.equal(caveat.where, 'listeners');
    assert.match(caveat.message, /listeners\[0\.0\.0\.0_9080\]: socket_address\.port_value -1/);
  });

  it('domains written as a string: the answer (PassthroughCluster) carries the caveat', async () => {
    const { answer, stdout } = await explainJson('domains', (d) => {
      vhost(d, REVIEWS).domains = 'reviews.bookinfo.svc.cluster.local';
    });
    assertSane(answer, stdout);
    const caveat = answer.caveats.find((c) => c.code === 'bad-value');
    assert.ok(caveat, `${answer.cluster}: ${JSON.stringify(answer.caveats)}`);
    assert.equal(caveat.where, 'routes[9080]');
    assert.match(caveat.message, /domains "reviews\.bookinfo\.svc\.cluster\.local" is not a list/);
  });
});

describe('weightShares: never negative, NaN or infinite', () => {
  const rows: [number[], number[]][] = [
    [
      [90, 10],
      [0.9, 0.1],
    ],
    [
      [-5, 10],
      [0, 1],
    ],
    [
      [Number.POSITIVE_INFINITY, 10],
      [0, 1],
    ],
    [
      [Number.NaN, 1],
      [0, 1],
    ],
    [
      [0, 0],
      [0, 0],
    ],
    [
      [-1, -1],
      [0, 0],
    ],
    [[], []],
  ];
  for (const [weights, shares] of rows)
    it(`${JSON.stringify(weights.map(String))} → ${JSON.stringify(shares)}`, () => assert.deepEqual(weightShares(weights), shares));
});
