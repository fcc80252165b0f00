import { asArray, asBool, asObject, asString, type JsonObject, unwrap } from './json.ts';

/**
 * A filter chain's TLS termination (an envoy.extensions.transport_sockets.tls.v3.DownstreamTlsContext
 * on `transport_socket`), in Istio Gateway words: what `tls.mode` and `credentialName` became.
 * Istio builds it in `BuildListenerTLSContext` (pilot/pkg/networking/core/listener.go) with SDS
 * names from `pilot/pkg/model/credentials` (`kubernetes://<credentialName>`, and
 * `kubernetes://<credentialName>-cacert` for the client CA of MUTUAL).
 */
export interface DownstreamTls {
  /**
   * SIMPLE: server certificate only; MUTUAL: clients must present a certificate the CA accepts;
   * OPTIONAL_MUTUAL: a CA is configured but a certificate is not required; ISTIO_MUTUAL: the
   * workload certificate (`default`) and Istio's root CA (`ROOTCA`), a client certificate required.
   */
  mode: 'SIMPLE' | 'MUTUAL' | 'OPTIONAL_MUTUAL' | 'ISTIO_MUTUAL';
  /** SDS names of the server certificates (`kubernetes://bookinfo-credential`, `default`), or `inline`/`file`. */
  certificates: string[];
  /** SDS name of the CA that validates client certificates. */
  clientCa?: string;
  /** `common_tls_context.alpn_protocols`: what the server offers, in its order. */
  alpn: string[];
}

function sdsNames(value: unknown): string[] {
  return asArray(value).flatMap((item) => {
    const name = asString(asObject(item)?.name);
    return name === undefined ? [] : [name];
  });
}

/** The TLS termination of a transport socket, or undefined when it is not TLS (raw_buffer, none). */
export function parseDownstreamTls(socket: JsonObject | undefined): DownstreamTls | undefined {
  if (!socket) return undefined;
  const typed = asObject(socket.typed_config);
  const type = asString(typed?.['@type']) ?? '';
  const name = asString(socket.name) ?? '';
  if (!typed || !(type.endsWith('.DownstreamTlsContext') || name === 'envoy.transport_sockets.tls' || name === 'tls')) return undefined;
  const common = asObject(typed.common_tls_context) ?? {};
  const certificates = sdsNames(common.tls_certificate_sds_secret_configs);
  if (asArray(common.tls_certificates).length > 0) certificates.push('inline');
  const combined = asObject(common.combined_validation_context);
  const clientCa =
    asString(asObject(combined?.validation_context_sds_secret_config ?? common.validation_context_sds_secret_config)?.name) ??
    (asObject(combined?.default_validation_context ?? common.validation_context) ? 'inline' : undefined);
  const required = asBool(unwrap(typed.require_client_certificate)) === true;
  const mode =
    certificates.includes('default') && clientCa === 'ROOTCA' ? 'ISTIO_MUTUAL' : clientCa === undefined ? 'SIMPLE' : required ? 'MUTUAL' : 'OPTIONAL_MUTUAL';
  const alpn = asArray(common.alpn_protocols).filter((p): p is string => typeof p === 'string');
  const out: DownstreamTls = { mode, certificates, alpn };
  if (clientCa !== undefined) out.clientCa = clientCa;
  return out;
}
