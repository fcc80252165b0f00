import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { ProxyConfig } from '../src/core/envoy/types.ts';
import { explain } from '../src/core/explain/explain.ts';
import { parseRequest } from '../src/core/router/request.ts';
import { busiestRoute } from '../src/core/top/busiest.ts';
import { clusterStatResolver } from '../src/core/top/cluster-stats.ts';
import { buildWorkloadSample } from '../src/core/top/sample.ts';
import { advanceTop, EMPTY_TOP, type TopState } from '../src/core/top/state.ts';
import { type ViewOptions, visibleRows } from '../src/core/top/view.ts';
import { weightPlan } from '../src/core/top/weights.ts';
import { PRODUCTPAGE, productpageConfig } from './helpers/bookinfo-config.ts';
import { type ClusterStatSpec, hosts, ratings, reviews, stats } from './helpers/top-samples.ts';

let config: ProxyConfig;
let state: TopState;
const T0 = 1_736_930_000_000;

const traffic = (step: number): Record<string, ClusterStatSpec> => ({
  [reviews('v1')]: { rq_total: 900 * step, rq_2xx: 900 * step },
  [reviews('v3')]: { rq_total: 100 * step, rq_2xx: 90 * step, rq_5xx: 10 * step },
  [ratings('v1')]: { rq_total: 300 * step, rq_2xx: 300 * step, rq_retry: 20 * step },
});
const endpoints = (step: number) =>
  hosts(T0 + step * 2000, {
    [reviews('v1')]: [
      { address: '10.244.1.10:9080', rq_total: 10, ejected: true },
      { address: '10.244.2.11:9080', rq_total: 900 * step },
    ],
  });

function poll(config: ProxyConfig, proxies: string[], steps: number): TopState {
  const resolver = clusterStatResolver(config);
  const plans = new Map(proxies.map((p) => [p, weightPlan(config)]));
  let s = EMPTY_TOP;
  for (let step = 1; step <= steps; step++) {
    s = advanceTop(
      s,
      proxies.map((p) => buildWorkloadSample(p, resolver, stats(T0 + step * 2000, traffic(step), step * 2), endpoints(step), [])),
      plans,
    );
  }
  return s;
}

before(async () => {
  config = await productpageConfig();
  state = poll(config, [PRODUCTPAGE], 2);
});

const names = (options: Partial<ViewOptions>, s = state) =>
  visibleRows(s, { sort: { column: 'rps', descending: true }, ...options }).map((v) => `${'  '.repeat(v.depth)}${v.row.name}`);

describe('the rows on screen', () => {
  it('leaves out the workload row for one proxy, sorts by RPS and keeps clusters closed', () => {
    assert.deepEqual(names({}), ['reviews.bookinfo.svc.cluster.local:9080', '  v1', '  v3', 'ratings.bookinfo.svc.cluster.local:9080', '  v1']);
  });

  it('sorts by another column, ascending or descending, at every level', () => {
    assert.deepEqual(names({ sort: { column: 'retriesPerSec', descending: true } }).slice(0, 2), ['ratings.bookinfo.svc.cluster.local:9080', '  v1']);
    assert.deepEqual(names({ sort: { column: 'name', descending: false } }), [
      'ratings.bookinfo.svc.cluster.local:9080',
      '  v1',
      'reviews.bookinfo.svc.cluster.local:9080',
      '  v1',
      '  v3',
    ]);
    assert.deepEqual(names({ sort: { column: 'errorsPerSec', descending: true } }).slice(0, 3), ['reviews.bookinfo.svc.cluster.local:9080', '  v3', '  v1']);
  });

  it('opens a cluster when toggled, showing its endpoints', () => {
    const key = visibleRows(state, { sort: { column: 'rps', descending: true } })[1]!.row.key;
    assert.deepEqual(names({ toggled: new Set([key]) }).slice(0, 4), [
      'reviews.bookinfo.svc.cluster.local:9080',
      '  v1',
      '    10.244.2.11:9080',
      '    10.244.1.10:9080',
    ]);
  });

  it('drills into one cluster: only it and its endpoints', () => {
    const key = visibleRows(state, { sort: { column: 'rps', descending: true } })[1]!.row.key;
    assert.deepEqual(names({ focus: key }), ['v1', '  10.244.2.11:9080', '  10.244.1.10:9080']);
  });

  it('filters by text, keeping the path to a match and all of a matching row', () => {
    assert.deepEqual(names({ filter: 'ratings' }), ['ratings.bookinfo.svc.cluster.local:9080', '  v1']);
    assert.deepEqual(names({ filter: '10.244.1.10' }), ['reviews.bookinfo.svc.cluster.local:9080', '  v1', '    10.244.1.10:9080']);
    assert.deepEqual(names({ filter: 'nothing-like-this' }), []);
  });

  it('shows a workload row per proxy when there are several', () => {
    const two = poll(config, [PRODUCTPAGE, 'productpage-v1-other.bookinfo'], 2);
    const top = visibleRows(two, { sort: { column: 'name', descending: false } }).filter((v) => v.depth === 0);
    assert.deepEqual(
      top.map((v) => [v.row.kind, v.row.name]),
      [
        ['workload', 'productpage-v1-7d6cfb7dfd-4xk2p.bookinfo'],
        ['workload', 'productpage-v1-other.bookinfo'],
      ],
    );
  });
});

describe('the busiest route, for `e`', () => {
  it('is the first reachable route to the busiest cluster, as a request that explain routes there', () => {
    const busiest = busiestRoute(config, state.proxies[0]!.root)!;
    assert.equal(busiest.cluster, reviews('v1'));
    assert.equal(busiest.route, '9080/reviews.bookinfo.svc.cluster.local:9080/reviews-canary');
    assert.equal(busiest.request, 'GET http://reviews.bookinfo.svc.cluster.local:9080/');
    const result = explain(config, parseRequest(busiest.request, busiest.headers), { randomValue: 5n });
    assert.equal(result.route?.name, 'reviews-canary');
    assert.equal(result.cluster, reviews('v1'));
  });

  it('carries the header match of a header route', () => {
    const resolver = clusterStatResolver(config);
    const sample = (t: number, v2: number) =>
      buildWorkloadSample(PRODUCTPAGE, resolver, stats(t, { ...traffic(1), [reviews('v2')]: { rq_total: v2 } }, t / 1000), undefined, []);
    const busy = advanceTop(advanceTop(EMPTY_TOP, [sample(1000, 0)], new Map()), [sample(3000, 1_000_000)], new Map());
    const busiest = busiestRoute(config, busy.proxies[0]!.root)!;
    assert.equal(busiest.cluster, reviews('v2'));
    assert.deepEqual(busiest.headers, ['end-user: jason']);
    const result = explain(config, parseRequest(busiest.request, busiest.headers));
    assert.equal(result.route?.name, 'jason-to-v2');
  });

  it('is undefined with no traffic yet', () => {
    assert.equal(busiestRoute(config, poll(config, [PRODUCTPAGE], 1).proxies[0]!.root), undefined);
  });
});
