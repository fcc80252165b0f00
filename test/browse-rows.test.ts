import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { clusterRows } from '../src/core/browse/cluster-rows.ts';
import { endpointRows, endpointRowsOf } from '../src/core/browse/endpoint-rows.ts';
import { findingRows } from '../src/core/browse/finding-rows.ts';
import { clusterLabel, localityLabel, shortHost, shortVirtualHost } from '../src/core/browse/labels.ts';
import { listenerRows } from '../src/core/browse/listener-rows.ts';
import { describeRouteMatch } from '../src/core/browse/match-summary.ts';
import { routeRows } from '../src/core/browse/route-rows.ts';
import { syncText } from '../src/core/browse/sync.ts';
import type { RouteMatch } from '../src/core/envoy/route-types.ts';
import type { ProxyConfig } from '../src/core/envoy/types.ts';
import { readProxyConfig } from '../src/sources/files.ts';
import { miniMesh } from './helpers/mini-mesh.ts';
import { fixture } from './helpers/paths.ts';

const V1 = 'outbound|9080|v1|reviews.bookinfo.svc.cluster.local';
let productpage: ProxyConfig;

const match = (m: Partial<RouteMatch>): RouteMatch => ({
  path: { kind: 'prefix', value: '/' },
  caseSensitive: true,
  headers: [],
  queryParameters: [],
  grpc: false,
  dynamicMetadata: [],
  filterState: [],
  cookies: [],
  ...m,
});
const header = (name: string, spec: NonNullable<RouteMatch['headers'][number]['spec']> | undefined, invert = false) => ({
  name,
  spec,
  invert,
  treatMissingAsEmpty: false,
  raw: {},
});

describe('table rows for the TUI (core/browse)', () => {
  before(async () => {
    productpage = await readProxyConfig({
      dump: fixture('bookinfo', 'productpage', 'config_dump.json'),
      endpoints: fixture('bookinfo', 'productpage', 'endpoints.json'),
    });
  });

  it('summarises route matches in VirtualService words', () => {
    const cases: [RouteMatch, string][] = [
      [match({}), 'prefix /'],
      [match({ path: { kind: 'path', value: '/productpage' } }), 'path /productpage'],
      [match({ path: { kind: 'safe_regex', regex: '^/v[0-9]+' }, caseSensitive: false }), 'regex ^/v[0-9]+ (any case)'],
      [match({ headers: [header('end-user', { kind: 'string', match: { kind: 'exact', value: 'jason', ignoreCase: false } })] }), 'prefix / & end-user=jason'],
      [match({ headers: [header('x-b', { kind: 'string', match: { kind: 'prefix', value: 'a', ignoreCase: true } }, true)] }), 'prefix / & !x-b^=a (any case)'],
      [match({ headers: [header('x-canary', undefined)] }), 'prefix / & x-canary present'],
      [match({ headers: [header('x-n', { kind: 'range', start: 1n, end: 5n })] }), 'prefix / & x-n in [1,5)'],
      [match({ queryParameters: [{ name: 'debug', stringMatch: { kind: 'exact', value: '1', ignoreCase: false } }] }), 'prefix / & ?debug=1'],
      [match({ runtimeFraction: { numerator: 10, denominator: 100 } }), 'prefix / & runtime 10%'],
    ];
    for (const [m, text] of cases) assert.equal(describeRouteMatch(m), text);
  });

  it('shortens Istio names for narrow cells', () => {
    assert.equal(clusterLabel(V1), 'reviews.bookinfo:9080 v1');
    assert.equal(clusterLabel('outbound|9080||productpage.bookinfo.svc.cluster.local'), 'productpage.bookinfo:9080');
    assert.equal(clusterLabel('inbound|9080||'), 'inbound :9080');
    assert.equal(clusterLabel('PassthroughCluster'), 'PassthroughCluster');
    assert.equal(shortHost('reviews.bookinfo.svc.cluster.local'), 'reviews.bookinfo');
    assert.equal(shortVirtualHost('reviews.bookinfo.svc.cluster.local:9080'), 'reviews.bookinfo:9080');
    assert.equal(shortVirtualHost('allow_any'), 'allow_any');
    assert.equal(localityLabel({ region: 'us-east1', zone: 'us-east1-b' }), 'us-east1/us-east1-b');
    assert.equal(syncText({ CDS: 'SYNCED', ECDS: 'NOT SENT' }), 'SYNCED');
    assert.equal(syncText({ CDS: 'SYNCED', EDS: 'STALE' }), 'EDS STALE');
    assert.equal(syncText({}), '-');
  });

  it('lists productpage routes in evaluation order, each static route config once', () => {
    const rows = routeRows(productpage);
    const reviews = rows.filter((r) => r.virtualHost === 'reviews.bookinfo.svc.cluster.local:9080');
    assert.deepEqual(
      reviews.map((r) => [r.index, r.name, r.match, r.destinations]),
      [
        // The subset and the split first: at 80 columns the cell is cut from the right.
        [0, 'jason-to-v2', 'prefix / & end-user=jason', 'v2 · reviews.bookinfo:9080'],
        [1, 'jason-to-v3', 'prefix / & end-user=jason', 'v3 · reviews.bookinfo:9080'],
        [2, 'reviews-canary', 'prefix /', 'v1 90%, v3 10% · reviews.bookinfo:9080'],
      ],
    );
    assert.deepEqual(reviews[2]!.clusters, [V1, 'outbound|9080|v3|reviews.bookinfo.svc.cluster.local']);
    assert.equal(reviews[0]!.virtualService, 'reviews.bookinfo');
    assert.equal(new Set(rows.map((r) => r.id)).size, rows.length, 'no route listed twice');
    assert.equal(rows.length, 13);
  });

  it('shows clusters with DestinationRule policies and endpoint counts, ejections included', () => {
    const rows = clusterRows(productpage);
    const v1 = rows.find((r) => r.name === V1)!;
    assert.deepEqual(
      [v1.subset, v1.lbPolicy, v1.outlierDetection, v1.destinationRule, v1.endpoints, v1.ejected],
      ['v1', 'LEAST_REQUEST', '5×5xx / 10s → 30s, max 50%', 'reviews.bookinfo', 2, 1],
    );
    const ratings = rows.find((r) => r.name === 'outbound|9080|v1|ratings.bookinfo.svc.cluster.local')!;
    assert.match(ratings.circuitBreaker, /conn 100, pending 10/);
    const details = rows.find((r) => r.name === 'outbound|9080|v2|details.bookinfo.svc.cluster.local')!;
    assert.equal(details.endpoints, 0, 'the empty subset');
  });

  it('joins EDS endpoints with /clusters: ejection, health and counters per host', () => {
    const v1 = endpointRowsOf(productpage, productpage.index.clusterByName.get(V1)!);
    assert.deepEqual(
      v1.map((e) => [e.address, e.workload, e.locality, e.priority, e.health, e.ejected]),
      [
        ['10.244.1.10:9080', 'reviews-v1', 'us-east1/us-east1-b', 0, 'HEALTHY', true],
        ['10.244.2.11:9080', 'reviews-v1', 'us-east1/us-east1-c', 1, 'HEALTHY', false],
      ],
    );
    assert.ok((v1[0]!.errors ?? 0) > 0);
    const mini = miniMesh(false);
    const noLive = endpointRows(mini);
    assert.ok(noLive.length > 0);
    assert.ok(
      noLive.every((e) => e.ejected === null && e.requests === null),
      'without /clusters, ejection is unknown, not "no"',
    );
  });

  it('lists listeners with what handles their traffic', () => {
    const rows = listenerRows(productpage);
    const l9080 = rows.find((r) => r.name === '0.0.0.0_9080')!;
    assert.deepEqual(
      [l9080.address, l9080.direction, l9080.routeConfigs, l9080.destination],
      ['0.0.0.0:9080', 'OUTBOUND', ['9080'], 'RDS 9080, TCP → PassthroughCluster'],
    );
  });

  it('merges meshscope findings and analyzer messages, most severe first', () => {
    const rows = findingRows(
      [
        { code: 'MS107', name: 'NoTimeout', severity: 'info', message: 'no timeout', objects: ['r'], hint: 'set one' },
        { code: 'MS103', name: 'NoEndpoints', severity: 'error', message: 'empty', objects: ['c'], hint: 'scale' },
      ],
      [{ code: 'IST0130', level: 'Warning', message: 'unused rule', origin: 'VirtualService bookinfo/reviews' }],
    );
    assert.deepEqual(
      rows.map((r) => [r.severity, r.code, r.from]),
      [
        ['error', 'MS103', 'meshscope'],
        ['warning', 'IST0130', 'istioctl analyze'],
        ['info', 'MS107', 'meshscope'],
      ],
    );
  });
});
