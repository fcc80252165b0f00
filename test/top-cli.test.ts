import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { TopPoller } from '../src/app/top-poller.ts';
import type { TopJson, TopJsonRow } from '../src/core/top/json.ts';
import type { TopRow } from '../src/core/top/row.ts';
import { createLiveSource } from '../src/sources/istioctl/live-source.ts';
import { PRODUCTPAGE } from './helpers/bookinfo-config.ts';
import { runCli } from './helpers/cli.ts';
import { createFakeIstioctl, emptyBinDir, type FakeIstioctl } from './helpers/fake-istioctl.ts';
import { fixture } from './helpers/paths.ts';

const R = (svc: string, subset = '') => `outbound|9080|${subset}|${svc}.bookinfo.svc.cluster.local`;
const cluster = (json: TopJson, name: string): TopJsonRow => json.rows.find((r) => r.kind === 'cluster' && r.cluster === name)!;
const close = (actual: number | null, expected: number, what: string) =>
  assert.ok(actual !== null && Math.abs(actual - expected) < 1e-3, `${what}: ${actual} ≈ ${expected}`);

/**
 * meshtop against the fake istioctl, whose Envoy counters grow by a fixed step per
 * `x envoy-stats` call: per call, reviews v1 18 requests (2 × 5xx, 1 retry, 1 host ejected),
 * reviews v3 2, ratings v1 10 (1 × 5xx, 1 pending overflow), details v1 10 (1 retry).
 */
describe('meshtop --once with the fake istioctl', { timeout: 60_000 }, () => {
  let fake: FakeIstioctl;
  let scratch: string;
  before(() => {
    fake = createFakeIstioctl();
    scratch = mkdtempSync(path.join(tmpdir(), 'meshtop-test-'));
  });
  after(() => {
    fake.dispose();
    rmSync(scratch, { recursive: true, force: true });
  });
  beforeEach(() => fake.reset());

  async function topJson(args: string[], settings: Record<string, string> = {}): Promise<TopJson> {
    const result = await runCli(['top', ...args, '--once', '-o', 'json', '-i', '0.5'], fake.env(settings));
    assert.equal(result.code, 0, result.stderr);
    return JSON.parse(result.stdout) as TopJson;
  }

  it('prints rates from two samples: RPS, success, 5xx, retries, overflow, ejections, latency and weights', async () => {
    const json = await topJson([PRODUCTPAGE]);
    assert.equal(json.intervalSeconds, 0.5);
    assert.deepEqual(
      json.proxies.map((p) => [p.proxy, p.errors]),
      [[PRODUCTPAGE, []]],
    );
    const v1 = cluster(json, R('reviews', 'v1'));
    assert.ok(v1.rps! > 0);
    close(v1.errorsPerSec! / v1.rps!, 2 / 18, '5xx share');
    close(v1.successRate, 16 / 18, 'success');
    close(v1.retriesPerSec! / v1.rps!, 1 / 18, 'retries per request');
    assert.equal(v1.ejectionsActive, 1);
    assert.equal(v1.p50Ms, 7, 'from the upstream_rq_time histogram');
    assert.equal(v1.source, 'stats');
    assert.equal(v1.counterReset, false);
    const ratings = cluster(json, R('ratings', 'v1'));
    close(ratings.pendingOverflowPerSec! / ratings.rps!, 1 / 10, 'overflow per request');
    assert.equal(ratings.timeoutsPerSec, 0);
    // The canary split gets 17 + 2 load-balancer picks per sample (v1's 18 requests include a
    // retry): 89.5% observed, too few requests to judge a 10% weight.
    assert.deepEqual([v1.weightConfigured, v1.weightObserved, v1.weightSamples, v1.weightDiverges], [0.9, 0.8947, 19, null]);
    assert.equal(cluster(json, R('reviews', 'v3')).weightObserved, 0.1053);
    const ejected = json.rows.find((r) => r.kind === 'endpoint' && r.endpoint === '10.244.1.10:9080' && r.cluster === R('reviews', 'v1'))!;
    assert.equal(ejected.ejectionsActive, 1, 'failed_outlier_check from /clusters');
    assert.equal(ejected.zone, 'us-east1-b');
    // Envoy's load balancer (core/lb): the ejected host of the proxy's zone (priority 0 under Istio's
    // locality failover) takes nothing; priority 1's only host takes all of v1.
    assert.equal(ejected.share, 0);
    assert.match(ejected.noShare ?? '', /ejected by outlier detection/);
    const other = json.rows.find((r) => r.kind === 'endpoint' && r.endpoint === '10.244.2.11:9080' && r.cluster === R('reviews', 'v1'))!;
    assert.deepEqual([other.share, other.noShare], [1, null]);
    for (const field of [
      'rps',
      'successRate',
      'p50Ms',
      'p99Ms',
      'retriesPerSec',
      'timeoutsPerSec',
      'pendingOverflowPerSec',
      'ejectionsActive',
      'cxActive',
      'weightConfigured',
      'weightObserved',
      'weightDiverges',
    ]) {
      assert.ok(field in v1, `row field ${field}`);
    }
    const calls = fake.calls().map((c) => c.argv.slice(0, 2).join(' '));
    assert.equal(calls.filter((c) => c === 'x envoy-stats').length, 4, 'stats and /clusters, twice');
    assert.equal(calls.filter((c) => c === 'proxy-config all').length, 1, 'the config dump once');
  });

  it('selects proxies by namespace and pod labels from proxy-status', async () => {
    const json = await topJson(['-n', 'bookinfo', '-l', 'app=productpage']);
    assert.deepEqual(
      json.proxies.map((p) => p.proxy),
      [PRODUCTPAGE],
    );
    const none = await runCli(['top', '-n', 'bookinfo', '-l', 'app=nothing', '--once', '-i', '0.5'], fake.env());
    assert.equal(none.code, 1);
    assert.match(none.stderr, /no proxy matches namespace bookinfo -l app=nothing/);
  });

  it('prints the tree as text', async () => {
    const result = await runCli(['top', PRODUCTPAGE, '--once', '-i', '0.5'], fake.env());
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /^meshtop: productpage-v1-7d6cfb7dfd-4xk2p\.bookinfo · sampled \d\d:\d\d:\d\d UTC · rates over 0\.5s\n/);
    assert.match(result.stdout, /\nreviews\.bookinfo\.svc\.cluster\.local:9080 +\d/);
    assert.match(result.stdout, /\n {2}v1 .* 90%→89\.5%\n/);
    assert.match(result.stdout, /\n {4}10\.244\.1\.10:9080 /);
  });

  it('replays a snapshot captured from the fake as averages since Envoy started', async () => {
    const file = path.join(scratch, 'capture.json');
    const capture = await runCli(['snapshot', PRODUCTPAGE, '-o', file, '--force'], fake.env());
    assert.equal(capture.code, 0, capture.stderr);
    const result = await runCli(['top', '--snapshot', file, '--once', '-o', 'json'], fake.env());
    assert.equal(result.code, 0, result.stderr);
    const json = JSON.parse(result.stdout) as TopJson & { mode: string };
    assert.equal(json.mode, 'since-start');
    assert.equal(json.intervalSeconds, null);
    // The capture's first stats read: 100 × 18 requests over the fake's 39 600 s uptime.
    close(cluster(json, R('reviews', 'v1')).rps, 1800 / 39_600, 'v1 average since start');
    const text = await runCli(['top', PRODUCTPAGE, '--snapshot', path.join('fixtures', 'snapshots', 'bookinfo.json.gz'), '--once']);
    assert.match(text.stdout, /^ {4}10\.244\.1\.10:9080 ∅ /m, 'the ejected endpoint is marked in the table');
    assert.match(
      text.stdout,
      /^∅ 10\.244\.1\.10:9080 \(outbound\|9080\|v1\|reviews\.bookinfo\.svc\.cluster\.local\) takes no share of the requests: ejected by outlier detection$/m,
    );
    assert.equal(text.stdout.split('∅').length, 3, 'only that endpoint');
  });

  it('replays the bundled snapshot (fixtures/snapshots/bookinfo.json.gz) with rates, not "—"', async () => {
    const result = await runCli(['top', '--snapshot', path.join('fixtures', 'snapshots', 'bookinfo.json.gz'), '--once', '-o', 'json']);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stderr, '', 'every proxy of the snapshot has its stats');
    assert.equal((JSON.parse(result.stdout) as TopJson & { mode: string }).mode, 'since-start');
    // The snapshot holds every bookinfo proxy; productpage's is the one the fake's generator gives traffic.
    const pp = await runCli(['top', PRODUCTPAGE, '--snapshot', path.join('fixtures', 'snapshots', 'bookinfo.json.gz'), '--once', '-o', 'json']);
    assert.equal(pp.code, 0, pp.stderr);
    const json = JSON.parse(pp.stdout) as TopJson & { mode: string };
    assert.equal(json.mode, 'since-start');
    // The same generator as the fake's first read: 100 × 18 requests over 39 600 s of uptime.
    close(cluster(json, R('reviews', 'v1')).rps, 1800 / 39_600, 'v1 average since start');
  });

  it('says what is wrong, one line each, with the contract exit codes', async () => {
    const missing = await runCli(['top', PRODUCTPAGE, '--once'], { ...fake.env(), PATH: emptyBinDir() });
    assert.equal(missing.code, 3);
    assert.match(missing.stderr, /istioctl not found/);
    const usage: [string[], RegExp][] = [
      [['top', '--once'], /needs proxies to watch/],
      [['top', PRODUCTPAGE, '-i', '0.1', '--once'], /-i 0\.1: give seconds between 0\.5 and 60/],
      [['top', PRODUCTPAGE, '-o', 'json'], /-o needs --once/],
      [['top', PRODUCTPAGE], /needs a terminal.*meshtop --once -o json/],
      [['top', '-l', 'app in (a', '--once'], /-l app in \(a/],
    ];
    for (const [argv, message] of usage) {
      const result = await runCli(argv, fake.env());
      assert.equal(result.code, 2, argv.join(' '));
      assert.match(result.stderr, message);
      assert.equal(result.stderr.trim().split('\n').length, 1);
    }
    const help = await runCli(['top', '--help']);
    assert.match(help.stdout, /^Usage: meshtop/);
  });
});

describe('meshtop poller on the live source with the fake istioctl', { timeout: 60_000 }, () => {
  let fake: FakeIstioctl;
  before(() => {
    fake = createFakeIstioctl();
  });
  after(() => fake.dispose());

  const row = (root: TopRow, name: string): TopRow => {
    const all = (r: TopRow): TopRow[] => [r, ...r.children.flatMap(all)];
    return all(root).find((r) => r.kind === 'cluster' && r.cluster === name)!;
  };

  it('flags the weights when the configured split is not what the traffic does', async () => {
    const fixtures = mkdtempSync(path.join(tmpdir(), 'meshtop-fifty-'));
    cpSync(fixture('bookinfo'), fixtures, { recursive: true });
    const dumpFile = path.join(fixtures, 'productpage', 'config_dump.json');
    writeFileSync(dumpFile, readFileSync(dumpFile, 'utf8').replace('"weight": 90', '"weight": 50').replace('"weight": 10', '"weight": 50'));
    const source = createLiveSource({ env: fake.env({ FAKE_ISTIOCTL_FIXTURES: fixtures }), cwd: fake.stateDir });
    const poller = new TopPoller({ source, selection: { kind: 'named', proxies: [PRODUCTPAGE] } });
    try {
      const seen: (boolean | undefined)[] = [];
      for (let i = 0; i < 3; i++) {
        const { state } = await poller.pollNow();
        seen.push(row(state.proxies[0]!.root, R('reviews', 'v1')).weight?.diverges);
      }
      // 19 picks per interval at 50/50: one interval is too few (n·p < 10), two are enough.
      assert.deepEqual(seen, [undefined, undefined, true]);
      const { state } = poller.snapshot;
      const v1 = row(state.proxies[0]!.root, R('reviews', 'v1')).weight!;
      assert.deepEqual([v1.configured, v1.samples, Number(v1.observed!.toFixed(4))], [0.5, 38, 0.8947]);
      assert.equal(row(state.proxies[0]!.root, R('reviews', 'v3')).weight?.diverges, true);
    } finally {
      poller.stop();
      source.close();
      rmSync(fixtures, { recursive: true, force: true });
    }
  });

  it('sees Envoy restart (counters and uptime back to the start) as a reset, then normal rates again', async () => {
    const source = createLiveSource({ env: fake.env(), cwd: fake.stateDir });
    const poller = new TopPoller({ source, selection: { kind: 'named', proxies: [PRODUCTPAGE] } });
    try {
      const steps = path.join(fake.stateDir, 'stats-steps.json');
      writeFileSync(steps, JSON.stringify({ [PRODUCTPAGE]: 50 }));
      await poller.pollNow();
      await new Promise((r) => setTimeout(r, 300));
      const grown = await poller.pollNow();
      assert.equal(row(grown.state.proxies[0]!.root, R('reviews', 'v1')).metrics.reset, false);
      writeFileSync(steps, JSON.stringify({ [PRODUCTPAGE]: 0 }));
      const restarted = await poller.pollNow();
      const v1 = row(restarted.state.proxies[0]!.root, R('reviews', 'v1'));
      assert.equal(v1.metrics.reset, true);
      assert.ok(v1.metrics.rps! > 0, 'rated from the new counter value');
      const after = await poller.pollNow();
      assert.equal(row(after.state.proxies[0]!.root, R('reviews', 'v1')).metrics.reset, false);
    } finally {
      poller.stop();
      source.close();
    }
  });
});
