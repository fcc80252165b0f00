import type { Json, JsonObject } from '../../src/core/envoy/json.ts';
import { loadProxyConfig } from '../../src/core/envoy/load.ts';
import type { ProxyConfig } from '../../src/core/envoy/types.ts';

/**
 * A server sidecar's virtualInbound as Istio builds it, restated in our own words from
 * pilot/pkg/networking/core/listener_inbound.go (buildInboundListeners, buildInboundPassthroughChains,
 * buildInboundBlackhole, populateListenerFilters) and filterchain_options.go (the match options per
 * mTLS mode and protocol), with the chain shapes pilot's listenertest helpers check
 * (listenertest/match.go: an mTLS HTTP chain matches istio-http/1.1). Ports:
 * 8080 STRICT, protocol sniffed (inboundStrictFilterChainMatchOptions: HTTP over mTLS + TCP over mTLS);
 * 9090 PERMISSIVE, sniffed (inboundPermissiveFilterChainMatchWithMxcOptions: five chains);
 * 7070 DISABLE, TCP (inboundPlainTextTCPFilterChainMatchOptions);
 * 5050 PERMISSIVE, declared gRPC/HTTP2 (inboundPermissiveHTTPFilterChainMatchWithMxcOptions, h2 cluster);
 * the passthrough chains PERMISSIVE; the blackhole chain at 15006.
 */
export const POD_IP = '10.0.0.5';
const MTLS_HTTP = ['istio-http/1.0', 'istio-http/1.1', 'istio-h2'];
const PLAIN_HTTP = ['http/1.1', 'h2c'];
const MXC_TCP = ['istio-peer-exchange', 'istio'];
const ALL_ISTIO = ['istio', 'istio-peer-exchange', 'istio-http/1.0', 'istio-http/1.1', 'istio-h2'];

const istioMtls = (alpn: string[]): JsonObject => ({
  name: 'envoy.transport_sockets.tls',
  typed_config: {
    '@type': 'type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.DownstreamTlsContext',
    common_tls_context: {
      alpn_protocols: alpn,
      tls_certificate_sds_secret_configs: [{ name: 'default', sds_config: { ads: {} } }],
      combined_validation_context: { default_validation_context: {}, validation_context_sds_secret_config: { name: 'ROOTCA', sds_config: { ads: {} } } },
    },
    require_client_certificate: true,
  },
});

const hcm = (routeName: string, cluster: string, port: number): JsonObject => ({
  name: 'envoy.filters.network.http_connection_manager',
  typed_config: {
    '@type': 'type.googleapis.com/envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager',
    stat_prefix: `inbound_0.0.0.0_${port}`,
    route_config: {
      name: routeName,
      virtual_hosts: [
        { name: `inbound|http|${port}`, domains: ['*'], routes: [{ name: 'default', match: { prefix: '/' }, route: { cluster, timeout: '0s' } }] },
      ],
    },
    http_filters: [
      {
        name: 'istio.metadata_exchange',
        typed_config: { '@type': 'type.googleapis.com/udpa.type.v1.TypedStruct', type_url: 'type.googleapis.com/io.istio.http.peer_metadata.Config' },
      },
      // What Istio's builder emits for an AuthorizationPolicy `ns/allow-all` with `rules: [{}]`
      // (pilot/pkg/security/authz/builder testdata http/allow-all-out.yaml): one policy, any/any.
      {
        name: 'envoy.filters.http.rbac',
        typed_config: {
          '@type': 'type.googleapis.com/envoy.extensions.filters.http.rbac.v3.RBAC',
          rules: { policies: { 'ns[ns]-policy[allow-all]-rule[0]': { permissions: [{ any: true }], principals: [{ any: true }] } } },
        },
      },
      { name: 'envoy.filters.http.router', typed_config: { '@type': 'type.googleapis.com/envoy.extensions.filters.http.router.v3.Router' } },
    ],
  },
});

const tcp = (cluster: string): JsonObject => ({
  name: 'envoy.filters.network.tcp_proxy',
  typed_config: { '@type': 'type.googleapis.com/envoy.extensions.filters.network.tcp_proxy.v3.TcpProxy', stat_prefix: cluster, cluster },
});

interface Opt {
  http: boolean;
  transport: 'tls' | 'raw_buffer';
  alpn?: string[];
  mtls?: boolean;
}

function chain(name: string, port: number | undefined, opt: Opt, cluster: string, routeName: string): JsonObject {
  const match: JsonObject = { transport_protocol: opt.transport };
  if (port !== undefined) match.destination_port = port;
  else match.prefix_ranges = [{ address_prefix: '0.0.0.0', prefix_len: 0 }];
  if (opt.alpn) match.application_protocols = opt.alpn;
  const out: JsonObject = {
    name,
    filter_chain_match: match,
    filters: [{ name: 'istio.metadata_exchange' }, opt.http ? hcm(routeName, cluster, port ?? 0) : tcp(cluster)],
  };
  if (opt.mtls) out.transport_socket = istioMtls(opt.http ? ['h2', 'http/1.1'] : ['istio-peer-exchange', 'h2', 'http/1.1']);
  return out;
}

/** The five PERMISSIVE options for a sniffed port (inboundPermissiveFilterChainMatchWithMxcOptions), in Istio's order. */
const PERMISSIVE_AUTO: Opt[] = [
  { http: true, transport: 'tls', alpn: MTLS_HTTP, mtls: true },
  { http: true, transport: 'raw_buffer', alpn: PLAIN_HTTP },
  { http: false, transport: 'tls', alpn: MXC_TCP, mtls: true },
  { http: false, transport: 'raw_buffer' },
  { http: false, transport: 'tls' },
];
const STRICT_AUTO: Opt[] = [
  { http: true, transport: 'tls', alpn: MTLS_HTTP, mtls: true },
  { http: false, transport: 'tls', mtls: true },
];
const DISABLE_TCP: Opt[] = [{ http: false, transport: 'raw_buffer' }];
const PERMISSIVE_HTTP: Opt[] = [
  { http: true, transport: 'tls', alpn: ALL_ISTIO, mtls: true },
  { http: true, transport: 'raw_buffer' },
];

function portChains(port: number, opts: Opt[]): JsonObject[] {
  return opts.map((o) => chain(`0.0.0.0_${port}`, port, o, `inbound|${port}||`, `inbound|${port}||`));
}

function passthroughChains(): JsonObject[] {
  const pass = 'InboundPassthroughClusterIpv4';
  return PERMISSIVE_AUTO.map((o) => chain(o.http ? 'virtualInbound-catchall-http' : 'virtualInbound', undefined, o, pass, pass));
}

const originalDst = (name: string): JsonObject => ({
  cluster: {
    '@type': 'type.googleapis.com/envoy.config.cluster.v3.Cluster',
    name,
    type: 'ORIGINAL_DST',
    connect_timeout: '10s',
    lb_policy: 'CLUSTER_PROVIDED',
    upstream_bind_config: { source_address: { address: '127.0.0.6', port_value: 0 } },
  },
});

const h2Cluster = (name: string): JsonObject => {
  const c = originalDst(name);
  (c.cluster as JsonObject).typed_extension_protocol_options = {
    'envoy.extensions.upstreams.http.v3.HttpProtocolOptions': {
      '@type': 'type.googleapis.com/envoy.extensions.upstreams.http.v3.HttpProtocolOptions',
      explicit_http_config: { http2_protocol_options: {} },
    },
  };
  return c;
};

export function inboundDump(): Json {
  const chains = [
    {
      name: 'virtualInbound-blackhole',
      filter_chain_match: { destination_port: 15006 },
      filters: [{ name: 'istio.metadata_exchange' }, tcp('BlackHoleCluster')],
    },
    ...passthroughChains(),
    ...portChains(8080, STRICT_AUTO),
    ...portChains(9090, PERMISSIVE_AUTO),
    ...portChains(7070, DISABLE_TCP),
    ...portChains(5050, PERMISSIVE_HTTP),
  ];
  return {
    configs: [
      {
        '@type': 'type.googleapis.com/envoy.admin.v3.BootstrapConfigDump',
        bootstrap: { node: { id: `sidecar~${POD_IP}~server-1.ns~ns.svc.cluster.local`, metadata: { ISTIO_VERSION: '1.24.0' } } },
      },
      {
        '@type': 'type.googleapis.com/envoy.admin.v3.ClustersConfigDump',
        static_clusters: [
          originalDst('InboundPassthroughClusterIpv4'),
          { cluster: { '@type': 'type.googleapis.com/envoy.config.cluster.v3.Cluster', name: 'BlackHoleCluster', type: 'STATIC', connect_timeout: '10s' } },
        ],
        dynamic_active_clusters: [originalDst('inbound|8080||'), originalDst('inbound|9090||'), originalDst('inbound|7070||'), h2Cluster('inbound|5050||')],
      },
      {
        '@type': 'type.googleapis.com/envoy.admin.v3.ListenersConfigDump',
        dynamic_listeners: [
          {
            name: 'virtualInbound',
            active_state: {
              listener: {
                '@type': 'type.googleapis.com/envoy.config.listener.v3.Listener',
                name: 'virtualInbound',
                address: { socket_address: { address: '0.0.0.0', port_value: 15006 } },
                traffic_direction: 'INBOUND',
                listener_filters: [
                  {
                    name: 'envoy.filters.listener.original_dst',
                    typed_config: { '@type': 'type.googleapis.com/envoy.extensions.filters.listener.original_dst.v3.OriginalDst' },
                  },
                  {
                    name: 'envoy.filters.listener.tls_inspector',
                    typed_config: { '@type': 'type.googleapis.com/envoy.extensions.filters.listener.tls_inspector.v3.TlsInspector' },
                  },
                  {
                    name: 'envoy.filters.listener.http_inspector',
                    typed_config: { '@type': 'type.googleapis.com/envoy.extensions.filters.listener.http_inspector.v3.HttpInspector' },
                  },
                ],
                filter_chains: chains,
              },
            },
          },
        ],
      },
      { '@type': 'type.googleapis.com/envoy.admin.v3.RoutesConfigDump' },
    ],
  };
}

export function inboundConfig(): ProxyConfig {
  return loadProxyConfig([{ name: 'inbound.json', data: inboundDump() }], 'inbound.json');
}
