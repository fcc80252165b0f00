import { formatClusterName } from '../../../src/core/envoy/cluster-name.ts';
import type { JsonObject } from '../../../src/core/envoy/json.ts';
import { ADS_CONFIG_SOURCE, autoMtlsSocketMatches, istioConfigPath, MAX_THRESHOLDS, socketAddress } from './common.ts';
import type { MeshPlan, PodPlan, ServicePlan } from './plan.ts';

/** One outbound EDS cluster Istio builds: per service port, once without subset and once per subset. */
export interface OutboundCluster {
  name: string;
  service: ServicePlan;
  port: number;
  /** '' for the cluster without subset. */
  subset: string;
  /** The pods in its ClusterLoadAssignment. */
  pods: PodPlan[];
}

export function* outboundClusters(plan: MeshPlan): Generator<OutboundCluster> {
  for (const service of plan.services) {
    for (const port of service.ports) {
      yield { name: formatClusterName('outbound', port, '', service.host), service, port, subset: '', pods: service.pods };
      for (const subset of service.subsets) {
        const pods = service.pods.filter((p) => p.subset === subset);
        yield { name: formatClusterName('outbound', port, subset, service.host), service, port, subset, pods };
      }
    }
  }
}

const HTTP_PROTOCOL_OPTIONS: JsonObject = {
  'envoy.extensions.upstreams.http.v3.HttpProtocolOptions': {
    '@type': 'type.googleapis.com/envoy.extensions.upstreams.http.v3.HttpProtocolOptions',
    common_http_protocol_options: { idle_timeout: '3600s' },
    use_downstream_protocol_config: { http_protocol_options: {}, http2_protocol_options: {} },
  },
};

const METADATA_EXCHANGE: JsonObject = {
  name: 'istio.metadata_exchange',
  typed_config: {
    '@type': 'type.googleapis.com/envoy.tcp.metadataexchange.config.MetadataExchange',
    protocol: 'istio-peer-exchange',
  },
};

/** The Cluster resource for an outbound EDS cluster, with its DestinationRule metadata. */
export function outboundCluster(cluster: OutboundCluster): JsonObject {
  const { service, port, subset } = cluster;
  const istio: JsonObject = {
    default_original_port: port,
    services: [{ host: service.host, name: service.name, namespace: service.namespace }],
    config: istioConfigPath('destination-rule', service.namespace, service.name),
  };
  if (subset) istio.subset = subset;
  const resource: JsonObject = {
    '@type': 'type.googleapis.com/envoy.config.cluster.v3.Cluster',
    name: cluster.name,
    type: 'EDS',
    eds_cluster_config: { eds_config: ADS_CONFIG_SOURCE, service_name: cluster.name },
    connect_timeout: '10s',
    lb_policy: 'LEAST_REQUEST',
    circuit_breakers: MAX_THRESHOLDS,
    common_lb_config: { locality_weighted_lb_config: {} },
  };
  if (service.outlierDetection) {
    resource.outlier_detection = {
      consecutive_5xx: 5,
      interval: '10s',
      base_ejection_time: '30s',
      max_ejection_percent: 100,
      enforcing_consecutive_5xx: 100,
      enforcing_success_rate: 0,
    };
  }
  resource.typed_extension_protocol_options = HTTP_PROTOCOL_OPTIONS;
  resource.metadata = { filter_metadata: { istio } };
  resource.filters = [METADATA_EXCHANGE];
  const sni = `outbound_.${port}_.${subset}_.${service.host}`;
  resource.transport_socket_matches = autoMtlsSocketMatches(sni, service.namespace, service.name);
  return resource;
}

function originalDst(name: string, extra: JsonObject = {}): JsonObject {
  return {
    '@type': 'type.googleapis.com/envoy.config.cluster.v3.Cluster',
    name,
    type: 'ORIGINAL_DST',
    connect_timeout: '10s',
    lb_policy: 'CLUSTER_PROVIDED',
    circuit_breakers: MAX_THRESHOLDS,
    ...extra,
  };
}

/** BlackHoleCluster, PassthroughCluster, InboundPassthroughCluster and the sidecar's inbound cluster. */
export function specialClusters(plan: MeshPlan): JsonObject[] {
  const bind = { upstream_bind_config: { source_address: { address: '127.0.0.6', port_value: 0 } } };
  const { proxy } = plan;
  return [
    { '@type': 'type.googleapis.com/envoy.config.cluster.v3.Cluster', name: 'BlackHoleCluster', type: 'STATIC', connect_timeout: '10s' },
    originalDst('InboundPassthroughCluster', { ...bind, typed_extension_protocol_options: HTTP_PROTOCOL_OPTIONS }),
    originalDst('PassthroughCluster', { typed_extension_protocol_options: HTTP_PROTOCOL_OPTIONS, filters: [METADATA_EXCHANGE] }),
    originalDst(formatClusterName('inbound', proxy.inboundPort, '', ''), {
      ...bind,
      metadata: {
        filter_metadata: {
          istio: { services: [{ host: `${proxy.app}.${proxy.namespace}.svc.cluster.local`, name: proxy.app, namespace: proxy.namespace }] },
        },
      },
    }),
  ];
}

function staticCluster(name: string, address: JsonObject, extra: JsonObject = {}): JsonObject {
  return {
    '@type': 'type.googleapis.com/envoy.config.cluster.v3.Cluster',
    name,
    type: 'STATIC',
    connect_timeout: '0.250s',
    load_assignment: { cluster_name: name, endpoints: [{ lb_endpoints: [{ endpoint: { address } }] }] },
    ...extra,
  };
}

/** The bootstrap's static clusters (agent, prometheus_stats, sds-grpc, xds-grpc). */
export function staticClusters(): JsonObject[] {
  const http2 = {
    typed_extension_protocol_options: {
      'envoy.extensions.upstreams.http.v3.HttpProtocolOptions': {
        '@type': 'type.googleapis.com/envoy.extensions.upstreams.http.v3.HttpProtocolOptions',
        explicit_http_config: { http2_protocol_options: {} },
      },
    },
  };
  return [
    staticCluster('agent', socketAddress('127.0.0.1', 15020)),
    staticCluster('prometheus_stats', socketAddress('127.0.0.1', 15000)),
    staticCluster('sds-grpc', { pipe: { path: './var/run/secrets/workload-spiffe-uds/socket' } }, http2),
    staticCluster('xds-grpc', { pipe: { path: './etc/istio/proxy/XDS' } }, { ...http2, max_requests_per_connection: 1 }),
  ];
}
