import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { ProxyConfig } from '../src/core/envoy/types.ts';
import { explain } from '../src/core/explain/explain.ts';
import { parseRequest } from '../src/core/router/request.ts';
import { readProxyConfig } from '../src/sources/files.ts';
import { fixture } from './helpers/paths.ts';

const R = (svc: string, subset = '') => `outbound|9080|${subset}|${svc}.bookinfo.svc.cluster.local`;
const API = 'outbound|8080||api.bookinfo.svc.cluster.local';

/** The request → behaviour table of fixtures/bookinfo/README.md, checked against the engine. */
const sidecarCases: {
  request: string;
  headers?: string[];
  random?: bigint;
  route: string | null;
  cluster: string | null;
  check?: (r: ReturnType<typeof explain>) => void;
}[] = [
  { request: 'GET http://reviews:9080/reviews/0', headers: ['end-user: jason'], route: 'jason-to-v2', cluster: R('reviews', 'v2') },
  { request: 'GET http://reviews:9080/reviews/0', headers: ['end-user: Jason'], route: 'reviews-canary', cluster: null },
  {
    request: 'GET http://reviews:9080/reviews/0',
    random: 5n,
    route: 'reviews-canary',
    cluster: R('reviews', 'v1'),
    check: (r) => {
      assert.deepEqual(
        r.endpoints.map((e) => [e.address, e.ejected]),
        [
          ['10.244.1.10', true],
          ['10.244.2.11', false],
        ],
      );
      assert.equal(r.status, null);
    },
  },
  { request: 'GET http://reviews:9080/reviews/0', random: 95n, route: 'reviews-canary', cluster: R('reviews', 'v3') },
  {
    request: 'GET http://ratings:9080/ratings/0',
    route: 'ratings-faults',
    cluster: R('ratings', 'v1'),
    check: (r) => {
      assert.equal(r.policies.fault?.delay?.fixedDelayMs, 2000);
      assert.equal(r.policies.fault?.delay?.percent, 10);
      assert.equal(r.policies.fault?.abort?.httpStatus, 503);
      assert.equal(r.policies.fault?.abort?.percent, 5);
      assert.deepEqual(r.policies.hashPolicy, ['header x-user-id']);
    },
  },
  {
    request: 'GET http://ratings:9080/ratings/0',
    headers: ['x-ratings-preview: true'],
    route: 'ratings-v2-preview',
    cluster: R('ratings', 'v2'),
    check: (r) => assert.equal(r.policies.fault, null),
  },
  {
    request: 'GET http://details:9080/details/0',
    route: 'details-retries',
    cluster: R('details', 'v1'),
    check: (r) => {
      assert.equal(r.policies.timeoutMs, 10000);
      assert.equal(r.policies.retries?.attempts, 3);
      assert.equal(r.policies.retries?.perTryTimeoutMs, 2000);
      assert.deepEqual(r.policies.mirrors, [{ cluster: R('details', 'v2'), percent: 50 }]);
    },
  },
  { request: 'GET http://productpage:9080/', route: 'default', cluster: R('productpage') },
  { request: 'GET http://10.96.61.148:9080/', route: 'reviews-canary', cluster: null },
  { request: 'GET http://example.org:9080/', route: 'allow_any', cluster: 'PassthroughCluster' },
  {
    request: 'GET http://example.org/',
    route: null,
    cluster: 'PassthroughCluster',
    check: (r) => {
      assert.equal(r.listener, 'virtualOutbound');
      assert.equal(r.outcome, 'route');
    },
  },
  // api's port is named `web`: Istio sniffs it on the per-VIP listener with its own RDS <fqdn>:<port>.
  {
    request: 'GET http://api.bookinfo:8080/api/x',
    route: 'default',
    cluster: API,
    check: (r) => assert.equal(r.listener, '10.96.77.23_8080'),
  },
  // The MESH_EXTERNAL ServiceEntry: TLS by SNI on the wildcard 443 listener, no HTTP routing.
  {
    request: 'GET https://api.github.com/user',
    route: null,
    cluster: 'outbound|443||api.github.com',
    check: (r) => assert.equal(r.listener, '0.0.0.0_443'),
  },
  { request: 'GET https://other.example.org/', route: null, cluster: 'PassthroughCluster', check: (r) => assert.equal(r.listener, '0.0.0.0_443') },
];

describe('explain on the bookinfo demo', () => {
  let sidecar: ProxyConfig;
  let gateway: ProxyConfig;
  before(async () => {
    sidecar = await readProxyConfig({
      dump: fixture('bookinfo', 'productpage', 'config_dump.json'),
      endpoints: fixture('bookinfo', 'productpage', 'endpoints.json'),
    });
    gateway = await readProxyConfig({
      dump: fixture('bookinfo', 'ingressgateway', 'config_dump.json'),
      endpoints: fixture('bookinfo', 'ingressgateway', 'endpoints.json'),
    });
  });

  for (const c of sidecarCases) {
    it(`productpage sidecar: ${c.request} ${c.headers?.join(' ') ?? ''}${c.random !== undefined ? ` --random ${c.random}` : ''} → ${c.route}`, () => {
      const r = explain(sidecar, parseRequest(c.request, c.headers), { randomValue: c.random });
      assert.equal(r.route?.name ?? null, c.route);
      assert.equal(r.cluster, c.cluster);
      c.check?.(r);
    });
  }

  const gatewayCases: [string, string | null, string, string][] = [
    ['GET http://bookinfo.example.com/productpage', R('productpage'), 'route', '0.0.0.0_8080'],
    ['GET http://bookinfo.example.com/static/css/bootstrap.min.css', R('productpage'), 'route', '0.0.0.0_8080'],
    ['GET http://bookinfo.example.com/api/v1/products/0', R('productpage'), 'route', '0.0.0.0_8080'],
    ['GET http://bookinfo.example.com/login', R('productpage'), 'route', '0.0.0.0_8080'],
    ['GET http://bookinfo.example.com/productpage/x', null, 'no_route', '0.0.0.0_8080'],
    ['GET http://other.example.com/productpage', null, 'no_virtual_host', '0.0.0.0_8080'],
    // The HTTPS server of api-gateway: TLS terminated on 8443, RDS https.443.https.api-gateway.bookinfo.
    ['GET https://api.example.com/api/v1', API, 'route', '0.0.0.0_8443'],
    ['GET https://api.example.com/other', null, 'no_route', '0.0.0.0_8443'],
    ['GET http://api.example.com/api/v1', null, 'no_virtual_host', '0.0.0.0_8080'],
  ];
  for (const [request, cluster, outcome, listener] of gatewayCases) {
    it(`ingress gateway: ${request} → ${outcome}`, () => {
      const r = explain(gateway, parseRequest(request));
      assert.equal(r.outcome, outcome);
      assert.equal(r.cluster, cluster);
      assert.equal(r.listener, listener);
    });
  }
});
