import type { JsonObject } from '../../src/core/envoy/json.ts';

/**
 * The SDS reference Istio puts in every TLS context (`default`: the workload certificate,
 * `ROOTCA`: the trust bundle), served by the agent over the `sds-grpc` cluster. Shared by the demo
 * fixture generator and the bench dump generator.
 */
export function sdsSecret(name: string): JsonObject {
  return {
    name,
    sds_config: {
      api_config_source: {
        api_type: 'GRPC',
        grpc_services: [{ envoy_grpc: { cluster_name: 'sds-grpc' } }],
        set_node_on_first_message_only: true,
        transport_api_version: 'V3',
      },
      initial_fetch_timeout: '0s',
      resource_api_version: 'V3',
    },
  };
}
