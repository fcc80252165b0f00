import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { ProxySummary } from '../src/app/mesh-source.ts';
import { mapLimit, TopPoller } from '../src/app/top-poller.ts';
import type { ProxyConfig } from '../src/core/envoy/types.ts';
import { parseLabelSelector } from '../src/core/istio/label-selector.ts';
import type { TopRow } from '../src/core/top/row.ts';
import type { TopState } from '../src/core/top/state.ts';
import { PRODUCTPAGE, productpageConfig } from './helpers/bookinfo-config.ts';
import { reviews } from './helpers/top-samples.ts';
import { type StubTraffic, TopStubSource } from './helpers/top-stub-source.ts';

let config: ProxyConfig;
before(async () => {
  config = await productpageConfig();
});

const summary = (name: string, labels: Record<string, string>): ProxySummary => ({
  name,
  pod: name.split('.')[0]!,
  namespace: name.split('.')[1]!,
  sync: {},
  labels,
});
const canary = (v1: number, v3: number): Record<string, StubTraffic> => ({
  [reviews('v1')]: { rps: v1, errorShare: 0.1, ejected: 1, endpoints: ['10.244.1.10:9080', '10.244.2.11:9080'] },
  [reviews('v3')]: { rps: v3, endpoints: ['10.244.2.12:9080'] },
});

function clusterRow(state: TopState, cluster: string, proxy = PRODUCTPAGE): TopRow {
  const root = state.proxies.find((p) => p.proxy === proxy)!.root;
  const all = (r: TopRow): TopRow[] => [r, ...r.children.flatMap(all)];
  return all(root).find((r) => r.kind === 'cluster' && r.cluster === cluster)!;
}

/** A poller on the stub with a clock the test moves. */
function setup(traffic: Record<string, StubTraffic>, proxies = [PRODUCTPAGE]) {
  const clock = { now: 1_736_930_000_000 };
  const source = new TopStubSource(
    config,
    proxies.map((p) => summary(p, { app: 'productpage' })),
    traffic,
    () => clock.now,
  );
  const poller = new TopPoller({ source, selection: { kind: 'named', proxies }, now: () => clock.now });
  return { clock, source, poller };
}

describe('meshtop poller over a source with growing counters', () => {
  it('shows no rate after one poll and Envoy rates after the next', async () => {
    const { clock, poller } = setup(canary(90, 10));
    clock.now += 10_000;
    const first = await poller.pollNow();
    assert.equal(clusterRow(first.state, reviews('v1')).metrics.rps, undefined);
    clock.now += 2000;
    const second = await poller.pollNow();
    const v1 = clusterRow(second.state, reviews('v1'));
    assert.equal(v1.metrics.rps, 90);
    assert.equal(v1.metrics.errorsPerSec, 9);
    assert.equal(v1.metrics.successRate, 0.9);
    assert.equal(v1.metrics.ejectionsActive, 1);
    assert.equal(v1.children.length, 2);
    assert.equal(v1.children.find((e) => e.endpoint === '10.244.2.11:9080')!.metrics.rps, 45);
    assert.equal(v1.weight?.observed, 0.9);
    assert.equal(v1.weight?.diverges, false);
    assert.equal(second.polls, 2);
  });

  it('flags a split whose traffic does not follow the configured 90/10', async () => {
    const { clock, poller } = setup(canary(50, 50));
    clock.now += 10_000;
    await poller.pollNow();
    clock.now += 2000;
    const { state } = await poller.pollNow();
    assert.equal(clusterRow(state, reviews('v3')).weight?.observed, 0.5);
    assert.equal(clusterRow(state, reviews('v3')).weight?.diverges, true);
  });

  it('sees an Envoy restart as a reset and rates from the new counters', async () => {
    const { clock, source, poller } = setup(canary(90, 10));
    clock.now += 100_000;
    await poller.pollNow();
    clock.now += 1000;
    source.restart();
    clock.now += 1000;
    const { state } = await poller.pollNow();
    const v1 = clusterRow(state, reviews('v1'));
    assert.equal(v1.metrics.reset, true);
    assert.equal(v1.metrics.rps, 90);
  });

  it('reports a failed read on the proxy and recovers at the next poll', async () => {
    const { clock, source, poller } = setup(canary(90, 10));
    clock.now += 10_000;
    await poller.pollNow();
    source.failing.add('stats');
    clock.now += 2000;
    const failed = await poller.pollNow();
    assert.deepEqual(failed.state.proxies[0]!.errors, ['stats: stats failed (stub)']);
    assert.equal(clusterRow(failed.state, reviews('v1')).metrics.rps, undefined);
    source.failing.clear();
    clock.now += 2000;
    const recovered = await poller.pollNow();
    assert.deepEqual(recovered.state.proxies[0]!.errors, []);
    assert.equal(clusterRow(recovered.state, reviews('v1')).metrics.rps, 90);
  });

  it('reads a few proxies at a time, each with its stats and /clusters side by side', async () => {
    const proxies = Array.from({ length: 6 }, (_, i) => `productpage-v1-${i}.bookinfo`);
    const clock = { now: 1_736_930_000_000 };
    const source = new TopStubSource(config, [], canary(90, 10), () => clock.now);
    source.delayMs = 15;
    const poller = new TopPoller({ source, selection: { kind: 'named', proxies }, concurrency: 2, now: () => clock.now });
    const snapshot = await poller.pollNow();
    assert.equal(snapshot.state.proxies.length, 6);
    assert.ok(source.maxInFlight <= 4 && source.maxInFlight >= 3, `in flight at most 2 proxies × 2 reads, saw ${source.maxInFlight}`);
    assert.equal(source.calls.proxyConfig, 6, 'config read once per proxy');
    await poller.pollNow();
    assert.equal(source.calls.proxyConfig, 6, 'and kept between polls');
  });

  it('follows a label selection as pods come and go', async () => {
    const clock = { now: 1_736_930_000_000 };
    const source = new TopStubSource(
      config,
      [summary('productpage-v1-a.bookinfo', { app: 'productpage' }), summary('reviews-v1-a.bookinfo', { app: 'reviews' })],
      canary(90, 10),
      () => clock.now,
    );
    const poller = new TopPoller({
      source,
      selection: { kind: 'query', namespace: 'bookinfo', selector: parseLabelSelector('app=productpage'), text: 'app=productpage' },
      now: () => clock.now,
    });
    assert.deepEqual((await poller.pollNow()).proxies, ['productpage-v1-a.bookinfo']);
    source.proxies = [summary('productpage-v1-b.bookinfo', { app: 'productpage' })];
    clock.now += 16_000;
    const after = await poller.pollNow();
    assert.deepEqual(after.proxies, ['productpage-v1-b.bookinfo']);
    assert.deepEqual(
      after.state.proxies.map((p) => p.proxy),
      ['productpage-v1-b.bookinfo'],
    );
    source.failing.add('listProxies');
    clock.now += 16_000;
    const failed = await poller.pollNow();
    assert.deepEqual(failed.proxies, ['productpage-v1-b.bookinfo'], 'keeps the last list');
    assert.match(failed.errors[0]!, /^proxy-status: listProxies failed/);
  });

  it('replays a one-reading source as averages since Envoy started', async () => {
    const clock = { now: 1_736_930_000_000 };
    const source = new TopStubSource(config, [], canary(90, 10), () => clock.now);
    Object.defineProperty(source, 'kind', { value: 'snapshot' });
    clock.now += 100_000;
    const poller = new TopPoller({ source, selection: { kind: 'named', proxies: [PRODUCTPAGE] }, now: () => clock.now });
    const snapshot = await poller.pollNow();
    assert.equal(snapshot.mode, 'since-start');
    assert.equal(clusterRow(snapshot.state, reviews('v1')).metrics.rps, 90);
    assert.equal(clusterRow(snapshot.state, reviews('v1')).weight?.observed, 0.9);
  });
});

describe('meshtop poller timing', () => {
  it('polls every interval, pauses, resumes, and stops with its reads cancelled', async () => {
    const source = new TopStubSource(config, [], canary(90, 10));
    const poller = new TopPoller({ source, selection: { kind: 'named', proxies: [PRODUCTPAGE] }, intervalMs: 500 });
    const seen: number[] = [];
    poller.subscribe((s) => seen.push(s.polls));
    poller.start();
    await new Promise((r) => setTimeout(r, 1300));
    assert.ok(poller.snapshot.polls >= 3 && poller.snapshot.polls <= 4, `polls after 1.3 s at 0.5 s: ${poller.snapshot.polls}`);
    poller.setPaused(true);
    const paused = poller.snapshot.polls;
    await new Promise((r) => setTimeout(r, 700));
    assert.equal(poller.snapshot.polls, paused, 'no polls while paused');
    assert.equal(poller.snapshot.paused, true);
    source.delayMs = 10_000;
    poller.setPaused(false);
    await new Promise((r) => setTimeout(r, 50));
    assert.equal(poller.snapshot.polling, true, 'resuming polls at once');
    const stoppedAt = Date.now();
    poller.stop();
    await new Promise((r) => setTimeout(r, 50));
    assert.equal(poller.snapshot.polling, false);
    assert.ok(Date.now() - stoppedAt < 1000);
    assert.equal(source.inFlight, 0, 'reads cancelled');
    assert.ok(seen.length > 0);
  });

  it('keeps the interval between 0.5 s and 60 s', () => {
    const poller = new TopPoller({ source: new TopStubSource(config, [], {}), selection: { kind: 'named', proxies: [] } });
    poller.setIntervalMs(100);
    assert.equal(poller.snapshot.intervalMs, 500);
    poller.setIntervalMs(120_000);
    assert.equal(poller.snapshot.intervalMs, 60_000);
  });

  it('maps with a limit, in order', async () => {
    let running = 0;
    let most = 0;
    const out = await mapLimit([5, 1, 3, 2], 2, async (n) => {
      most = Math.max(most, ++running);
      await new Promise((r) => setTimeout(r, n));
      running--;
      return n * 10;
    });
    assert.deepEqual(out, [50, 10, 30, 20]);
    assert.equal(most, 2);
  });
});
