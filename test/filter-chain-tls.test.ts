import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Json, JsonObject } from '../src/core/envoy/json.ts';
import { loadProxyConfig } from '../src/core/envoy/load.ts';
import type { Listener, ProxyConfig } from '../src/core/envoy/types.ts';
import type { ConnectionFacts } from '../src/core/explain/connection.ts';
import { explain } from '../src/core/explain/explain.ts';
import { selectFilterChain } from '../src/core/explain/filter-chain-select.ts';
import { negotiateAlpn } from '../src/core/explain/tls-stage.ts';
import { parseRequest } from '../src/core/router/request.ts';

/**
 * Envoy's filter chain match for TLS connections, restated from Envoy's own tests in
 * test/common/listener_manager/listener_manager_impl_test.cc (ListenerManagerImplWithRealFiltersTest):
 * the chains and the expected pick of each case are theirs; the chains here are named after the
 * certificate each test checks for.
 */

const DOWNSTREAM_TLS = 'type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.DownstreamTlsContext';
const TLS_INSPECTOR = {
  name: 'envoy.filters.listener.tls_inspector',
  typed_config: { '@type': 'type.googleapis.com/envoy.extensions.filters.listener.tls_inspector.v3.TlsInspector' },
};
const tlsSocket = (secret: string, alpn?: string[]): JsonObject => ({
  name: 'envoy.transport_sockets.tls',
  typed_config: {
    '@type': DOWNSTREAM_TLS,
    common_tls_context: {
      ...(alpn ? { alpn_protocols: alpn } : {}),
      tls_certificate_sds_secret_configs: [{ name: secret, sds_config: { ads: {}, resource_api_version: 'V3' } }],
    },
  },
});

function listenerDump(name: string, port: number, chains: Json[], extra: JsonObject = {}): Json {
  return {
    configs: [
      {
        '@type': 'type.googleapis.com/envoy.admin.v3.ListenersConfigDump',
        dynamic_listeners: [
          {
            name,
            active_state: {
              listener: {
                '@type': 'type.googleapis.com/envoy.config.listener.v3.Listener',
                name,
                address: { socket_address: { address: '0.0.0.0', port_value: port } },
                listener_filters: [TLS_INSPECTOR],
                filter_chains: chains,
                ...extra,
              },
            },
          },
        ],
      },
    ],
  };
}

function listenerOf(chains: Json[]): Listener {
  const config = loadProxyConfig([{ name: 'listener.json', data: listenerDump('l', 1234, chains) }], 'test');
  return config.listeners[0]!;
}

const tls = (serverName: string | undefined, alpn: string[] = []): ConnectionFacts => ({
  destinationPort: 1234,
  destinationIp: '127.0.0.1',
  sourceIp: '127.0.0.1',
  transportProtocol: 'tls',
  applicationProtocols: alpn,
  clientTls: true,
  ...(serverName === undefined ? {} : { serverName }),
});
const plaintext: ConnectionFacts = {
  destinationPort: 1234,
  destinationIp: '127.0.0.1',
  transportProtocol: 'raw_buffer',
  applicationProtocols: [],
  clientTls: false,
};

const picked = (l: Listener, facts: ConnectionFacts): string | undefined => selectFilterChain(l, facts).chain?.name;

describe('filter chain match for TLS connections (Envoy listener_manager_impl_test)', () => {
  it('MultipleFilterChainsWithServerNamesMatch: no SNI → the chain without server names; exact; longest wildcard, any depth', () => {
    const l = listenerOf([
      { name: 'san_uri', filter_chain_match: {}, transport_socket: tlsSocket('a') },
      { name: 'server1', filter_chain_match: { server_names: ['server1.example.com'] }, transport_socket: tlsSocket('b') },
      { name: 'wildcard_com', filter_chain_match: { server_names: ['*.com'] }, transport_socket: tlsSocket('c') },
    ]);
    assert.equal(picked(l, tls(undefined)), 'san_uri');
    assert.equal(picked(l, tls('server1.example.com')), 'server1');
    assert.equal(picked(l, tls('server2.example.com')), 'wildcard_com');
    assert.equal(picked(l, tls('www.wildcard.com')), 'wildcard_com');
  });

  it('prefers the longer wildcard suffix (*.example.com over *.com) and compares server names without case', () => {
    const l = listenerOf([
      { name: 'com', filter_chain_match: { server_names: ['*.com'] } },
      { name: 'example', filter_chain_match: { server_names: ['*.example.com'] } },
    ]);
    assert.equal(picked(l, tls('api.example.com')), 'example');
    assert.equal(picked(l, tls('API.Example.COM')), 'example');
    assert.equal(picked(l, tls('a.b.example.com')), 'example', 'a wildcard matches any depth (Envoy filter chain server names)');
    assert.equal(picked(l, tls('example.com')), 'com', '*.example.com does not match example.com itself');
    // No chain without server names: an SNI that matches none has no chain.
    assert.equal(picked(l, tls('example.org')), undefined);
  });

  it('MultipleFilterChainsWithTransportProtocolMatch: a TCP client takes the empty match, a TLS client the "tls" chain', () => {
    const l = listenerOf([
      { name: 'foo', filter_chain_match: {} },
      { name: 'bar', filter_chain_match: { transport_protocol: 'tls' }, transport_socket: tlsSocket('b') },
    ]);
    assert.equal(picked(l, plaintext), 'foo');
    assert.equal(picked(l, tls(undefined)), 'bar');
  });

  it('MultipleFilterChainsWithApplicationProtocolMatch: no ALPN → the empty chain; h2,http/1.1 → the chain listing h2', () => {
    const l = listenerOf([
      { name: 'foo', filter_chain_match: {} },
      { name: 'bar', filter_chain_match: { application_protocols: ['dummy', 'h2'] }, transport_socket: tlsSocket('b') },
    ]);
    assert.equal(picked(l, tls(undefined, [])), 'foo');
    assert.equal(picked(l, tls(undefined, ['h2', 'http/1.1'])), 'bar');
  });

  it('MultipleFilterChainsWithMultipleRequirementsMatch: an exact SNI without the ALPN is blackholed, not sent to the catch-all', () => {
    const l = listenerOf([
      { name: 'empty', filter_chain_match: {} },
      {
        name: 'all',
        filter_chain_match: { server_names: ['www.example.com', 'server1.example.com'], transport_protocol: 'tls', application_protocols: ['dummy', 'h2'] },
        transport_socket: tlsSocket('b'),
      },
    ]);
    assert.equal(picked(l, tls(undefined, [])), 'empty');
    const blackholed = selectFilterChain(l, tls('server1.example.com', []));
    assert.equal(blackholed.chain, undefined);
    assert.match(blackholed.reason, /none fits its application protocols.*Envoy closes the connection/);
    assert.equal(picked(l, tls(undefined, ['h2', 'http/1.1'])), 'empty');
    assert.equal(picked(l, tls('server1.example.com', ['h2', 'http/1.1'])), 'all');
  });

  it('falls back to default_filter_chain when no chain matches', () => {
    const config = loadProxyConfig(
      [
        {
          name: 'l.json',
          data: listenerDump('l', 1234, [{ name: 'only', filter_chain_match: { server_names: ['a.example.com'] } }], {
            default_filter_chain: { name: 'fallback', filters: [] },
          }),
        },
      ],
      'test',
    );
    const choice = selectFilterChain(config.listeners[0]!, tls('b.example.com'));
    assert.equal(choice.chain?.name, 'fallback');
    assert.match(choice.reason, /default_filter_chain/);
  });
});

describe('ALPN negotiation on a terminating chain', () => {
  it("picks the server's first protocol the client offers (the server's order decides)", () => {
    assert.equal(negotiateAlpn(['h2', 'http/1.1'], ['http/1.1', 'h2']), 'h2');
    assert.equal(negotiateAlpn(['http/1.1'], ['h2', 'http/1.1']), 'http/1.1');
    assert.equal(negotiateAlpn(['h2'], ['http/1.1']), undefined);
    assert.equal(negotiateAlpn([], ['h2']), undefined);
  });
});

/**
 * Explain over listeners shaped as Istio builds them: an ingress gateway's HTTPS server (SIMPLE
 * TLS, pilot/pkg/networking/core/gateway.go buildGatewayListeners → a chain per server with
 * server_names from the server's hosts, a DownstreamTlsContext whose certificate is the SDS
 * secret `kubernetes://<credentialName>`, and RDS `https.<port>.<port name>.<gateway>.<namespace>`)
 * and a TLS PASSTHROUGH server (a tcp_proxy chain per VirtualService tls route's sni_hosts).
 */
function gatewayConfig(): ProxyConfig {
  const hcm = (rds: string): JsonObject => ({
    name: 'envoy.filters.network.http_connection_manager',
    typed_config: {
      '@type': 'type.googleapis.com/envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager',
      stat_prefix: 'outbound_0.0.0.0_8443',
      rds: { route_config_name: rds, config_source: { ads: {}, resource_api_version: 'V3' } },
      http_filters: [{ name: 'envoy.filters.http.router', typed_config: { '@type': 'type.googleapis.com/envoy.extensions.filters.http.router.v3.Router' } }],
    },
  });
  const tcp = (cluster: string): JsonObject => ({
    name: 'envoy.filters.network.tcp_proxy',
    typed_config: { '@type': 'type.googleapis.com/envoy.extensions.filters.network.tcp_proxy.v3.TcpProxy', stat_prefix: cluster, cluster },
  });
  const listeners = listenerDump('0.0.0.0_8443', 8443, [
    {
      filter_chain_match: { server_names: ['*.example.com'] },
      transport_socket: tlsSocket('kubernetes://api-example-com-cert', ['h2', 'http/1.1']),
      filters: [hcm('https.443.https.bookinfo-gateway.bookinfo')],
    },
    { filter_chain_match: { server_names: ['db.internal.example.org'] }, filters: [tcp('outbound|5432||db.internal.example.org')] },
  ]);
  const routes: Json = {
    configs: [
      {
        '@type': 'type.googleapis.com/envoy.admin.v3.RoutesConfigDump',
        dynamic_route_configs: [
          {
            route_config: {
              '@type': 'type.googleapis.com/envoy.config.route.v3.RouteConfiguration',
              name: 'https.443.https.bookinfo-gateway.bookinfo',
              virtual_hosts: [
                {
                  name: 'api.example.com:443',
                  domains: ['api.example.com'],
                  routes: [{ match: { prefix: '/api' }, route: { cluster: 'outbound|8080||api.bookinfo.svc.cluster.local' } }],
                },
              ],
            },
          },
        ],
      },
    ],
  };
  const node = {
    configs: [
      {
        '@type': 'type.googleapis.com/envoy.admin.v3.BootstrapConfigDump',
        bootstrap: {
          node: { id: 'router~10.0.0.9~istio-ingressgateway-1.istio-system~istio-system.svc.cluster.local', metadata: { NAMESPACE: 'istio-system' } },
        },
      },
    ],
  };
  return loadProxyConfig(
    [
      { name: 'node.json', data: node },
      { name: 'listeners.json', data: listeners },
      { name: 'routes.json', data: routes },
    ],
    'test',
  );
}

describe('explain through TLS chains', () => {
  it('routes https://api.example.com/api through the *.example.com chain, terminating TLS with the credential', () => {
    const r = explain(gatewayConfig(), parseRequest('GET https://api.example.com/api/v1', []));
    assert.equal(r.listener, '0.0.0.0_8443');
    assert.equal(r.routeConfig, 'https.443.https.bookinfo-gateway.bookinfo');
    assert.equal(r.virtualHost, 'api.example.com:443');
    assert.deepEqual(
      r.destinations.map((d) => d.cluster),
      ['outbound|8080||api.bookinfo.svc.cluster.local'],
    );
    const tlsStep = r.steps.find((s) => s.stage === 'tls');
    assert.match(tlsStep?.reason ?? '', /SIMPLE.*kubernetes:\/\/api-example-com-cert.*ALPN h2/);
    assert.deepEqual(r.connection?.tls, { serverName: 'api.example.com', alpn: ['h2', 'http/1.1'] });
  });

  it('passes TLS through by SNI to the tcp_proxy cluster without HTTP routing (PASSTHROUGH)', () => {
    const r = explain(gatewayConfig(), parseRequest('GET https://db.internal.example.org:443/', []));
    assert.equal(r.outcome, 'route');
    assert.deepEqual(
      r.destinations.map((d) => d.cluster),
      ['outbound|5432||db.internal.example.org'],
    );
    assert.equal(r.routeConfig, null);
    assert.match(r.steps.map((s) => s.reason).join('\n'), /TLS passes through \(SNI db\.internal\.example\.org\)/);
  });

  it('--sni overrides the URL host for the chain match; an SNI no chain names gets no chain', () => {
    const bySni = explain(gatewayConfig(), parseRequest('GET https://10.0.0.9:443/', [], { sni: 'db.internal.example.org' }));
    assert.deepEqual(
      bySni.destinations.map((d) => d.cluster),
      ['outbound|5432||db.internal.example.org'],
    );
    const none = explain(gatewayConfig(), parseRequest('GET https://other.example.net/', []));
    assert.equal(none.outcome, 'no_listener');
    assert.match(none.steps.find((s) => s.stage === 'filter_chain')?.reason ?? '', /no filter chain matches.*Envoy closes the connection/);
  });

  it('a plaintext request to the TLS-only port gets no chain: every chain names server names, which plaintext has none of', () => {
    const r = explain(gatewayConfig(), parseRequest('GET http://api.example.com:443/api', []));
    assert.equal(r.outcome, 'no_listener');
    assert.equal(r.destinations.length, 0);
    assert.match(r.steps.find((s) => s.stage === 'filter_chain')?.reason ?? '', /plaintext.*none fits its server name/);
  });

  it('a plaintext request to a terminating chain without server names fails the TLS handshake', () => {
    const config = loadProxyConfig(
      [
        {
          name: 'l.json',
          data: listenerDump('0.0.0.0_8443', 8443, [{ filter_chain_match: {}, transport_socket: tlsSocket('kubernetes://cert'), filters: [] }]),
        },
      ],
      'test',
    );
    const r = explain(config, parseRequest('GET http://a.example.com:8443/', []));
    const step = r.steps.find((s) => s.stage === 'tls');
    assert.equal(step?.result, 'handshake fails');
    assert.equal(r.destinations.length, 0);
  });
});

/**
 * Egress to an external HTTPS host (a ServiceEntry `api.github.com` port 443, resolution DNS):
 * the sidecar's 0.0.0.0_443 listener has a chain per TLS host, matched by SNI, proxying TCP to
 * `outbound|443||api.github.com` (pilot/pkg/networking/core/listener.go
 * buildSidecarOutboundTLSFilterChainOpts). A DestinationRule `tls: SIMPLE` on that host puts an
 * UpstreamTlsContext on the cluster: TLS origination (istio.io "Egress TLS Origination").
 */
function egressConfig(): ProxyConfig {
  const cluster = {
    '@type': 'type.googleapis.com/envoy.config.cluster.v3.Cluster',
    name: 'outbound|443||api.github.com',
    type: 'STRICT_DNS',
    transport_socket: {
      name: 'envoy.transport_sockets.tls',
      typed_config: { '@type': 'type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.UpstreamTlsContext', sni: 'api.github.com' },
    },
    load_assignment: {
      cluster_name: 'outbound|443||api.github.com',
      endpoints: [{ lb_endpoints: [{ endpoint: { address: { socket_address: { address: 'api.github.com', port_value: 443 } } } }] }],
    },
  };
  const clusters: Json = {
    configs: [{ '@type': 'type.googleapis.com/envoy.admin.v3.ClustersConfigDump', dynamic_active_clusters: [{ cluster }] }],
  };
  const listeners = listenerDump('0.0.0.0_443', 443, [
    {
      filter_chain_match: { server_names: ['api.github.com'] },
      filters: [
        {
          name: 'envoy.filters.network.tcp_proxy',
          typed_config: {
            '@type': 'type.googleapis.com/envoy.extensions.filters.network.tcp_proxy.v3.TcpProxy',
            stat_prefix: 'outbound|443||api.github.com',
            cluster: 'outbound|443||api.github.com',
          },
        },
      ],
    },
  ]);
  return loadProxyConfig(
    [
      { name: 'listeners.json', data: listeners },
      { name: 'clusters.json', data: clusters },
    ],
    'test',
  );
}

describe('egress to an HTTPS ServiceEntry host', () => {
  it('passes the client TLS through by SNI to the ServiceEntry cluster', () => {
    const r = explain(egressConfig(), parseRequest('GET https://api.github.com/repos', []));
    assert.equal(r.listener, '0.0.0.0_443');
    assert.deepEqual(
      r.destinations.map((d) => d.cluster),
      ['outbound|443||api.github.com'],
    );
    assert.match(r.steps.find((s) => s.stage === 'cluster')?.reason ?? '', /originates TLS \(SIMPLE, SNI api\.github\.com\)/);
  });

  it('warns when the cluster wraps the already-encrypted client stream in TLS again', () => {
    const r = explain(egressConfig(), parseRequest('GET https://api.github.com/repos', []));
    assert.ok(
      r.caveats.some((c) => /wraps it in TLS again/.test(c.message)),
      JSON.stringify(r.caveats),
    );
  });
});

describe('AUTO_PASSTHROUGH with sni_cluster (Istio before 1.8: envoy.filters.network.sni_cluster then tcp_proxy)', () => {
  it("sends the connection to the cluster the SNI names, not tcp_proxy's configured one", () => {
    const config = loadProxyConfig(
      [
        {
          name: 'l.json',
          data: listenerDump('0.0.0.0_15443', 15443, [
            {
              filter_chain_match: { server_names: ['*.global'] },
              filters: [
                { name: 'envoy.filters.network.sni_cluster' },
                {
                  name: 'envoy.filters.network.tcp_proxy',
                  typed_config: {
                    '@type': 'type.googleapis.com/envoy.extensions.filters.network.tcp_proxy.v3.TcpProxy',
                    stat_prefix: 'x',
                    cluster: 'BlackHoleCluster',
                  },
                },
              ],
            },
          ]),
        },
      ],
      'test',
    );
    const r = explain(config, parseRequest('GET https://10.0.0.9:15443/', [], { sni: 'outbound_.9080_._.reviews.default.global' }));
    assert.deepEqual(
      r.destinations.map((d) => d.cluster),
      ['outbound_.9080_._.reviews.default.global'],
    );
    assert.match(r.steps.map((s) => s.reason).join('\n'), /sni_cluster names the cluster after the SNI/);
  });
});
