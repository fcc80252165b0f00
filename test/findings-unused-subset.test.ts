import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { JsonObject } from '../src/core/envoy/json.ts';
import { policyDifferences } from '../src/core/findings/analyzers/unused-subset-policy.ts';
import { findingsFor } from '../src/core/findings/index.ts';
import { usedClusters } from '../src/core/findings/used-clusters.ts';
import { findingLines, istioCluster, outboundListener, proxyWith, SERVICE_CLUSTER, subsetCluster, vsRoute } from './helpers/findings-dump.ts';

/**
 * MS115 UnusedSubsetPolicy. istiod builds a cluster per DestinationRule subset, its policy the
 * subset's trafficPolicy merged over the rule's (cluster_builder.go buildSubsetCluster,
 * util.MergeSubsetTrafficPolicy), but a route sends to `outbound|PORT|SUBSET|HOST` only when its
 * destination names the subset (route.go GetDestinationCluster). The subset clusters below carry
 * what applyTrafficPolicy writes: `lb_policy` LEAST_REQUEST for `loadBalancer.simple`, an
 * `outlier_detection` block, circuit-breaker thresholds from `connectionPool`.
 */
const OUTLIER = { consecutive_5xx: 3, enforcing_consecutive_5xx: 100, interval: '10s', base_ejection_time: '30s', enforcing_success_rate: 0 };
const LOOSER_POOL = {
  circuit_breakers: { thresholds: [{ max_connections: 10, max_pending_requests: 4294967295, max_requests: 4294967295, max_retries: 4294967295 }] },
};

const cases: { name: string; routes?: JsonObject[]; listeners?: JsonObject[]; v2: JsonObject; expect: RegExp | null }[] = [
  {
    name: 'a subset with its own load balancer and outlier detection, no route to it',
    v2: { lb_policy: 'LEAST_REQUEST', outlier_detection: OUTLIER },
    expect:
      /^MS115 subset v2 of DestinationRule reviews\.default \(cluster outbound\|9080\|v2\|reviews\.default\.svc\.cluster\.local\) sets its own load balancer LEAST_REQUEST \(service: ROUND_ROBIN\), outlier detection, but no route of this proxy sends or mirrors to it \(they send to outbound\|9080\|\|reviews\.default\.svc\.cluster\.local\): the subset's policy never applies to this proxy's requests$/,
  },
  { name: 'its own connection pool', v2: LOOSER_POOL, expect: /sets its own circuit breakers \(connectionPool\), but/ },
  {
    name: 'its own TLS (tls.mode SIMPLE: no client certificate)',
    v2: {
      transport_socket: {
        name: 'envoy.transport_sockets.tls',
        typed_config: { '@type': 'type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.UpstreamTlsContext', sni: 'reviews.example' },
      },
    },
    expect: /sets its own TLS SIMPLE \(service: DISABLE\)/,
  },
  { name: 'the same policy as the service (a subset without trafficPolicy)', v2: {}, expect: null },
  {
    name: 'a route sends to the subset',
    routes: [vsRoute('r'), vsRoute('to-v2', { cluster: subsetCluster('v2') })],
    v2: { lb_policy: 'LEAST_REQUEST' },
    expect: null,
  },
  {
    name: 'a weighted route sends to the subset',
    routes: [
      {
        name: 'split',
        match: { prefix: '/' },
        route: {
          weighted_clusters: {
            clusters: [
              { name: SERVICE_CLUSTER, weight: 99 },
              { name: subsetCluster('v2'), weight: 1 },
            ],
          },
        },
      },
    ],
    v2: { lb_policy: 'LEAST_REQUEST' },
    expect: null,
  },
  {
    name: 'a route mirrors to the subset',
    routes: [vsRoute('r', { request_mirror_policies: [{ cluster: subsetCluster('v2') }] })],
    v2: { lb_policy: 'LEAST_REQUEST' },
    expect: null,
  },
  {
    name: 'a TCP route sends to the subset (tcp_proxy)',
    listeners: [
      outboundListener([
        {
          filter_chain_match: { destination_port: 9080, transport_protocol: 'raw_buffer' },
          filters: [
            {
              name: 'envoy.filters.network.tcp_proxy',
              typed_config: {
                '@type': 'type.googleapis.com/envoy.extensions.filters.network.tcp_proxy.v3.TcpProxy',
                stat_prefix: 'x',
                cluster: subsetCluster('v2'),
              },
            },
          ],
        },
      ]),
    ],
    v2: { lb_policy: 'LEAST_REQUEST' },
    expect: null,
  },
  {
    name: 'a route picks its cluster from a header: the used set is unknown, nothing said',
    routes: [vsRoute('r'), { name: 'hdr', match: { prefix: '/h' }, route: { cluster_header: 'x-cluster' } }],
    v2: { lb_policy: 'LEAST_REQUEST' },
    expect: null,
  },
  {
    name: 'no route to the service either: the proxy just does not call it',
    routes: [{ name: 'other', match: { prefix: '/' }, route: { cluster: 'outbound|80||other.default.svc.cluster.local' } }],
    v2: { lb_policy: 'LEAST_REQUEST' },
    expect: /sets its own load balancer LEAST_REQUEST \(service: ROUND_ROBIN\), but no route of this proxy sends or mirrors to it: the subset's policy/,
  },
];

describe("MS115: a subset's traffic policy no route of this proxy uses", () => {
  for (const c of cases) {
    it(c.name, () => {
      const config = proxyWith({ routes: c.routes ?? [vsRoute('r')], listeners: c.listeners, clusters: [istioCluster(''), istioCluster('v2', c.v2)] });
      const lines = findingLines(config, 'MS115');
      if (c.expect === null) assert.deepEqual(lines, []);
      else {
        assert.equal(lines.length, 1, lines.join('\n'));
        assert.match(lines[0]!, c.expect);
      }
    });
  }

  it('is an info finding about both clusters, with the VirtualService/DestinationRule fix', () => {
    const config = proxyWith({ routes: [vsRoute('r')], clusters: [istioCluster(''), istioCluster('v2', { lb_policy: 'RANDOM' })] });
    const f = findingsFor(config).find((x) => x.code === 'MS115');
    assert.equal(f?.severity, 'info');
    assert.deepEqual(f?.objects, [subsetCluster('v2'), SERVICE_CLUSTER]);
    assert.match(f!.hint, /destination\.subset in a VirtualService\) or put the policy in the DestinationRule's top-level trafficPolicy/);
  });

  it('says nothing without the routes or listeners section (what is used cannot be known)', () => {
    const config = proxyWith({ routes: [vsRoute('r')], clusters: [istioCluster(''), istioCluster('v2', { lb_policy: 'RANDOM' })] });
    assert.equal(findingLines(config, 'MS115').length, 1);
    const noListeners = { ...config, sections: { ...config.sections, listeners: false } };
    assert.deepEqual(usedClusters(noListeners), { unknown: 'the listeners or routes section is missing' });
    assert.deepEqual(
      findingsFor(noListeners).filter((f) => f.code === 'MS115'),
      [],
    );
  });

  it('compares the load balancer, outlier detection, circuit breakers and TLS, not the name or SNI', () => {
    const config = proxyWith({
      clusters: [istioCluster(''), istioCluster('v1'), istioCluster('v2', { lb_policy: 'RANDOM', outlier_detection: OUTLIER, ...LOOSER_POOL })],
    });
    const [service, v1, v2] = [SERVICE_CLUSTER, subsetCluster('v1'), subsetCluster('v2')].map((n) => config.index.clusterByName.get(n)!);
    assert.deepEqual(policyDifferences(v1!, service!), []);
    assert.deepEqual(policyDifferences(v2!, service!), [
      'load balancer RANDOM (service: ROUND_ROBIN)',
      'outlier detection',
      'circuit breakers (connectionPool)',
    ]);
  });
});
