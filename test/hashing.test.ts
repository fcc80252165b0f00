import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import type { Json, JsonObject } from '../src/core/envoy/json.ts';
import { loadProxyConfig } from '../src/core/envoy/load.ts';
import type { Route } from '../src/core/envoy/route-types.ts';
import type { ProxyConfig } from '../src/core/envoy/types.ts';
import { explain } from '../src/core/explain/explain.ts';
import { cookieValue, firstQueryValue, hashingFor } from '../src/core/explain/hashing.ts';
import { parseRequest } from '../src/core/router/request.ts';
import { fixture } from './helpers/paths.ts';

/**
 * Consistent hashing per request: Envoy's HashPolicyImpl::generateHash
 * (source/common/http/hash_policy.cc: each method's evaluate, the rotate-and-xor combination, a
 * terminal policy stopping once any hash exists) and the hashing load balancers
 * (source/common/upstream/thread_aware_lb_impl.cc: no hash → a random value). The route shapes
 * are Istio's (pilot/pkg/networking/core/route/route.go ConsistentHashToHashPolicy: httpHeaderName
 * → header, httpCookie → cookie {name, path, ttl}, useSourceIp → connection_properties.source_ip,
 * httpQueryParameterName → query_parameter), the cluster's lb_policy RING_HASH as Istio sets it
 * for a consistentHash DestinationRule (MAGLEV for `maglev`).
 */

const HOST = 'svc.ns.svc.cluster.local';
const cluster = (subset: string, lb: string): Json => ({
  cluster: {
    '@type': 'type.googleapis.com/envoy.config.cluster.v3.Cluster',
    name: `outbound|80|${subset}|${HOST}`,
    type: 'EDS',
    eds_cluster_config: { eds_config: { ads: {} }, service_name: `outbound|80|${subset}|${HOST}` },
    lb_policy: lb,
  },
});

function routeWith(hash: JsonObject[], extra: JsonObject = {}): JsonObject {
  return { name: 'r', match: { prefix: '/' }, route: { cluster: `outbound|80|v1|${HOST}`, hash_policy: hash, ...extra } };
}

function load(routes: JsonObject[], node: { id: string }): ProxyConfig {
  const dump: Json = {
    configs: [
      { '@type': 'type.googleapis.com/envoy.admin.v3.BootstrapConfigDump', bootstrap: { node: { ...node, metadata: { ISTIO_VERSION: '1.24.0' } } } },
      {
        '@type': 'type.googleapis.com/envoy.admin.v3.ClustersConfigDump',
        dynamic_active_clusters: [cluster('v1', 'RING_HASH'), cluster('v2', 'LEAST_REQUEST'), cluster('v3', 'MAGLEV')],
      },
      {
        '@type': 'type.googleapis.com/envoy.admin.v3.RoutesConfigDump',
        dynamic_route_configs: [
          {
            route_config: {
              '@type': 'type.googleapis.com/envoy.config.route.v3.RouteConfiguration',
              name: '80',
              virtual_hosts: [{ name: 'vh', domains: ['*'], routes }],
            },
          },
        ],
      },
    ],
  };
  return loadProxyConfig([{ name: 'hash.json', data: dump }], 'hash.json');
}

const SIDECAR = { id: 'sidecar~10.1.2.3~client-1.ns~ns.svc.cluster.local' };
const GATEWAY = { id: 'router~10.1.9.9~gw-1.istio-system~istio-system.svc.cluster.local' };

function run(hash: JsonObject[], url: string, headers: string[] = [], clusters = [`outbound|80|v1|${HOST}`], node = SIDECAR, extra: JsonObject = {}) {
  const config = load([routeWith(hash, extra)], node);
  const route: Route = config.index.routeConfigByName.get('80')!.virtualHosts.value[0]!.routes[0]!;
  return hashingFor(config, route, parseRequest(url, headers), clusters, clusters.length === 1 ? clusters[0]! : null)!;
}

describe('hash policies per request (hash_policy.cc evaluate)', () => {
  it('header: present hashes its value; absent yields none; several values are sorted first', () => {
    const present = run([{ header: { header_name: 'x-user' } }], 'http://svc/', ['x-user: jason']);
    assert.equal(present.hashed, true);
    assert.match(present.parts[0]!.why, /hashes x-user: "jason"/);
    assert.match(present.summary, /^RING_HASH picks the host from the hash of header x-user: requests with the same key go to the same host/);
    const absent = run([{ header: { header_name: 'x-user' } }], 'http://svc/');
    assert.equal(absent.hashed, false);
    assert.match(absent.summary, /no hash policy yields a hash .*no x-user header.*RING_HASH picks a random host/);
    const many = run([{ header: { header_name: 'x-user' } }], 'http://svc/', ['x-user: b', 'x-user: a']);
    assert.match(many.parts[0]!.why, /the 2 x-user values, sorted/);
  });

  it('cookie: present hashes its value; absent with a ttl, Envoy generates and sets one; absent without ttl, none', () => {
    const present = run([{ cookie: { name: 'session', ttl: '0s' } }], 'http://svc/', ['cookie: a=1; session="abc"']);
    assert.match(present.parts[0]!.why, /hashes cookie session: "abc"/);
    const generated = run([{ cookie: { name: 'session', ttl: '0s' } }], 'http://svc/');
    assert.equal(generated.hashed, true);
    assert.match(generated.parts[0]!.why, /Envoy generates one \(ttl 0s, a session cookie\).*sets it on the response/);
    const none = run([{ cookie: { name: 'session' } }], 'http://svc/');
    assert.equal(none.hashed, false);
    assert.match(none.parts[0]!.why, /without a ttl Envoy does not generate one/);
  });

  it("source IP: a sidecar's outbound hashes the pod's own address (one host for the whole pod); a gateway the client's as it sees it; source_ip false builds no method", () => {
    const sidecar = run([{ connection_properties: { source_ip: true } }], 'http://svc/');
    assert.match(sidecar.parts[0]!.why, /source IP 10\.1\.2\.3 \(the pod's own address: every request from this pod hashes the same\)/);
    const gateway = run([{ connection_properties: { source_ip: true } }], 'http://svc/', [], undefined, GATEWAY);
    assert.match(gateway.parts[0]!.why, /load balancer or NAT in front/);
    const off = run([{ connection_properties: { source_ip: false } }], 'http://svc/');
    assert.equal(off.hashed, false);
  });

  it('query parameter: the first value, as sent (not decoded); absent yields none', () => {
    assert.equal(firstQueryValue('/p?a=1&u=x%20y&u=2', 'u'), 'x%20y');
    assert.equal(firstQueryValue('/p?a=1', 'u'), undefined);
    assert.equal(firstQueryValue('/p?u', 'u'), '');
    const r = run([{ query_parameter: { name: 'u' } }], 'http://svc/p?u=7');
    assert.match(r.parts[0]!.why, /hashes query parameter u: "7"/);
  });

  it('filter state: not known here, said as a caveat and taken as absent', () => {
    const r = run([{ filter_state: { key: 'io.istio.peer' } }], 'http://svc/');
    assert.equal(r.hashed, false);
    assert.match(r.caveats[0]!, /filter_state io\.istio\.peer.*taken as absent/);
  });

  it('terminal: evaluation stops at a terminal policy once any hash exists, even one an earlier policy made', () => {
    // x-a present, then a terminal x-b absent: the hash from x-a exists, so Envoy stops at x-b.
    const r = run([{ header: { header_name: 'x-a' } }, { header: { header_name: 'x-b' }, terminal: true }, { header: { header_name: 'x-c' } }], 'http://svc/', [
      'x-a: 1',
      'x-c: 3',
    ]);
    assert.deepEqual(
      r.parts.map((p) => [p.produced, p.evaluated]),
      [
        [true, true],
        [false, true],
        [false, false],
      ],
    );
    // A terminal policy with no hash so far does not stop evaluation.
    const on = run([{ header: { header_name: 'x-b' }, terminal: true }, { header: { header_name: 'x-c' } }], 'http://svc/', ['x-c: 3']);
    assert.deepEqual(
      on.parts.map((p) => p.evaluated),
      [true, true],
    );
    assert.equal(on.hashed, true);
  });

  it('parses cookies as Envoy does: the first name=value among Cookie headers, surrounding quotes dropped', () => {
    const req = parseRequest('http://svc/', ['cookie: x=1; y=2', 'cookie: y=3']);
    assert.equal(cookieValue(req, 'y'), '2');
    assert.equal(cookieValue(req, 'z'), '');
  });
});

describe('the load balancer and the split (thread_aware_lb_impl.cc; Istio route.go processWeightedDestination)', () => {
  it('a hashing cluster without hash_policy: a random host per request', () => {
    const config = load([{ name: 'r', match: { prefix: '/' }, route: { cluster: `outbound|80|v1|${HOST}` } }], SIDECAR);
    const route = config.index.routeConfigByName.get('80')!.virtualHosts.value[0]!.routes[0]!;
    const r = hashingFor(config, route, parseRequest('http://svc/'), [`outbound|80|v1|${HOST}`], `outbound|80|v1|${HOST}`)!;
    assert.match(r.summary, /RING_HASH\) hashes, but the route has no hash_policy: .*random host for every request/);
  });

  it('a hash policy on a cluster that does not hash (LEAST_REQUEST): not used; nothing at all when neither hashes', () => {
    const r = run([{ header: { header_name: 'x-user' } }], 'http://svc/', ['x-user: a'], [`outbound|80|v2|${HOST}`]);
    assert.match(r.summary, /balances with LEAST_REQUEST: the hash is not used/);
    const config = load([{ name: 'r', match: { prefix: '/' }, route: { cluster: `outbound|80|v2|${HOST}` } }], SIDECAR);
    const route = config.index.routeConfigByName.get('80')!.virtualHosts.value[0]!.routes[0]!;
    assert.equal(hashingFor(config, route, parseRequest('http://svc/'), [`outbound|80|v2|${HOST}`], null), null);
  });

  it('a weighted split: hashing only within the subset the split draws; a subset that does not hash is said', () => {
    const clusters = [`outbound|80|v1|${HOST}`, `outbound|80|v2|${HOST}`, `outbound|80|v3|${HOST}`];
    const r = run([{ header: { header_name: 'x-user' } }], 'http://svc/', ['x-user: a'], clusters);
    assert.match(
      r.summary,
      /^RING_HASH\/MAGLEV picks the host .*within the cluster the weighted split picks \(drawn per request first\): the same key can land in another subset/,
    );
    assert.match(r.caveats.join('\n'), /outbound\|80\|v2\|svc\.ns\.svc\.cluster\.local \(LEAST_REQUEST\) ignores the hash/);
  });

  it('weighted_clusters.use_hash_policy (Istio never sets it): the split itself follows the hash, said as a caveat', () => {
    const r = run([{ header: { header_name: 'x-user' } }], 'http://svc/', ['x-user: a'], [`outbound|80|v1|${HOST}`], SIDECAR, {
      cluster: undefined,
      weighted_clusters: { clusters: [{ name: `outbound|80|v1|${HOST}`, weight: 100 }], use_hash_policy: true },
    } as unknown as JsonObject);
    assert.match(r.caveats.join('\n'), /use_hash_policy: Envoy picks the weighted cluster from the hash/);
  });
});

describe('on the demo (fixtures/bookinfo: DestinationRule ratings consistentHash httpHeaderName x-user-id)', () => {
  const config = loadProxyConfig(
    [{ name: 'pp.json', data: JSON.parse(readFileSync(fixture('bookinfo', 'productpage', 'config_dump.json'), 'utf8')) as Json }],
    'pp.json',
  );
  it('explain carries policies.hashing: sticky with the header, random without', () => {
    const sticky = explain(config, parseRequest('GET http://ratings:9080/ratings/0', ['x-user-id: 42']));
    assert.equal(sticky.policies.hashing?.hashed, true);
    assert.deepEqual(sticky.policies.hashing?.hashingClusters, [{ cluster: 'outbound|9080|v1|ratings.bookinfo.svc.cluster.local', lbPolicy: 'RING_HASH' }]);
    const random = explain(config, parseRequest('GET http://ratings:9080/ratings/0'));
    assert.match(random.policies.hashing?.summary ?? '', /no x-user-id header.*random host/);
  });
});
