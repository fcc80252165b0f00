import type { JsonObject } from '../../../src/core/envoy/json.ts';
import type { OutboundCluster } from './clusters.ts';
import { socketAddress } from './common.ts';
import { type PodPlan, targetPort } from './plan.ts';

function lbEndpoint(pod: PodPlan, cluster: OutboundCluster): JsonObject {
  const { service } = cluster;
  return {
    endpoint: { address: socketAddress(pod.ip, targetPort(cluster.port)), health_check_config: {} },
    health_status: pod.health,
    metadata: {
      filter_metadata: {
        'envoy.transport_socket_match': { tlsMode: 'istio' },
        istio: { workload: `${service.name}-${pod.subset};${service.namespace};${service.name};${pod.subset};Kubernetes` },
      },
    },
    load_balancing_weight: 1,
  };
}

/**
 * The EDS ClusterLoadAssignment of an outbound cluster as `/config_dump?include_eds=true` shows it:
 * endpoints grouped by locality, each lb_endpoint carrying Istio's `istio.workload` metadata
 * (`name;namespace;canonical-service;revision;cluster`) and the tlsMode label for auto mTLS.
 */
export function clusterLoadAssignment(cluster: OutboundCluster): JsonObject {
  const byLocality = new Map<string, PodPlan[]>();
  for (const pod of cluster.pods) {
    const key = `${pod.locality.region}/${pod.locality.zone}`;
    const list = byLocality.get(key);
    if (list) list.push(pod);
    else byLocality.set(key, [pod]);
  }
  const endpoints: JsonObject[] = [];
  for (const pods of byLocality.values()) {
    const { region, zone } = pods[0]!.locality;
    endpoints.push({
      locality: { region, zone },
      lb_endpoints: pods.map((pod) => lbEndpoint(pod, cluster)),
      load_balancing_weight: pods.length,
    });
  }
  const assignment: JsonObject = {
    '@type': 'type.googleapis.com/envoy.config.endpoint.v3.ClusterLoadAssignment',
    cluster_name: cluster.name,
  };
  if (endpoints.length > 0) assignment.endpoints = endpoints;
  assignment.policy = { overprovisioning_factor: 140 };
  return assignment;
}

/** The static clusters' endpoints, as Envoy lists them under static_endpoint_configs. */
export function staticEndpointConfigs(): JsonObject[] {
  return [
    ['agent', 15020],
    ['prometheus_stats', 15000],
  ].map(([name, port]) => ({
    endpoint_config: {
      '@type': 'type.googleapis.com/envoy.config.endpoint.v3.ClusterLoadAssignment',
      cluster_name: name!,
      endpoints: [
        {
          locality: {},
          lb_endpoints: [
            {
              endpoint: { address: socketAddress('127.0.0.1', port as number), health_check_config: {} },
              health_status: 'HEALTHY',
              load_balancing_weight: 1,
            },
          ],
          load_balancing_weight: 0,
        },
      ],
      policy: { overprovisioning_factor: 140 },
    },
  }));
}
