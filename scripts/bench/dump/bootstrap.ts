import type { JsonObject } from '../../../src/core/envoy/json.ts';
import { staticClusters } from './clusters.ts';
import { ADS_CONFIG_SOURCE, fakePemBase64, socketAddress } from './common.ts';
import type { MeshPlan } from './plan.ts';

/** The sidecar's Envoy bootstrap: node identity and Istio's node metadata, ADS, static clusters. */
export function bootstrap(plan: MeshPlan): JsonObject {
  const { proxy } = plan;
  return {
    node: {
      id: `sidecar~${proxy.ip}~${proxy.pod}.${proxy.namespace}~${proxy.namespace}.svc.cluster.local`,
      cluster: `${proxy.app}.${proxy.namespace}`,
      metadata: {
        CLUSTER_ID: 'Kubernetes',
        INSTANCE_IPS: proxy.ip,
        INTERCEPTION_MODE: 'REDIRECT',
        ISTIO_PROXY_SHA: 'bench0123456789abcdef0123456789abcdef0123',
        ISTIO_VERSION: '1.22.1',
        LABELS: {
          app: proxy.app,
          version: 'v1',
          'security.istio.io/tlsMode': 'istio',
          'service.istio.io/canonical-name': proxy.app,
          'service.istio.io/canonical-revision': 'v1',
        },
        MESH_ID: 'cluster.local',
        NAME: proxy.pod,
        NAMESPACE: proxy.namespace,
        NODE_NAME: 'gke-bench-pool-1-abcd',
        OWNER: `kubernetes://apis/apps/v1/namespaces/${proxy.namespace}/deployments/${proxy.app}-v1`,
        POD_PORTS: `[{"name":"http","containerPort":${proxy.inboundPort},"protocol":"TCP"}]`,
        SERVICE_ACCOUNT: proxy.app,
        WORKLOAD_NAME: `${proxy.app}-v1`,
      },
      locality: { region: 'us-east1', zone: 'us-east1-b' },
      user_agent_name: 'envoy',
      user_agent_build_version: {
        version: { major_number: 1, minor_number: 30, patch: 2 },
        metadata: {
          'build.type': 'RELEASE',
          'revision.sha': 'bench0123456789abcdef0123456789abcdef0123',
          'revision.status': 'Clean',
          'ssl.version': 'BoringSSL',
        },
      },
    },
    static_resources: { clusters: staticClusters() },
    dynamic_resources: {
      lds_config: ADS_CONFIG_SOURCE,
      cds_config: ADS_CONFIG_SOURCE,
      ads_config: {
        api_type: 'GRPC',
        set_node_on_first_message_only: true,
        transport_api_version: 'V3',
        grpc_services: [{ envoy_grpc: { cluster_name: 'xds-grpc' } }],
      },
    },
    admin: { address: socketAddress('127.0.0.1', 15000), profile_path: '/var/lib/istio/data/envoy.prof' },
  };
}

/** The SDS secrets a sidecar holds: its workload certificate (`default`) and the mesh root (`ROOTCA`). */
export function secrets(plan: MeshPlan): JsonObject[] {
  const meta = { version_info: plan.timestamp, last_updated: plan.timestamp };
  const type = 'type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.Secret';
  return [
    {
      name: 'default',
      ...meta,
      secret: {
        '@type': type,
        name: 'default',
        tls_certificate: {
          certificate_chain: { inline_bytes: fakePemBase64(`workload-${plan.proxy.pod}`) },
          private_key: { inline_bytes: 'W3JlZGFjdGVkXQ==' },
        },
      },
    },
    { name: 'ROOTCA', ...meta, secret: { '@type': type, name: 'ROOTCA', validation_context: { trusted_ca: { inline_bytes: fakePemBase64('root-ca') } } } },
  ];
}

/** Istio's bootstrap listener for Prometheus scraping (15090), with its inline route config. */
export function prometheusListener(): JsonObject {
  return {
    '@type': 'type.googleapis.com/envoy.config.listener.v3.Listener',
    name: '8b3e9ab5-0d7b-4c2e-9a55-0b1d2c3e4f50',
    address: socketAddress('0.0.0.0', 15090),
    filter_chains: [
      {
        filters: [
          {
            name: 'envoy.filters.network.http_connection_manager',
            typed_config: {
              '@type': 'type.googleapis.com/envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager',
              stat_prefix: 'stats',
              route_config: prometheusRouteConfig(),
              http_filters: [
                { name: 'envoy.filters.http.router', typed_config: { '@type': 'type.googleapis.com/envoy.extensions.filters.http.router.v3.Router' } },
              ],
            },
          },
        ],
      },
    ],
  };
}

export function prometheusRouteConfig(): JsonObject {
  return {
    virtual_hosts: [{ name: 'backend', domains: ['*'], routes: [{ match: { prefix: '/stats/prometheus' }, route: { cluster: 'prometheus_stats' } }] }],
  };
}
