import type { JsonObject } from '../../../src/core/envoy/json.ts';
import { ADS_CONFIG_SOURCE, sdsSecret, socketAddress, tcpProxy } from './common.ts';
import type { MeshPlan } from './plan.ts';
import { inboundRouteConfig } from './routes.ts';

const HCM_TYPE = 'type.googleapis.com/envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager';

function httpFilters(direction: 'outbound' | 'inbound'): JsonObject[] {
  const typed = (name: string, type: string, extra: JsonObject = {}): JsonObject => ({ name, typed_config: { '@type': type, ...extra } });
  return [
    typed(
      'istio.metadata_exchange',
      'type.googleapis.com/io.istio.http.peer_metadata.Config',
      direction === 'inbound'
        ? { downstream_discovery: [{ istio_headers: {} }, { workload_discovery: {} }] }
        : { upstream_discovery: [{ istio_headers: {} }, { workload_discovery: {} }] },
    ),
    typed('envoy.filters.http.grpc_stats', 'type.googleapis.com/envoy.extensions.filters.http.grpc_stats.v3.FilterConfig', {
      emit_filter_state: true,
      stats_for_all_methods: false,
    }),
    typed('envoy.filters.http.fault', 'type.googleapis.com/envoy.extensions.filters.http.fault.v3.HTTPFault'),
    typed('envoy.filters.http.cors', 'type.googleapis.com/envoy.extensions.filters.http.cors.v3.Cors'),
    typed('istio.stats', 'type.googleapis.com/stats.PluginConfig', direction === 'inbound' ? { reporter: 'SERVER' } : {}),
    typed('envoy.filters.http.router', 'type.googleapis.com/envoy.extensions.filters.http.router.v3.Router'),
  ];
}

/** An http_connection_manager network filter, with RDS (outbound) or an inline route config (inbound). */
function httpConnectionManager(statPrefix: string, direction: 'outbound' | 'inbound', routes: JsonObject): JsonObject {
  return {
    name: 'envoy.filters.network.http_connection_manager',
    typed_config: {
      '@type': HCM_TYPE,
      stat_prefix: statPrefix,
      ...routes,
      http_filters: httpFilters(direction),
      tracing: { client_sampling: { value: 100 }, random_sampling: { value: 1 }, overall_sampling: { value: 100 } },
      use_remote_address: false,
      forward_client_cert_details: direction === 'inbound' ? 'APPEND_FORWARD' : 'SANITIZE_SET',
      upgrade_configs: [{ upgrade_type: 'websocket' }],
      stream_idle_timeout: '0s',
      normalize_path: true,
      request_id_extension: {
        typed_config: { '@type': 'type.googleapis.com/envoy.extensions.request_id.uuid.v3.UuidRequestIdConfig', use_request_id_for_trace_sampling: true },
      },
      path_with_escaped_slashes_action: 'KEEP_UNCHANGED',
    },
  };
}

const PASSTHROUGH_CHAIN: JsonObject = {
  filter_chain_match: {},
  filters: [tcpProxy('PassthroughCluster', 'PassthroughCluster')],
  name: 'PassthroughFilterChain',
};

function listenerFilter(name: string, type: string): JsonObject {
  return { name, typed_config: { '@type': `type.googleapis.com/envoy.extensions.filters.listener.${type}` } };
}

/** `0.0.0.0_8080`: the outbound HTTP listener for a port; its HCM fetches route config `8080` over RDS. */
export function outboundListener(port: number): JsonObject {
  const name = `0.0.0.0_${port}`;
  return {
    '@type': 'type.googleapis.com/envoy.config.listener.v3.Listener',
    name,
    address: socketAddress('0.0.0.0', port),
    filter_chains: [
      {
        filter_chain_match: { transport_protocol: 'raw_buffer', application_protocols: ['http/1.1', 'h2c'] },
        filters: [
          httpConnectionManager(`outbound_0.0.0.0_${port}`, 'outbound', { rds: { config_source: ADS_CONFIG_SOURCE, route_config_name: String(port) } }),
        ],
        name,
      },
    ],
    default_filter_chain: PASSTHROUGH_CHAIN,
    listener_filters: [
      listenerFilter('envoy.filters.listener.tls_inspector', 'tls_inspector.v3.TlsInspector'),
      listenerFilter('envoy.filters.listener.http_inspector', 'http_inspector.v3.HttpInspector'),
    ],
    listener_filters_timeout: '0s',
    continue_on_listener_filters_timeout: true,
    traffic_direction: 'OUTBOUND',
    bind_to_port: false,
  };
}

/** `virtualOutbound` (15001): iptables sends all outbound traffic here; use_original_dst hands it on. */
export function virtualOutbound(plan: MeshPlan): JsonObject {
  return {
    '@type': 'type.googleapis.com/envoy.config.listener.v3.Listener',
    name: 'virtualOutbound',
    address: socketAddress('0.0.0.0', 15001),
    filter_chains: [
      {
        filter_chain_match: { prefix_ranges: [{ address_prefix: plan.proxy.ip, prefix_len: 32 }] },
        filters: [tcpProxy('BlackHoleCluster', 'BlackHoleCluster')],
        name: 'virtualOutbound-blackhole',
      },
      { filters: [tcpProxy('PassthroughCluster', 'PassthroughCluster')], name: 'virtualOutbound-catchall-tcp' },
    ],
    use_original_dst: true,
    traffic_direction: 'OUTBOUND',
  };
}

/** `virtualInbound` (15006): the sidecar's inbound side, mTLS and plaintext chains for its own port. */
export function virtualInbound(plan: MeshPlan): JsonObject {
  const port = plan.proxy.inboundPort;
  const inboundHcm = httpConnectionManager(`inbound_0.0.0.0_${port}`, 'inbound', { route_config: inboundRouteConfig(port) });
  const downstreamTls = {
    name: 'envoy.transport_sockets.tls',
    typed_config: {
      '@type': 'type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.DownstreamTlsContext',
      common_tls_context: {
        alpn_protocols: ['h2', 'http/1.1'],
        tls_certificate_sds_secret_configs: [sdsSecret('default')],
        combined_validation_context: { default_validation_context: {}, validation_context_sds_secret_config: sdsSecret('ROOTCA') },
      },
      require_client_certificate: true,
    },
  };
  return {
    '@type': 'type.googleapis.com/envoy.config.listener.v3.Listener',
    name: 'virtualInbound',
    address: socketAddress('0.0.0.0', 15006),
    filter_chains: [
      { filter_chain_match: { destination_port: 15006 }, filters: [tcpProxy('BlackHoleCluster', 'BlackHoleCluster')], name: 'virtualInbound-blackhole' },
      {
        filter_chain_match: {
          destination_port: port,
          transport_protocol: 'tls',
          application_protocols: ['istio', 'istio-peer-exchange', 'istio-http/1.0', 'istio-http/1.1', 'istio-h2'],
        },
        filters: [inboundHcm],
        transport_socket: downstreamTls,
        name: `0.0.0.0_${port}`,
      },
      { filter_chain_match: { destination_port: port, transport_protocol: 'raw_buffer' }, filters: [inboundHcm], name: `0.0.0.0_${port}` },
      { filter_chain_match: {}, filters: [tcpProxy('InboundPassthroughCluster', 'InboundPassthroughCluster')], name: 'virtualInbound' },
    ],
    listener_filters: [
      listenerFilter('envoy.filters.listener.original_dst', 'original_dst.v3.OriginalDst'),
      listenerFilter('envoy.filters.listener.tls_inspector', 'tls_inspector.v3.TlsInspector'),
      listenerFilter('envoy.filters.listener.http_inspector', 'http_inspector.v3.HttpInspector'),
    ],
    listener_filters_timeout: '0s',
    continue_on_listener_filters_timeout: true,
    traffic_direction: 'INBOUND',
  };
}
