import { asArray, asObject, asString, type JsonObject } from './json.ts';
import type { StringMatch } from './route-types.ts';
import { parseStringMatcher } from './routes/string-matcher.ts';

/**
 * The client side of a TLS handshake: the envoy.extensions.transport_sockets.tls.v3.UpstreamTlsContext
 * a cluster uses for one endpoint, read for what decides whether the handshake succeeds: the
 * client certificate it presents, the CA it trusts, the server SANs it accepts, SNI and ALPN.
 *
 * Istio builds it in pilot/pkg/networking/core/cluster_tls.go (buildUpstreamTLSSettings /
 * applyUpstreamTLSSettings): ISTIO_MUTUAL presents SDS `default` and validates with `ROOTCA`,
 * accepting the SANs of the service's service accounts (`match_subject_alt_names`, exact URIs; the
 * dumps of istioctl's own tests at HEAD also show `match_typed_subject_alt_names`, a URI prefix
 * on the trust domain); auto mTLS puts
 * that socket in `transport_socket_matches` under `{tlsMode: istio}` with a plaintext catch-all.
 */
export interface UpstreamTls {
  /** SDS name of the client certificate (`default` for Istio's workload certificate), `inline`, or null when none is presented. */
  clientCertificate: string | null;
  /** SDS name of the CA the server's certificate is checked against (`ROOTCA`), `inline`, or null when it is not checked. */
  trustedCa: string | null;
  /** The server SANs accepted (any one of them); empty: any certificate the CA signed. */
  sans: { type: string; match: StringMatch }[];
  sni: string | null;
  alpn: string[];
}

function sdsName(value: unknown): string | null {
  const list = asArray(value);
  for (let i = 0; i < list.length; i++) {
    const name = asString(asObject(list[i])?.name);
    if (name) return name;
  }
  return null;
}

function matchers(validation: JsonObject | undefined): UpstreamTls['sans'] {
  if (!validation) return [];
  const out: UpstreamTls['sans'] = [];
  for (const m of asArray(validation.match_subject_alt_names)) {
    const o = asObject(m);
    if (o) out.push({ type: 'any', match: parseStringMatcher(o) });
  }
  for (const m of asArray(validation.match_typed_subject_alt_names)) {
    const o = asObject(m);
    const matcher = asObject(o?.matcher);
    if (o && matcher) out.push({ type: asString(o.san_type) ?? 'SAN_TYPE_UNSPECIFIED', match: parseStringMatcher(matcher) });
  }
  return out;
}

function readContext(typed: JsonObject): UpstreamTls {
  const common = asObject(typed.common_tls_context) ?? {};
  const combined = asObject(common.combined_validation_context);
  const validation = asObject(combined?.default_validation_context ?? common.validation_context);
  const caSds = asString(asObject(combined?.validation_context_sds_secret_config ?? common.validation_context_sds_secret_config)?.name);
  const inlineCa = validation && (validation.trusted_ca !== undefined || validation.ca_certificate_provider_instance !== undefined);
  const cert =
    sdsName(common.tls_certificate_sds_secret_configs) ??
    (asArray(common.tls_certificates).length > 0 || common.tls_certificate_provider_instance !== undefined ? 'inline' : null);
  const sni = asString(typed.sni);
  return {
    clientCertificate: cert,
    trustedCa: caSds ?? (inlineCa ? 'inline' : null),
    sans: matchers(validation),
    sni: sni ? sni : null,
    alpn: asArray(common.alpn_protocols).filter((p): p is string => typeof p === 'string'),
  };
}

/** The TLS context of a transport socket, looking through wrapping sockets (internal_upstream, tcp_stats, ...); null for plaintext or unknown. */
function tlsOfSocket(value: unknown): UpstreamTls | null {
  const socket = asObject(value);
  if (!socket) return null;
  const typed = asObject(socket.typed_config);
  if (!typed) return null;
  const type = asString(typed['@type']) ?? '';
  if (type.endsWith('.UpstreamTlsContext')) return readContext(typed);
  if (asObject(typed.transport_socket)) return tlsOfSocket(typed.transport_socket);
  return null;
}

/**
 * The upstream TLS a cluster uses for an endpoint. Envoy's transport_socket_matches: the first
 * entry whose `match` fields all equal the endpoint's `envoy.transport_socket_match` metadata,
 * else the cluster's `transport_socket` (envoy/source/common/upstream/transport_socket_match_impl.cc).
 * Istio's only key is `tlsMode`, copied from the pod's `security.istio.io/tlsMode` label.
 * Null when the endpoint gets plaintext.
 */
export function upstreamTlsFor(cluster: JsonObject, endpointTlsMode: string | undefined): UpstreamTls | null {
  for (const entry of asArray(cluster.transport_socket_matches)) {
    const e = asObject(entry);
    if (!e) continue;
    const match = asObject(e.match) ?? {};
    let fits = true;
    for (const [key, want] of Object.entries(match)) {
      // The Struct key is `tlsMode`; a camelCase → snake_case conversion may have renamed it.
      const have = key === 'tlsMode' || key === 'tls_mode' ? endpointTlsMode : undefined;
      if (have !== want) fits = false;
    }
    if (fits) return tlsOfSocket(e.transport_socket);
  }
  return tlsOfSocket(cluster.transport_socket);
}
