import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ClusterStatResolver } from '../src/core/top/cluster-stats.ts';
import { checkShare } from '../src/core/top/divergence.ts';
import { formatAge, formatMs, formatPercent, formatRate, formatWeight } from '../src/core/top/format.ts';
import { counterRate, type RateWindow } from '../src/core/top/rate.ts';
import { buildWorkloadSample, quantile } from '../src/core/top/sample.ts';
import { sparkline } from '../src/core/top/sparkline.ts';
import { hosts, reviews, stats } from './helpers/top-samples.ts';

const known = [reviews('v1'), reviews(''), 'xds-grpc', 'foo'];

describe('cluster stat names: cluster.<name>.<stat> split against known cluster names', () => {
  const resolver = new ClusterStatResolver(known.map((name) => ({ name, statName: `${name};` })));
  const cases: [string, string, { cluster: string; stat: string } | null][] = [
    ['Istio 1.21+ delimited name', `cluster.${reviews('v1')};.upstream_rq_total`, { cluster: reviews('v1'), stat: 'upstream_rq_total' }],
    ['pre-1.21 name with dots and no delimiter', `cluster.${reviews('v1')}.upstream_rq_5xx`, { cluster: reviews('v1'), stat: 'upstream_rq_5xx' }],
    ['subset-less cluster (`||`)', `cluster.${reviews('')};.upstream_cx_active`, { cluster: reviews(''), stat: 'upstream_cx_active' }],
    [
      'stat with a dot in it',
      `cluster.${reviews('v1')};.outlier_detection.ejections_active`,
      { cluster: reviews('v1'), stat: 'outlier_detection.ejections_active' },
    ],
    [
      'retry sub-tree is not the final-response counter',
      `cluster.${reviews('v1')};.retry.upstream_rq_5xx`,
      { cluster: reviews('v1'), stat: 'retry.upstream_rq_5xx' },
    ],
    ['internal sub-tree of a plain name', 'cluster.foo.internal.upstream_rq_5xx', { cluster: 'foo', stat: 'internal.upstream_rq_5xx' }],
    ['Envoy-internal cluster', 'cluster.xds-grpc.upstream_rq_total', { cluster: 'xds-grpc', stat: 'upstream_rq_total' }],
    ['unknown cluster, Istio delimiter', 'cluster.outbound|80||new.svc;.upstream_rq_total', { cluster: 'outbound|80||new.svc', stat: 'upstream_rq_total' }],
    [
      'unknown cluster, known stat suffix',
      'cluster.outbound|80||new.example.com.upstream_rq_retry',
      { cluster: 'outbound|80||new.example.com', stat: 'upstream_rq_retry' },
    ],
    ['unknown cluster, sub-tree stat refused', 'cluster.outbound|80||new.example.com.canary.upstream_rq_5xx', null],
    ['unknown cluster, zone sub-tree refused', 'cluster.bar.zone.us-east1-b.us-east1-c.upstream_rq_5xx', null],
    ['not a cluster stat', 'cluster_manager.active_clusters', null],
    ['server stat', 'server.uptime', null],
  ];
  for (const [what, name, expected] of cases) {
    it(what, () => assert.deepEqual(resolver.resolve(name), expected));
  }

  it('gives the shared `PassthroughCluster;` stat name to PassthroughCluster, whichever comes first', () => {
    for (const order of [
      ['InboundPassthroughCluster', 'PassthroughCluster'],
      ['PassthroughCluster', 'InboundPassthroughCluster'],
    ]) {
      const r = new ClusterStatResolver(order.map((name) => ({ name, statName: 'PassthroughCluster;' })));
      assert.equal(r.resolve('cluster.PassthroughCluster;.upstream_cx_active')?.cluster, 'PassthroughCluster');
    }
  });
});

describe('building a sample', () => {
  const resolver = new ClusterStatResolver(known.map((name) => ({ name, statName: `${name};` })));
  it('reads counters, gauges and the request-time histogram; a gauge counted as a counter still lands right', () => {
    const input = stats(1000, { [reviews('v1')]: { rq_total: 10, rq_5xx: 1, cx_active: 3, ejections_active: 1, p50: 4, p99: 40 } }, 500);
    // A source that cannot tell gauges from counters: ejections_active among the counters.
    input.counters[`cluster.${reviews('v1')};.outlier_detection.ejections_active`] =
      input.gauges[`cluster.${reviews('v1')};.outlier_detection.ejections_active`]!;
    delete input.gauges[`cluster.${reviews('v1')};.outlier_detection.ejections_active`];
    const sample = buildWorkloadSample(
      'p.ns',
      resolver,
      input,
      hosts(1000, { [reviews('v1')]: [{ address: '10.0.0.1:9080', rq_total: 7, ejected: true, zone: 'b' }] }),
    );
    const c = sample.clusters.get(reviews('v1'))!;
    assert.deepEqual(c.counters, { rqTotal: 10, rq5xx: 1 });
    assert.deepEqual(c.gauges, { cxActive: 3, ejectionsActive: 1 });
    assert.equal(c.p50Ms, 4);
    assert.equal(c.p99Ms, 40);
    assert.equal(sample.uptimeSec, 500);
    assert.deepEqual(
      c.hosts?.map((h) => [h.address, h.ejected, h.counters.rqTotal, h.zone]),
      [['10.0.0.1:9080', true, 7, 'b']],
    );
  });

  it('finds quantiles whatever the key spelling', () => {
    for (const summary of [{ P99: 5 }, { p99: 5 }, { '99': 5 }, { '0.99': 5 }] as Record<string, number>[]) assert.equal(quantile(summary, 99), 5);
    assert.equal(quantile({ P99: Number.NaN }, 99), undefined);
  });
});

describe('counter rates', () => {
  const w = (seconds: number, restarted = false, sinceRestartSec?: number): RateWindow => ({
    seconds,
    restarted,
    ...(sinceRestartSec === undefined ? {} : { sinceRestartSec }),
  });
  const cases: [string, number | undefined, number | undefined, RateWindow | undefined, number | undefined, boolean][] = [
    ['first sample: no rate, not zero', undefined, 100, w(2), undefined, false],
    ['same read again (no new interval): no rate', 100, 100, undefined, undefined, false],
    ['growth over the interval', 100, 120, w(2), 10, false],
    ['no traffic: a real zero', 100, 100, w(2), 0, false],
    ['counter went down: reset, the new value over the interval (a lower bound)', 1000, 30, w(2), 15, true],
    ['Envoy restarted 0.5 s ago (uptime): the new value over the uptime', 1000, 30, w(2, true, 0.5), 60, true],
    ['restart seen in uptime although the counter grew: still from the new value', 10, 40, w(2, true, 1), 40, true],
    ['counter appears (absent before): no rate', undefined, 5, w(2), undefined, false],
  ];
  for (const [what, previous, current, window, perSec, reset] of cases) {
    it(what, () => assert.deepEqual(counterRate(previous, current, window), { perSec, reset }));
  }
});

describe('weight divergence: |x/n − p| > 3·sqrt(p(1−p)/n), only with enough requests', () => {
  const cases: [string, number, number, number, boolean | undefined][] = [
    ['no requests', 0.9, 0, 0, undefined],
    ['too few requests for the normal approximation (n·(1−p) < 10)', 0.9, 40, 50, undefined],
    ['90/10 observed as 88% of 1000: within chance', 0.9, 880, 1000, false],
    ['90/10 observed as 80% of 1000: diverges', 0.9, 800, 1000, true],
    ['50/50 observed as 55% of 100: within chance (tolerance 15%)', 0.5, 55, 100, false],
    ['50/50 observed as 90% of 100: diverges', 0.5, 90, 100, true],
    ['weight 0 receiving 3 requests: diverges', 0, 3, 100, true],
    ['weight 0 receiving 1 request: tolerated', 0, 1, 100, false],
    ['weight 100% missing 5 requests: diverges', 1, 95, 100, true],
  ];
  for (const [what, p, hits, n, diverges] of cases) {
    it(what, () => assert.equal(checkShare(p, hits, n).diverges, diverges));
  }
  it('reports the observed share and the tolerance', () => {
    const check = checkShare(0.9, 880, 1000);
    assert.equal(check.observed, 0.88);
    assert.ok(Math.abs(check.tolerance! - 3 * Math.sqrt(0.09 / 1000)) < 1e-12);
  });
});

describe('formatting', () => {
  it('prints unknown as —, never 0', () => {
    assert.equal(formatRate(undefined), '—');
    assert.equal(formatPercent(undefined), '—');
    assert.equal(formatMs(undefined), '—');
    assert.equal(formatRate(0), '0');
  });
  const rates: [number, string][] = [
    [0.004, '<0.01'],
    [0.05, '0.05'],
    [2.5, '2.5'],
    [150, '150'],
    [1234, '1.2k'],
    [25_000, '25k'],
  ];
  for (const [value, text] of rates) it(`rate ${value} → ${text}`, () => assert.equal(formatRate(value), text));
  it('percentages, times, ages', () => {
    assert.equal(formatPercent(1), '100%');
    assert.equal(formatPercent(0.9996), '99.9%');
    assert.equal(formatPercent(0.875), '87.5%');
    assert.equal(formatMs(3.25), '3.3ms');
    assert.equal(formatMs(1500), '1.5s');
    assert.equal(formatAge(2300), '2.3s');
    assert.equal(formatAge(45_000), '45s');
  });
  it('weights: configured → observed, ! when diverging, ? when not comparable', () => {
    assert.equal(formatWeight({ route: 'r', configured: 0.9, observed: 0.6, samples: 500, diverges: true }), '90%→60% !');
    assert.equal(formatWeight({ route: 'r', configured: 0.1, samples: 0 }), '10%→—');
    assert.equal(formatWeight({ route: 'r', configured: 0.5, samples: 0, notComparable: 'shared' }), '50%→?');
  });
  it('sparklines scale to the window, keep gaps and pad on the left', () => {
    assert.equal(sparkline([undefined, 0, 5, 10], 6), '   ▁▅█');
    assert.equal(sparkline([1, 1], 3), ' ██');
    assert.equal(sparkline([0, 0], 2), '▁▁');
    assert.equal(sparkline([0, 10], 2, true), '_#');
  });
});
