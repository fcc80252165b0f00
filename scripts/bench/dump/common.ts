import type { JsonObject } from '../../../src/core/envoy/json.ts';
import { sdsSecret } from '../../lib/istio-sds.ts';

export { sdsSecret };

/** Pieces that Istio repeats in many generated objects, rendered as Envoy's admin API writes them. */

export const ADS_CONFIG_SOURCE: JsonObject = { ads: {}, initial_fetch_timeout: '0s', resource_api_version: 'V3' };

export function socketAddress(address: string, port: number): JsonObject {
  return { socket_address: { address, port_value: port } };
}

/** `filter_metadata.istio.config` pointing at a networking.istio.io resource. */
export function istioConfigPath(kind: 'virtual-service' | 'destination-rule', namespace: string, name: string): string {
  return `/apis/networking.istio.io/v1/namespaces/${namespace}/${kind}/${name}`;
}

/** The two transport_socket_matches Istio puts on every outbound mesh cluster (auto mTLS). */
export function autoMtlsSocketMatches(sni: string, namespace: string, serviceAccount: string): JsonObject[] {
  return [
    {
      name: 'tlsMode-istio',
      match: { tlsMode: 'istio' },
      transport_socket: {
        name: 'envoy.transport_sockets.tls',
        typed_config: {
          '@type': 'type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.UpstreamTlsContext',
          common_tls_context: {
            tls_params: { tls_minimum_protocol_version: 'TLSv1_2', tls_maximum_protocol_version: 'TLSv1_3' },
            alpn_protocols: ['istio-peer-exchange', 'istio'],
            tls_certificate_sds_secret_configs: [sdsSecret('default')],
            combined_validation_context: {
              default_validation_context: {
                match_subject_alt_names: [{ exact: `spiffe://cluster.local/ns/${namespace}/sa/${serviceAccount}` }],
              },
              validation_context_sds_secret_config: sdsSecret('ROOTCA'),
            },
          },
          sni,
        },
      },
    },
    {
      name: 'tlsMode-disabled',
      match: {},
      transport_socket: {
        name: 'envoy.transport_sockets.raw_buffer',
        typed_config: { '@type': 'type.googleapis.com/envoy.extensions.transport_sockets.raw_buffer.v3.RawBuffer' },
      },
    },
  ];
}

export const MAX_THRESHOLDS: JsonObject = {
  thresholds: [
    {
      max_connections: 4294967295,
      max_pending_requests: 4294967295,
      max_requests: 4294967295,
      max_retries: 4294967295,
      track_remaining: true,
    },
  ],
};

export function tcpProxy(statPrefix: string, cluster: string): JsonObject {
  return {
    name: 'envoy.filters.network.tcp_proxy',
    typed_config: {
      '@type': 'type.googleapis.com/envoy.extensions.filters.network.tcp_proxy.v3.TcpProxy',
      stat_prefix: statPrefix,
      cluster,
    },
  };
}

/** A fake but well-formed base64 payload (a PEM-looking block), deterministic per label. */
export function fakePemBase64(label: string): string {
  const body = `-----BEGIN CERTIFICATE-----\n${`MIIC${label}`.padEnd(64, 'A')}\n-----END CERTIFICATE-----\n`;
  return btoa(body);
}
