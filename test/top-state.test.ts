import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { ProxyConfig } from '../src/core/envoy/types.ts';
import { type ClusterStatResolver, clusterStatResolver } from '../src/core/top/cluster-stats.ts';
import { topJson } from '../src/core/top/json.ts';
import type { TopRow } from '../src/core/top/row.ts';
import { buildWorkloadSample, type HostStatusInput, type StatsInput } from '../src/core/top/sample.ts';
import { advanceTop, DEFAULT_TOP_OPTIONS, EMPTY_TOP, type TopOptions, type TopState } from '../src/core/top/state.ts';
import { topText } from '../src/core/top/text.ts';
import { type WeightPlan, weightPlan } from '../src/core/top/weights.ts';
import { PRODUCTPAGE, productpageConfig } from './helpers/bookinfo-config.ts';
import { type ClusterStatSpec, type HostSpec, hosts, ratings, reviews, stats } from './helpers/top-samples.ts';

let config: ProxyConfig;
let plan: WeightPlan;
let resolver: ClusterStatResolver;

before(async () => {
  config = await productpageConfig();
  plan = weightPlan(config);
  resolver = clusterStatResolver(config);
});

/** Feeds samples of the productpage proxy through meshtop's state, as the poller does. */
class Run {
  state: TopState = EMPTY_TOP;
  constructor(private readonly options: TopOptions = DEFAULT_TOP_OPTIONS) {}
  poll(input: { stats?: StatsInput; hosts?: HostStatusInput; errors?: string[] }): this {
    const sample = buildWorkloadSample(PRODUCTPAGE, resolver, input.stats, input.hosts, input.errors ?? []);
    this.state = advanceTop(this.state, [sample], new Map([[PRODUCTPAGE, plan]]), this.options);
    return this;
  }
  row(cluster: string, endpoint?: string): TopRow {
    const rows = allRows(this.state.proxies[0]!.root);
    const found = rows.find((r) => r.cluster === cluster && (endpoint === undefined ? r.kind === 'cluster' : r.endpoint === endpoint));
    assert.ok(found, `row ${cluster} ${endpoint ?? ''}`);
    return found;
  }
}

function allRows(root: TopRow): TopRow[] {
  return [root, ...root.children.flatMap(allRows)];
}

const T0 = 1_736_930_000_000;
const canary = (v1: number, v3: number, extra: Record<string, ClusterStatSpec> = {}): Record<string, ClusterStatSpec> => ({
  [reviews('v1')]: { rq_total: v1, rq_2xx: v1 },
  [reviews('v3')]: { rq_total: v3, rq_2xx: v3 },
  ...extra,
});

describe('meshtop rates from two samples', () => {
  it('shows no rate on the first sample (— in text, null in JSON), but shows gauges', () => {
    const run = new Run().poll({ stats: stats(T0, canary(1000, 100, { [ratings('v1')]: { rq_total: 50, cx_active: 4 } }), 40_000) });
    const v1 = run.row(reviews('v1'));
    assert.equal(v1.metrics.rps, undefined);
    assert.equal(v1.metrics.successRate, undefined);
    assert.equal(run.row(ratings('v1')).metrics.cxActive, 4);
    const json = topJson(run.state, 2);
    const row = json.rows.find((r) => r.cluster === reviews('v1') && r.kind === 'cluster')!;
    assert.equal(row.rps, null);
    assert.equal(row.weightObserved, null);
    assert.match(topText(run.state, 2), /v1\s+—\s+—/);
  });

  it('computes RPS, success, 5xx/s, retries/s, timeouts/s and overflow/s from counter deltas', () => {
    const run = new Run()
      .poll({
        stats: stats(T0, { [ratings('v1')]: { rq_total: 100, rq_2xx: 90, rq_4xx: 5, rq_5xx: 5, rq_retry: 3, rq_timeout: 1, rq_pending_overflow: 0 } }, 40_000),
      })
      .poll({
        stats: stats(
          T0 + 2000,
          { [ratings('v1')]: { rq_total: 140, rq_2xx: 120, rq_4xx: 10, rq_5xx: 10, rq_retry: 5, rq_timeout: 2, rq_pending_overflow: 4 } },
          40_002,
        ),
      });
    const m = run.row(ratings('v1')).metrics;
    assert.equal(m.rps, 20);
    assert.equal(m.errorsPerSec, 2.5);
    assert.equal(m.successRate, 35 / 40);
    assert.equal(m.retriesPerSec, 1);
    assert.equal(m.timeoutsPerSec, 0.5);
    assert.equal(m.pendingOverflowPerSec, 2);
    assert.equal(m.picks, 38, 'requests picked = Δtotal − Δretries');
    assert.equal(m.reset, false);
    assert.equal(m.source, 'stats');
  });

  it('treats an absent upstream_rq_5xx as 0 once other response classes exist (Envoy creates them lazily)', () => {
    const run = new Run().poll({ stats: stats(T0, canary(100, 10), 1) }).poll({ stats: stats(T0 + 1000, canary(150, 15), 2) });
    assert.equal(run.row(reviews('v1')).metrics.errorsPerSec, 0);
    assert.equal(run.row(reviews('v1')).metrics.successRate, 1);
  });

  it('treats a counter that went down as a reset: the rate counts from the new value, over the uptime when Envoy says it restarted', () => {
    const run = new Run().poll({ stats: stats(T0, canary(5000, 500), 40_000) }).poll({ stats: stats(T0 + 2000, canary(10, 1), 1) });
    const m = run.row(reviews('v1')).metrics;
    assert.equal(m.reset, true);
    assert.equal(m.rps, 10, '10 requests in the 1 s since the restart');
    const json = topJson(run.state, 2).rows.find((r) => r.cluster === reviews('v1') && r.kind === 'cluster')!;
    assert.equal(json.counterReset, true);
    assert.match(topText(run.state, 2), /10\*/);
  });

  it('without uptime, a reset divides the new value by the interval', () => {
    const run = new Run().poll({ stats: stats(T0, canary(5000, 500)) }).poll({ stats: stats(T0 + 2000, canary(10, 2)) });
    assert.equal(run.row(reviews('v1')).metrics.rps, 5);
    assert.equal(run.row(reviews('v1')).metrics.reset, true);
  });

  it('keeps the last good read when a poll fails: rates are — for that poll, then cover both intervals', () => {
    const run = new Run().poll({ stats: stats(T0, canary(100, 10), 1) });
    run.poll({ errors: ['envoy-stats: timed out after 20s'] });
    assert.equal(run.row(reviews('v1')).metrics.rps, undefined);
    assert.deepEqual(run.state.proxies[0]!.errors, ['envoy-stats: timed out after 20s']);
    assert.deepEqual(topJson(run.state, 2).proxies[0]!.errors, ['envoy-stats: timed out after 20s']);
    run.poll({ stats: stats(T0 + 4000, canary(180, 18), 5) });
    assert.equal(run.row(reviews('v1')).metrics.rps, 20);
    assert.deepEqual(run.state.proxies[0]!.errors, []);
  });
});

describe('meshtop from /clusters host counters (Istio keeps cluster stats out by default)', () => {
  const v1Hosts = (a: number, b: number, extra: HostSpec[] = []): Record<string, HostSpec[]> => ({
    [reviews('v1')]: [
      { address: '10.244.1.10:9080', rq_total: a, rq_success: a, ejected: true, zone: 'us-east1-b' },
      { address: '10.244.2.11:9080', rq_total: b, rq_success: b - 10, rq_error: 10, cx_active: 3 },
      ...extra,
    ],
  });

  it('sums host rates for the cluster and shows each endpoint', () => {
    const run = new Run()
      .poll({ stats: stats(T0, {}, 1), hosts: hosts(T0, v1Hosts(100, 200)) })
      .poll({ stats: stats(T0 + 2000, {}, 3), hosts: hosts(T0 + 2000, v1Hosts(100, 240)) });
    const cluster = run.row(reviews('v1')).metrics;
    assert.equal(cluster.source, 'hosts');
    assert.equal(cluster.rps, 20);
    assert.equal(cluster.ejectionsActive, 1, 'counted from failed_outlier_check');
    assert.equal(cluster.cxActive, 3);
    const ejected = run.row(reviews('v1'), '10.244.1.10:9080');
    assert.equal(ejected.metrics.ejectionsActive, 1);
    assert.equal(ejected.metrics.rps, 0);
    assert.equal(ejected.zone, 'us-east1-b');
    assert.equal(run.row(reviews('v1'), '10.244.2.11:9080').metrics.rps, 20);
  });

  it('gives a new pod no rate yet and drops a pod that went away', () => {
    const run = new Run().poll({ hosts: hosts(T0, v1Hosts(100, 200)) }).poll({
      hosts: hosts(T0 + 2000, {
        [reviews('v1')]: [
          { address: '10.244.2.11:9080', rq_total: 220 },
          { address: '10.244.3.7:9080', rq_total: 5000 },
        ],
      }),
    });
    assert.equal(run.row(reviews('v1'), '10.244.3.7:9080').metrics.rps, undefined);
    assert.equal(run.row(reviews('v1')).metrics.rps, 10, 'the new pod does not count until it has a rate');
    assert.ok(!allRows(run.state.proxies[0]!.root).some((r) => r.endpoint === '10.244.1.10:9080'));
  });

  it('sees an endpoint re-added with fresh counters as a reset', () => {
    const run = new Run().poll({ hosts: hosts(T0, v1Hosts(100, 200)) }).poll({ hosts: hosts(T0 + 2000, v1Hosts(100, 6)) });
    const ep = run.row(reviews('v1'), '10.244.2.11:9080').metrics;
    assert.equal(ep.reset, true);
    assert.equal(ep.rps, 3);
  });
});

describe('ejections over time', () => {
  it('follows outlier_detection.ejections_active as hosts are ejected and return', () => {
    const run = new Run();
    const seen: (number | undefined)[] = [];
    for (const [i, ejected] of [0, 1, 1, 0].entries()) {
      run.poll({ stats: stats(T0 + i * 2000, { [reviews('v1')]: { rq_total: 100 + i * 10, ejections_active: ejected } }, 10 + i * 2) });
      seen.push(run.row(reviews('v1')).metrics.ejectionsActive);
    }
    assert.deepEqual(seen, [0, 1, 1, 0]);
  });
});

describe('configured weight beside observed share (reviews-canary: v1 90%, v3 10%)', () => {
  it('matches when traffic follows the weights, with the split size as the sample count', () => {
    const run = new Run().poll({ stats: stats(T0, canary(1000, 100), 1) }).poll({ stats: stats(T0 + 2000, canary(1180, 120), 3) });
    const v1 = run.row(reviews('v1')).weight!;
    assert.equal(v1.configured, 0.9);
    assert.equal(v1.observed, 0.9);
    assert.equal(v1.samples, 200);
    assert.equal(v1.diverges, false);
    const json = topJson(run.state, 2).rows.find((r) => r.cluster === reviews('v3') && r.kind === 'cluster')!;
    assert.deepEqual([json.weightConfigured, json.weightObserved, json.weightDiverges, json.weightSamples], [0.1, 0.1, false, 200]);
  });

  it('flags a split that drifts beyond what the sample size explains, over the window', () => {
    const run = new Run().poll({ stats: stats(T0, canary(1000, 100), 1) }).poll({ stats: stats(T0 + 2000, canary(1180, 120), 3) });
    run.poll({ stats: stats(T0 + 4000, canary(1280, 220), 5) });
    const v1 = run.row(reviews('v1')).weight!;
    assert.equal(v1.samples, 400);
    assert.equal(v1.observed, 0.7);
    assert.equal(v1.diverges, true);
    assert.equal(run.row(reviews('v3')).weight!.diverges, true);
    assert.match(topText(run.state, 2), /90%→70% !/);
  });

  it('does not judge a small sample', () => {
    const run = new Run().poll({ stats: stats(T0, canary(1000, 100), 1) }).poll({ stats: stats(T0 + 2000, canary(1010, 110), 3) });
    assert.equal(run.row(reviews('v1')).weight!.diverges, undefined);
  });

  it('counts picks without retries: a retry storm on v3 is not a weight change', () => {
    const run = new Run()
      .poll({ stats: stats(T0, { [reviews('v1')]: { rq_total: 0, rq_retry: 0 }, [reviews('v3')]: { rq_total: 0, rq_retry: 0 } }, 1) })
      .poll({ stats: stats(T0 + 2000, { [reviews('v1')]: { rq_total: 900, rq_retry: 0 }, [reviews('v3')]: { rq_total: 400, rq_retry: 300 } }, 3) });
    assert.equal(run.row(reviews('v3')).weight!.observed, 0.1);
    assert.equal(run.row(reviews('v3')).weight!.diverges, false);
  });

  it('forgets intervals older than the window', () => {
    const run = new Run({ ...DEFAULT_TOP_OPTIONS, weightWindow: 1 }).poll({ stats: stats(T0, canary(0, 0), 1) });
    run.poll({ stats: stats(T0 + 2000, canary(100, 900), 3) }).poll({ stats: stats(T0 + 4000, canary(1000, 1000), 5) });
    assert.equal(run.row(reviews('v1')).weight!.observed, 0.9);
  });

  it('does not compare when another route also sends to a split cluster', async () => {
    const shared = await productpageConfig({ 'jason-to-v2': (r) => (r.route.cluster = reviews('v1')) });
    const sharedPlan = weightPlan(shared);
    assert.equal(sharedPlan.splits[0]!.exclusive, false);
    const sample = (t: number, v1: number, v3: number) => buildWorkloadSample(PRODUCTPAGE, resolver, stats(t, canary(v1, v3), t), undefined, []);
    let state = advanceTop(EMPTY_TOP, [sample(1, 0, 0)], new Map([[PRODUCTPAGE, sharedPlan]]));
    state = advanceTop(state, [sample(2001, 500, 500)], new Map([[PRODUCTPAGE, sharedPlan]]));
    const row = allRows(state.proxies[0]!.root).find((r) => r.cluster === reviews('v1') && r.kind === 'cluster')!;
    assert.equal(row.weight!.diverges, undefined);
    assert.match(row.weight!.notComparable!, /other routes/);
    assert.equal(topJson(state, 2).rows.find((r) => r.cluster === reviews('v1') && r.kind === 'cluster')!.weightSamples, null);
  });
});

describe('which clusters are rows', () => {
  it('hides inbound, Envoy-internal and never-used clusters, but keeps a split cluster with no traffic', () => {
    const input = stats(
      T0,
      {
        [reviews('v1')]: { rq_total: 10 },
        [reviews('v3')]: { rq_total: 0 },
        [ratings('v2')]: { rq_total: 0 },
        'inbound|9080||': { rq_total: 50 },
        'xds-grpc': { rq_total: 9 },
      },
      1,
    );
    const run = new Run().poll({ stats: input });
    const clusters = allRows(run.state.proxies[0]!.root)
      .filter((r) => r.kind === 'cluster')
      .map((r) => r.cluster);
    assert.deepEqual(clusters.sort(), [reviews('v1'), reviews('v3')]);
    const all = new Run({ ...DEFAULT_TOP_OPTIONS, allClusters: true, includeIdle: true }).poll({ stats: input });
    const every = allRows(all.state.proxies[0]!.root)
      .filter((r) => r.kind === 'cluster')
      .map((r) => r.cluster);
    assert.ok(every.includes('inbound|9080||') && every.includes('xds-grpc') && every.includes(ratings('v2')));
  });

  it('groups subset clusters under their service host:port with summed rates', () => {
    const run = new Run().poll({ stats: stats(T0, canary(0, 0), 1) }).poll({ stats: stats(T0 + 2000, canary(180, 20), 3) });
    const service = run.state.proxies[0]!.root.children.find((s) => s.name === 'reviews.bookinfo.svc.cluster.local:9080')!;
    assert.equal(service.kind, 'service');
    assert.deepEqual(service.children.map((c) => c.name).sort(), ['v1', 'v3']);
    assert.equal(service.metrics.rps, 100);
    assert.deepEqual(service.history, [undefined, 100]);
  });
});
