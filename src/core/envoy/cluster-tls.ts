import { asArray, asObject, asString, type JsonObject } from './json.ts';
import { redactTlsContext } from './redact.ts';
import type { Cluster } from './types.ts';

/**
 * What a cluster's upstream transport socket amounts to, in DestinationRule terms. Istio's
 * ISTIO_MUTUAL context uses SDS secrets `default` (the workload certificate) and `ROOTCA`; a
 * DestinationRule MUTUAL uses other certificates (`kubernetes://name`, `file-cert:...`), SIMPLE
 * none. Auto mTLS is a `transport_socket_matches` entry `{tlsMode: istio}` with a TLS socket,
 * then a catch-all plaintext one.
 */
export type TlsSummary = Pick<Cluster, 'tlsMode' | 'autoMtls' | 'sni'>;

const PLAINTEXT: TlsSummary = Object.freeze({ tlsMode: 'DISABLE', autoMtls: false });
const UNKNOWN: TlsSummary = Object.freeze({ tlsMode: 'UNKNOWN', autoMtls: false });
const NO_FIELDS: JsonObject = Object.freeze({}) as JsonObject;
const TLS_SOCKETS = new Set(['envoy.transport_sockets.tls', 'tls']);
const RAW_SOCKETS = new Set(['envoy.transport_sockets.raw_buffer', 'raw_buffer']);

function namesSecret(value: unknown, name: string): boolean {
  if (!Array.isArray(value)) return false;
  for (let i = 0; i < value.length; i++) if (asObject(value[i])?.name === name) return true;
  return false;
}

const nonEmptyList = (value: unknown): boolean => Array.isArray(value) && value.length > 0;

function classifyTls(context: JsonObject, autoMtls: boolean): TlsSummary {
  redactTlsContext(context);
  const common = asObject(context.common_tls_context) ?? NO_FIELDS;
  const certSecrets = common.tls_certificate_sds_secret_configs;
  const combined = asObject(common.combined_validation_context);
  const validation = asObject(combined?.validation_context_sds_secret_config ?? common.validation_context_sds_secret_config)?.name;
  const sni = context.sni;
  const hasClientCert = nonEmptyList(certSecrets) || nonEmptyList(common.tls_certificates) || common.tls_certificate_provider_instance !== undefined;
  const tlsMode = validation === 'ROOTCA' && namesSecret(certSecrets, 'default') ? 'ISTIO_MUTUAL' : hasClientCert ? 'MUTUAL' : 'SIMPLE';
  return typeof sni === 'string' && sni ? { tlsMode, autoMtls, sni } : { tlsMode, autoMtls };
}

/**
 * Classifies one envoy.config.core.v3.TransportSocket (looking through wrapping sockets);
 * `autoMtls` marks a TLS socket chosen by an endpoint's `tlsMode: istio` label.
 */
function classifyTransportSocket(value: unknown, autoMtls = false): TlsSummary {
  const socket = asObject(value);
  if (!socket) return PLAINTEXT;
  const name = asString(socket.name) ?? '';
  const typed = asObject(socket.typed_config);
  const type = asString(typed?.['@type']) ?? '';
  if (TLS_SOCKETS.has(name) || type.endsWith('.UpstreamTlsContext')) return classifyTls(typed ?? {}, autoMtls);
  if (RAW_SOCKETS.has(name) || type.endsWith('.RawBuffer')) return PLAINTEXT;
  // internal_upstream, upstream_proxy_protocol, tcp_stats... wrap the socket that does the work.
  if (typed && asObject(typed.transport_socket)) return classifyTransportSocket(typed.transport_socket, autoMtls);
  return UNKNOWN;
}

function isEmpty(obj: JsonObject): boolean {
  for (const _ in obj) return false;
  return true;
}

/** The cluster's TLS summary from `transport_socket_matches`, falling back to `transport_socket`. */
export function clusterTls(cluster: JsonObject): TlsSummary {
  const matches = asArray(cluster.transport_socket_matches);
  if (matches.length > 0) {
    let catchAll: TlsSummary | undefined;
    for (let i = 0; i < matches.length; i++) {
      const entry = asObject(matches[i]);
      if (!entry) continue;
      const match = asObject(entry.match) ?? NO_FIELDS;
      // The Struct key is `tlsMode`; a camelCase → snake_case conversion may have renamed it.
      if ((match.tlsMode ?? match.tls_mode) === 'istio') return classifyTransportSocket(entry.transport_socket, true);
      if (!catchAll && isEmpty(match)) catchAll = classifyTransportSocket(entry.transport_socket);
    }
    if (catchAll) return catchAll;
  }
  return classifyTransportSocket(cluster.transport_socket);
}
