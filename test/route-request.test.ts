import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { IssueSink } from '../src/core/envoy/issues.ts';
import type { JsonObject } from '../src/core/envoy/json.ts';
import type { RouteConfig } from '../src/core/envoy/route-types.ts';
import { parseRouteConfig } from '../src/core/envoy/routes/parse.ts';
import { parseRequest } from '../src/core/router/request.ts';
import { type RouteOptions, routeRequest } from '../src/core/router/route-request.ts';

function build(virtualHosts: JsonObject[], extra: JsonObject = {}): RouteConfig {
  return parseRouteConfig({ name: 'test', virtual_hosts: virtualHosts, ...extra }, new IssueSink(), 'test');
}
const vh = (routes: JsonObject[], extra: JsonObject = {}): JsonObject => ({ name: 'vh', domains: ['*'], routes, ...extra });
const route = (url: string, config: RouteConfig, headers: string[] = [], options: RouteOptions = {}) =>
  routeRequest(config, parseRequest(url, headers), options);

describe('routeRequest: first match wins, with not-taken reasons', () => {
  const bookinfo = build([
    vh([
      {
        name: 'jason',
        match: { prefix: '/reviews', headers: [{ name: 'end-user', string_match: { exact: 'jason' } }] },
        route: { cluster: 'outbound|9080|v2|reviews.bookinfo.svc.cluster.local' },
      },
      { name: 'debug', match: { prefix: '/reviews', query_parameters: [{ name: 'debug' }] }, route: { cluster: 'debug' } },
      {
        name: 'canary',
        match: { prefix: '/reviews', runtime_fraction: { default_value: { numerator: 10, denominator: 'HUNDRED' }, runtime_key: 'canary' } },
        route: { cluster: 'canary' },
      },
      { name: 'default', match: { prefix: '/reviews' }, route: { cluster: 'outbound|9080|v1|reviews.bookinfo.svc.cluster.local' } },
    ]),
  ]);

  it('explains a header match that fails on case', () => {
    const d = route('http://reviews:9080/reviews/1', bookinfo, ['end-user: Jason'], { randomValue: 57n });
    assert.equal(d.outcome, 'route');
    assert.equal(d.route?.name, 'default');
    assert.equal(d.cluster, 'outbound|9080|v1|reviews.bookinfo.svc.cluster.local');
    assert.deepEqual(
      d.notTaken.map((n) => [n.index, n.name, n.reason]),
      [
        [0, 'jason', 'header end-user: wanted exact "jason", request has "Jason"'],
        [1, 'debug', 'query parameter debug: absent'],
        [2, 'canary', 'runtime_fraction 10%: random 57 mod 100 >= 10'],
      ],
    );
  });

  it('takes the first matching route and lists nothing after it', () => {
    const d = route('http://reviews:9080/reviews/1', bookinfo, ['end-user: jason']);
    assert.equal(d.route?.index, 0);
    assert.deepEqual(d.notTaken, []);
    assert.deepEqual(d.destinations, [{ cluster: 'outbound|9080|v2|reviews.bookinfo.svc.cluster.local', weight: 1, probability: 1 }]);
  });

  it('says when a header is absent', () => {
    const d = route('http://reviews:9080/reviews/1?debug', bookinfo);
    assert.equal(d.notTaken[0]?.reason, 'header end-user: absent, wanted exact "jason"');
    assert.equal(d.route?.name, 'debug');
  });

  it('opens a runtime_fraction gate when R mod 100 is below the numerator', () => {
    assert.equal(route('http://r/reviews', bookinfo, [], { randomValue: 109n }).route?.name, 'canary');
    assert.equal(route('http://r/reviews', bookinfo, [], { randomValue: 110n }).route?.name, 'default');
    assert.equal(route('http://r/reviews', bookinfo, [], { randomValue: 110n, runtime: { canary: 11 } }).route?.name, 'canary');
    const reason = route('http://r/reviews', bookinfo, [], { randomValue: 12n, runtime: { canary: 5 } }).notTaken[2]?.reason;
    assert.equal(reason, 'runtime_fraction 5% (from runtime canary): random 12 mod 100 >= 5');
  });

  it('assumes a partial runtime_fraction gate open without a random value, and says so', () => {
    const d = route('http://r/reviews', bookinfo);
    assert.equal(d.route?.name, 'canary');
    assert.equal(d.assumptions.length, 1);
    assert.match(d.assumptions[0]!, /route 2 \(canary\) runtime_fraction 10%: taken by 10% of requests/);
  });

  it('lists every route with its reason when none matches', () => {
    const d = route('http://r/ratings/1', bookinfo, [], { randomValue: 0n });
    assert.equal(d.outcome, 'no_route');
    assert.equal(d.notTaken.length, 4);
    assert.equal(d.notTaken[3]?.reason, 'path: wanted prefix "/reviews", request has "/ratings/1"');
    assert.deepEqual(d.notTaken[0]?.failures, ['header end-user: absent, wanted exact "jason"', 'path: wanted prefix "/reviews", request has "/ratings/1"']);
  });

  it('reports no virtual host', () => {
    const config = build([{ name: 'only', domains: ['a.com'], routes: [] }]);
    const d = route('http://b.com/', config);
    assert.equal(d.outcome, 'no_virtual_host');
    assert.equal(d.virtualHost.found, false);
  });

  it('matches gRPC routes on content-type', () => {
    const config = build([
      vh([
        { match: { prefix: '/', grpc: {} }, route: { cluster: 'grpc' } },
        { match: { prefix: '/' }, route: { cluster: 'http' } },
      ]),
    ]);
    assert.equal(route('POST http://h/svc/M', config, ['content-type: application/grpc']).cluster, 'grpc');
    assert.equal(route('POST http://h/svc/M', config, ['content-type: application/grpc+proto']).cluster, 'grpc');
    assert.equal(route('POST http://h/svc/M', config, ['content-type: application/grpc-web']).cluster, 'http');
    assert.equal(route('POST http://h/svc/M', config).notTaken[0]?.reason, 'grpc: wanted content-type application/grpc, request has none');
  });

  it('matches dynamic metadata and tls_context from the options', () => {
    const config = build([
      vh([
        {
          match: { prefix: '/', dynamic_metadata: [{ filter: 'example.meta', path: [{ key: 'a' }, { key: 'b' }], value: { string_match: { exact: 'x' } } }] },
          route: { cluster: 'meta' },
        },
        { match: { prefix: '/', tls_context: { presented: true } }, route: { cluster: 'mtls' } },
        { match: { prefix: '/' }, route: { cluster: 'plain' } },
      ]),
    ]);
    assert.equal(route('http://h/', config, [], { dynamicMetadata: { 'example.meta': { a: { b: 'x' } } } }).cluster, 'meta');
    const d = route('http://h/', config, [], { dynamicMetadata: { 'example.meta': { a: { b: 'y' } } } });
    assert.equal(d.notTaken[0]?.reason, 'dynamic_metadata example.meta.a.b: wanted exact "x", has "y"');
    assert.equal(d.notTaken[1]?.reason, 'tls_context: wanted a client certificate presented, the connection has none');
    assert.equal(route('http://h/', config, [], { tls: { peerCertificatePresented: true, peerCertificateValidated: true } }).cluster, 'mtls');
  });
});

describe('routeRequest: weighted clusters', () => {
  const weighted = build([
    vh([
      {
        match: { prefix: '/' },
        route: {
          weighted_clusters: {
            runtime_key_prefix: 'w',
            clusters: [
              { name: 'cluster1', weight: 30 },
              { name: 'cluster2', weight: { value: 30 } },
              { name: 'cluster3', weight: 40 },
            ],
          },
        },
      },
    ]),
  ]);
  const picks: [bigint, string][] = [
    [115n, 'cluster1'],
    [445n, 'cluster2'],
    [560n, 'cluster3'],
    [30n, 'cluster2'],
    [29n, 'cluster1'],
    [59n, 'cluster2'],
    [60n, 'cluster3'],
    [99n, 'cluster3'],
    [0n, 'cluster1'],
    [18446744073709551615n, 'cluster1'], // 2^64-1 mod 100 = 15
  ];
  for (const [r, cluster] of picks) {
    it(`30/30/40 with R=${r} → ${cluster}`, () => assert.equal(route('http://h/', weighted, [], { randomValue: r }).cluster, cluster));
  }

  it('reports the split with probabilities when no random value decides it', () => {
    const d = route('http://h/', weighted);
    assert.equal(d.cluster, undefined);
    assert.deepEqual(
      d.destinations.map((x) => [x.cluster, x.weight, x.probability]),
      [
        ['cluster1', 30, 0.3],
        ['cluster2', 30, 0.3],
        ['cluster3', 40, 0.4],
      ],
    );
  });

  it('records how the pick was made', () => {
    assert.deepEqual(route('http://h/', weighted, [], { randomValue: 445n }).pick, {
      randomValue: 445n,
      source: 'option',
      total: 100,
      value: 45n,
      index: 1,
      begin: 30,
      end: 60,
    });
  });

  it('takes weights from runtime_key_prefix.<cluster>', () => {
    const d = route('http://h/', weighted, [], { randomValue: 10n, runtime: { 'w.cluster1': 0, 'w.cluster2': '50' } });
    assert.equal(d.cluster, 'cluster2');
    assert.deepEqual(
      d.destinations.map((x) => [x.weight, x.weightSource]),
      [
        [0, 'runtime w.cluster1'],
        [50, 'runtime w.cluster2'],
        [40, undefined],
      ],
    );
  });

  it('reads the random value from header_name when it holds one uint64', () => {
    const config = build([
      vh([
        {
          match: { prefix: '/' },
          route: {
            weighted_clusters: {
              header_name: 'x-random',
              clusters: [
                { name: 'a', weight: 1 },
                { name: 'b', weight: 1 },
              ],
            },
          },
        },
      ]),
    ]);
    assert.equal(route('http://h/', config, ['x-random: 1'], { randomValue: 0n }).cluster, 'b');
    assert.equal(route('http://h/', config, ['x-random: 1'], { randomValue: 0n }).pick?.source, 'header');
    const bad = route('http://h/', config, ['x-random: one'], { randomValue: 0n });
    assert.equal(bad.cluster, 'a');
    assert.match(bad.notes[0]!, /falls back/);
  });
});

describe('routeRequest: cluster_header', () => {
  const config = build([vh([{ match: { prefix: '/' }, route: { cluster_header: 'X-Cluster' } }])]);
  it('uses the first value of the header', () => assert.equal(route('http://h/', config, ['x-cluster: c1', 'x-cluster: c2']).cluster, 'c1'));
  it('uses "" when the header is missing', () => {
    const d = route('http://h/', config);
    assert.equal(d.cluster, '');
    assert.match(d.notes[0]!, /missing/);
  });
});

describe('routeRequest: rewrites', () => {
  const config = build([
    vh([
      { match: { prefix: '/reviews/' }, route: { cluster: 'c', prefix_rewrite: '/' } },
      { match: { path: '/API/Locations', case_sensitive: false }, route: { cluster: 'c', prefix_rewrite: '/rewrote' } },
      {
        match: { prefix: '/service/' },
        route: { cluster: 'c', regex_rewrite: { pattern: { google_re2: {}, regex: '^/service/([^/]+)(/.*)$' }, substitution: '\\2/instance/\\1' } },
      },
      { match: { path_separated_prefix: '/host' }, route: { cluster: 'c', host_rewrite_literal: 'new.host' } },
      { match: { prefix: '/hdr' }, route: { cluster: 'c', host_rewrite_header: 'x-host' } },
      { match: { prefix: '/auto' }, route: { cluster: 'c', auto_host_rewrite: true } },
    ]),
  ]);
  const cases: [string, string[], string | undefined, string | undefined][] = [
    ['/reviews/1?x=1', [], '/1?x=1', undefined],
    ['/api/locations?works=true', [], '/rewrote?works=true', undefined],
    ['/service/foo/v1/api?q', [], '/v1/api/instance/foo?q', undefined],
    ['/host/x', [], undefined, 'new.host'],
    ['/hdr', ['x-host: from.header'], undefined, 'from.header'],
    ['/hdr', [], undefined, undefined],
  ];
  for (const [path, headers, newPath, newHost] of cases) {
    it(`${path} → path ${newPath ?? '(unchanged)'}, host ${newHost ?? '(unchanged)'}`, () => {
      const d = route(`http://h${path}`, config, headers);
      assert.equal(d.outcome, 'route');
      assert.equal(d.pathRewrite?.to, newPath);
      assert.equal(d.hostRewrite?.to, newHost);
    });
  }
  it('flags auto_host_rewrite, which depends on the endpoint', () => assert.equal(route('http://h/auto', config).autoHostRewrite, true));
});

describe('routeRequest: redirects and direct responses', () => {
  const config = build([
    vh(
      [
        { match: { prefix: '/foo' }, redirect: { host_redirect: 'new.lyft.com' } },
        { match: { prefix: '/bar' }, redirect: { path_redirect: '/new_bar', response_code: 'FOUND' } },
        { match: { prefix: '/q' }, redirect: { path_redirect: '/new?a=1', strip_query: true } },
        { match: { prefix: '/strip' }, redirect: { https_redirect: true, strip_query: true } },
        { match: { prefix: '/rewrite' }, redirect: { prefix_rewrite: '/blah', response_code: 'PERMANENT_REDIRECT' } },
        {
          match: { prefix: '/re' },
          redirect: { regex_rewrite: { pattern: { regex: '^/re/(.*)$' }, substitution: '/x/\\1' }, response_code: 'TEMPORARY_REDIRECT' },
        },
        { match: { prefix: '/port' }, redirect: { port_redirect: 8443, scheme_redirect: 'https', response_code: 'SEE_OTHER' } },
        { match: { prefix: '/ping' }, direct_response: { status: 200, body: { inline_string: 'pong' } } },
        { match: { prefix: '/bytes' }, direct_response: { status: 503, body: { inline_bytes: 'aGVsbG8=' } } },
      ],
      { domains: ['redirect.lyft.com', 'redirect.lyft.com:80', 'redirect.lyft.com:8080'] },
    ),
  ]);
  const cases: [string, string, number][] = [
    ['http://redirect.lyft.com/foo?x=1', 'http://new.lyft.com/foo?x=1', 301],
    ['http://redirect.lyft.com/bar?x=1', 'http://redirect.lyft.com/new_bar?x=1', 302],
    ['http://redirect.lyft.com/q?x=1', 'http://redirect.lyft.com/new?a=1', 301], // path_redirect's own query wins, not stripped
    ['http://redirect.lyft.com/strip?x=1', 'https://redirect.lyft.com/strip', 301],
    ['http://redirect.lyft.com:80/strip', 'https://redirect.lyft.com/strip', 301], // default port of the old scheme dropped
    ['http://redirect.lyft.com:8080/strip', 'https://redirect.lyft.com:8080/strip', 301],
    ['http://redirect.lyft.com/rewrite/me?x', 'http://redirect.lyft.com/blah/me?x', 308],
    ['http://redirect.lyft.com/re/a/b?x', 'http://redirect.lyft.com/x/a/b?x', 307],
    ['http://redirect.lyft.com:8080/port', 'https://redirect.lyft.com:8443/port', 303],
  ];
  for (const [url, location, code] of cases) {
    it(`${url} → ${code} ${location}`, () => {
      const d = route(url, config);
      assert.equal(d.outcome, 'redirect');
      assert.deepEqual(d.redirect, { location, code, reason: 'redirect' });
      assert.equal(d.cluster, undefined);
    });
  }

  it('answers a direct response with its body and the request URI', () => {
    const d = route('http://redirect.lyft.com/ping', config);
    assert.equal(d.outcome, 'direct_response');
    assert.deepEqual(d.directResponse, { status: 200, body: 'pong', uri: 'http://redirect.lyft.com/ping' });
    assert.equal(route('http://redirect.lyft.com/bytes', config).directResponse?.body, 'hello');
  });

  const tls = build([
    { name: 'all', domains: ['www.lyft.com'], require_tls: 'ALL', routes: [{ match: { prefix: '/' }, route: { cluster: 'www' } }] },
    { name: 'external', domains: ['api.lyft.com'], require_tls: 'EXTERNAL_ONLY', routes: [{ match: { prefix: '/' }, route: { cluster: 'api' } }] },
  ]);
  const tlsCases: [string, string[], string][] = [
    ['http://www.lyft.com/x?y', [], 'https://www.lyft.com/x?y'],
    ['https://www.lyft.com/x', [], 'www'],
    ['http://www.lyft.com/x', ['x-forwarded-proto: https'], 'www'],
    ['http://api.lyft.com/', [], 'https://api.lyft.com/'],
    ['http://api.lyft.com/', ['x-envoy-internal: true'], 'api'],
    ['http://www.lyft.com/', ['x-envoy-internal: true'], 'https://www.lyft.com/'],
  ];
  for (const [url, headers, expected] of tlsCases) {
    it(`require_tls: ${url} [${headers.join('; ')}] → ${expected}`, () => {
      const d = route(url, tls, headers);
      if (expected.startsWith('https://')) {
        assert.deepEqual(d.redirect, { location: expected, code: 301, reason: 'require_tls' });
        assert.equal(d.route, undefined);
      } else {
        assert.equal(d.cluster, expected);
      }
    });
  }
});
