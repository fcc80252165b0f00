import type { Json, JsonObject } from '../../src/core/envoy/json.ts';
import { loadProxyConfig } from '../../src/core/envoy/load.ts';
import type { ProxyConfig } from '../../src/core/envoy/types.ts';

/**
 * A small but complete sidecar config dump (snake_case, as `istioctl proxy-config all -o json`)
 * for reviews: a jason → v2 header route, a 90/10 v1/v3 canary, a route to a subset missing from
 * CDS, and EDS where v3 has one endpoint ejected in /clusters.
 */
const HOST = 'reviews.bookinfo.svc.cluster.local';
const vs = (name: string) => ({ filter_metadata: { istio: { config: `/apis/networking.istio.io/v1/namespaces/bookinfo/virtual-service/${name}` } } });
const dr = { filter_metadata: { istio: { config: '/apis/networking.istio.io/v1/namespaces/bookinfo/destination-rule/reviews' } } };

function cluster(subset: string): JsonObject {
  const name = `outbound|9080|${subset}|${HOST}`;
  return {
    cluster: {
      '@type': 'type.googleapis.com/envoy.config.cluster.v3.Cluster',
      name,
      type: 'EDS',
      eds_cluster_config: { eds_config: { ads: {} }, service_name: name },
      connect_timeout: '10s',
      lb_policy: 'LEAST_REQUEST',
      // The DestinationRule's outlierDetection {consecutive5xxErrors: 1, interval: 1s, baseEjectionTime: 3m,
      // maxEjectionPercent: 100} as Istio's applyOutlierDetection (pilot/pkg/networking/core/cluster_traffic_policy.go)
      // writes it: success-rate ejection off, enforcing 100, and the panic threshold set to minHealthPercent (0).
      outlier_detection: {
        consecutive_5xx: 1,
        interval: '1s',
        base_ejection_time: '180s',
        max_ejection_percent: 100,
        enforcing_consecutive_5xx: 100,
        enforcing_success_rate: 0,
      },
      common_lb_config: { healthy_panic_threshold: {} },
      metadata: { filter_metadata: { istio: { ...dr.filter_metadata.istio, subset, services: [{ host: HOST, name: 'reviews', namespace: 'bookinfo' }] } } },
    },
    last_updated: '2026-11-21T10:00:00Z',
  };
}

function cla(subset: string, ips: string[]): JsonObject {
  return {
    endpoint_config: {
      '@type': 'type.googleapis.com/envoy.config.endpoint.v3.ClusterLoadAssignment',
      cluster_name: `outbound|9080|${subset}|${HOST}`,
      endpoints: [
        {
          locality: { region: 'us-east1', zone: 'us-east1-b' },
          lb_endpoints: ips.map((ip, i) => ({
            endpoint: { address: { socket_address: { address: ip, port_value: 9080 } } },
            health_status: 'HEALTHY',
            metadata: { filter_metadata: { istio: { workload: `reviews-${subset};bookinfo;reviews;${subset};Kubernetes` } } },
            load_balancing_weight: 1 + i * 0,
          })),
        },
      ],
    },
  };
}

export const miniRoutes: JsonObject = {
  name: '9080',
  ignore_port_in_host_matching: true,
  virtual_hosts: [
    {
      name: `${HOST}:9080`,
      domains: [HOST, 'reviews', 'reviews.bookinfo', '10.96.0.20'],
      routes: [
        {
          name: 'jason-to-v2',
          match: { prefix: '/', headers: [{ name: 'end-user', string_match: { exact: 'jason' } }] },
          route: { cluster: `outbound|9080|v2|${HOST}`, timeout: '0s', retry_policy: { retry_on: 'connect-failure,refused-stream', num_retries: 2 } },
          metadata: vs('reviews'),
        },
        {
          name: 'beta',
          match: { prefix: '/beta' },
          route: { cluster: `outbound|9080|v9|${HOST}`, timeout: '5s' },
          metadata: vs('reviews'),
        },
        {
          name: 'canary',
          match: { prefix: '/' },
          route: {
            weighted_clusters: {
              clusters: [
                { name: `outbound|9080|v1|${HOST}`, weight: 90 },
                { name: `outbound|9080|v3|${HOST}`, weight: 10 },
              ],
            },
            timeout: '0s',
          },
          metadata: vs('reviews'),
          typed_per_filter_config: {
            'envoy.filters.http.fault': {
              '@type': 'type.googleapis.com/envoy.extensions.filters.http.fault.v3.HTTPFault',
              delay: { fixed_delay: '2s', percentage: { numerator: 100000, denominator: 'MILLION' } },
            },
          },
        },
        { name: 'never', match: { prefix: '/reviews' }, route: { cluster: `outbound|9080|v1|${HOST}` }, metadata: vs('reviews') },
      ],
    },
  ],
};

export const miniDump: Json = {
  configs: [
    {
      '@type': 'type.googleapis.com/envoy.admin.v3.BootstrapConfigDump',
      bootstrap: {
        node: {
          id: 'sidecar~10.244.0.5~productpage-v1-abc.bookinfo~bookinfo.svc.cluster.local',
          metadata: { ISTIO_VERSION: '1.24.2', NAMESPACE: 'bookinfo', NAME: 'productpage-v1-abc' },
        },
      },
    },
    {
      '@type': 'type.googleapis.com/envoy.admin.v3.ClustersConfigDump',
      dynamic_active_clusters: [cluster('v1'), cluster('v2'), cluster('v3')],
    },
    {
      '@type': 'type.googleapis.com/envoy.admin.v3.ListenersConfigDump',
      dynamic_listeners: [
        {
          name: '0.0.0.0_9080',
          active_state: {
            listener: {
              '@type': 'type.googleapis.com/envoy.config.listener.v3.Listener',
              name: '0.0.0.0_9080',
              address: { socket_address: { address: '0.0.0.0', port_value: 9080 } },
              traffic_direction: 'OUTBOUND',
              filter_chains: [
                {
                  filters: [
                    {
                      name: 'envoy.filters.network.http_connection_manager',
                      typed_config: {
                        '@type': 'type.googleapis.com/envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager',
                        stat_prefix: 'outbound_0.0.0.0_9080',
                        rds: { config_source: { ads: {} }, route_config_name: '9080' },
                      },
                    },
                  ],
                },
              ],
            },
          },
        },
      ],
    },
    {
      '@type': 'type.googleapis.com/envoy.admin.v3.RoutesConfigDump',
      dynamic_route_configs: [{ route_config: { '@type': 'type.googleapis.com/envoy.config.route.v3.RouteConfiguration', ...miniRoutes } }],
    },
    {
      '@type': 'type.googleapis.com/envoy.admin.v3.EndpointsConfigDump',
      dynamic_endpoint_configs: [cla('v1', ['10.244.1.10', '10.244.1.11']), cla('v2', ['10.244.2.10']), cla('v3', ['10.244.3.10'])],
    },
  ],
};

/** /clusters?format=json with the only v3 endpoint ejected by outlier detection. */
export const miniClusters: Json = {
  cluster_statuses: [
    {
      name: `outbound|9080|v3|${HOST}`,
      added_via_api: true,
      host_statuses: [
        {
          address: { socket_address: { address: '10.244.3.10', port_value: 9080 } },
          stats: [
            { name: 'rq_error', value: '12' },
            { name: 'rq_total', value: '40' },
          ],
          health_status: { eds_health_status: 'HEALTHY', failed_outlier_check: true },
          weight: 1,
          locality: { region: 'us-east1', zone: 'us-east1-b' },
        },
      ],
    },
  ],
};

export function miniMesh(withClusters = true): ProxyConfig {
  const docs = [{ name: 'mini.json', data: miniDump }];
  if (withClusters) docs.push({ name: 'clusters.json', data: miniClusters });
  return loadProxyConfig(docs, 'mini.json');
}
