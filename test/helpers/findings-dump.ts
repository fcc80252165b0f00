import type { Json, JsonObject } from '../../src/core/envoy/json.ts';
import { loadProxyConfig } from '../../src/core/envoy/load.ts';
import type { ProxyConfig } from '../../src/core/envoy/types.ts';
import { findingsFor } from '../../src/core/findings/index.ts';

/**
 * Small sidecar config dumps for the findings tests, in the shapes istiod writes (snake_case, as
 * the Envoy admin `/config_dump` prints them):
 * - a VirtualService route (pilot/pkg/networking/core/route/route.go `translateRoute`): `name` the
 *   http[] entry's name, `metadata.filter_metadata.istio.config` the VirtualService's path,
 *   `route.timeout` the VS timeout (`0s` when it has none, `setTimeout`), `route.retry_policy` from
 *   `retry.ConvertPolicy`, a fault in `typed_per_filter_config["envoy.filters.http.fault"]`
 *   (`TranslateFault`);
 * - an outbound cluster `outbound|PORT|SUBSET|HOST` (cluster_builder.go) with its DestinationRule
 *   in `metadata.filter_metadata.istio.config`;
 * - the outbound listener's HTTP connection manager on RDS.
 */
export const HOST = 'reviews.default.svc.cluster.local';
export const SERVICE_CLUSTER = `outbound|9080||${HOST}`;
export const subsetCluster = (subset: string): string => `outbound|9080|${subset}|${HOST}`;

const VS_PATH = '/apis/networking.istio.io/v1/namespaces/default/virtual-service/reviews';
const DR_PATH = '/apis/networking.istio.io/v1/namespaces/default/destination-rule/reviews';

/** `metadata` istiod puts on a route the VirtualService `reviews` produced. */
export const vsMetadata: JsonObject = { filter_metadata: { istio: { config: VS_PATH } } };

/** A VirtualService route to `cluster` (timeout 0s, as istiod writes it for a VS without one), with `action` merged into `route`. */
export function vsRoute(name: string, action: JsonObject = {}, extra: JsonObject = {}): JsonObject {
  return { name, match: { prefix: '/' }, route: { cluster: SERVICE_CLUSTER, timeout: '0s', ...action }, metadata: vsMetadata, ...extra };
}

/** Istio's retry policy for `retries: {attempts: N, retryOn: …}` (retry.go ConvertPolicy), with `extra` fields. */
export function istioRetry(numRetries: number, retryOn: string, extra: JsonObject = {}): JsonObject {
  return {
    retry_on: retryOn,
    num_retries: numRetries,
    retry_host_predicate: [{ name: 'envoy.retry_host_predicates.previous_hosts' }],
    host_selection_retry_max_attempts: '5',
    ...extra,
  };
}

/** typed_per_filter_config with an HTTPFault (route.go TranslateFault). */
export function faultConfig(fault: JsonObject): JsonObject {
  return {
    'envoy.filters.http.fault': { '@type': 'type.googleapis.com/envoy.extensions.filters.http.fault.v3.HTTPFault', ...fault },
  };
}

/** An EDS cluster as istiod builds it for `subset` ('' for the service's own cluster), with `extra` fields. */
export function istioCluster(subset: string, extra: JsonObject = {}): JsonObject {
  const name = subset ? subsetCluster(subset) : SERVICE_CLUSTER;
  const istio: JsonObject = { config: DR_PATH, services: [{ host: HOST, name: 'reviews', namespace: 'default' }] };
  if (subset) istio.subset = subset;
  return {
    '@type': 'type.googleapis.com/envoy.config.cluster.v3.Cluster',
    name,
    type: 'EDS',
    eds_cluster_config: { eds_config: { ads: {}, resource_api_version: 'V3' }, service_name: name },
    connect_timeout: '10s',
    circuit_breakers: { thresholds: [{ max_connections: 4294967295, max_pending_requests: 4294967295, max_requests: 4294967295, max_retries: 4294967295 }] },
    metadata: { filter_metadata: { istio } },
    ...extra,
  };
}

const HCM = 'type.googleapis.com/envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager';

/** The outbound listener for port 9080 (RDS `9080`), plus any `filters` chains of its own (tcp_proxy). */
export function outboundListener(extraChains: JsonObject[] = []): JsonObject {
  return {
    '@type': 'type.googleapis.com/envoy.config.listener.v3.Listener',
    name: '0.0.0.0_9080',
    address: { socket_address: { address: '0.0.0.0', port_value: 9080 } },
    traffic_direction: 'OUTBOUND',
    filter_chains: [
      {
        filters: [
          {
            name: 'envoy.filters.network.http_connection_manager',
            typed_config: { '@type': HCM, stat_prefix: 'outbound_0.0.0.0_9080', rds: { config_source: { ads: {} }, route_config_name: '9080' } },
          },
        ],
      },
      ...extraChains,
    ],
  };
}

/** A proxy with route config `9080` (one virtual host, `vhost` merged in) holding `routes`, and `clusters`. */
export function proxyWith(options: { routes?: JsonObject[]; vhost?: JsonObject; clusters?: JsonObject[]; listeners?: JsonObject[] }): ProxyConfig {
  const configs: Json[] = [
    {
      '@type': 'type.googleapis.com/envoy.admin.v3.ListenersConfigDump',
      dynamic_listeners: (options.listeners ?? [outboundListener()]).map((listener) => ({ name: listener.name as string, active_state: { listener } })),
    },
    {
      '@type': 'type.googleapis.com/envoy.admin.v3.RoutesConfigDump',
      dynamic_route_configs: [
        {
          route_config: {
            '@type': 'type.googleapis.com/envoy.config.route.v3.RouteConfiguration',
            name: '9080',
            ignore_port_in_host_matching: true,
            virtual_hosts: [{ name: `${HOST}:9080`, domains: [HOST, 'reviews'], routes: options.routes ?? [], ...options.vhost }],
            validate_clusters: false,
          },
        },
      ],
    },
    {
      '@type': 'type.googleapis.com/envoy.admin.v3.ClustersConfigDump',
      dynamic_active_clusters: (options.clusters ?? [istioCluster('')]).map((cluster) => ({ cluster })),
    },
  ];
  return loadProxyConfig([{ name: 'dump.json', data: { configs } }], 'dump.json');
}

/** The findings of `code` for a proxy, as `CODE message` lines. */
export function findingLines(config: ProxyConfig, code: string): string[] {
  return findingsFor(config)
    .filter((f) => f.code === code)
    .map((f) => `${f.code} ${f.message}`);
}
