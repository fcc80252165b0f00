import type { FilterChain } from '../envoy/types.ts';

/** A port's mTLS mode as its filter chains show it (PeerAuthentication words). */
export type InboundMode = 'STRICT' | 'PERMISSIVE' | 'DISABLE' | 'unknown';

function terminatesIstioMtls(chain: FilterChain): boolean {
  return chain.tls?.mode === 'ISTIO_MUTUAL';
}

function acceptsPlaintext(chain: FilterChain): boolean {
  return !chain.tls && chain.match.transportProtocol !== 'tls';
}

function modeOf(chains: readonly FilterChain[]): { mode: InboundMode; why: string } {
  const mtls = chains.filter(terminatesIstioMtls).length;
  const plain = chains.filter(acceptsPlaintext).length;
  const otherTls = chains.filter((c) => c.tls && !terminatesIstioMtls(c)).length;
  if (mtls > 0 && plain > 0) return { mode: 'PERMISSIVE', why: 'chains for Istio mTLS and for plaintext' };
  if (mtls > 0) return { mode: 'STRICT', why: 'only chains that terminate Istio mTLS' };
  if (plain > 0 && otherTls === 0) return { mode: 'DISABLE', why: 'only plaintext chains' };
  if (otherTls > 0 && plain === 0)
    return { mode: 'DISABLE', why: "only chains that terminate the Sidecar's own TLS (ingress tls, which Istio applies with mTLS DISABLE)" };
  return { mode: 'unknown', why: 'no chain that terminates Istio mTLS or reads plaintext' };
}

/**
 * The mTLS mode a port's chains were built for. Istio builds the inbound chains of a port from its
 * PeerAuthentication mode (pilot/pkg/security/authn/policy_applier.go → MTLSSettings) and protocol
 * (pilot/pkg/networking/core/filterchain_options.go `getFilterChainMatchOptions`): STRICT → only
 * `tls` chains terminating ISTIO_MUTUAL; PERMISSIVE → those plus `raw_buffer` (and plain TLS
 * passthrough) chains; DISABLE → only `raw_buffer` chains (or the Sidecar's ingress `tls`). HTTP
 * and TCP chains of one port that disagree are `unknown` (an EnvoyFilter, or a hand-built listener).
 */
export function inboundMode(chains: readonly FilterChain[]): { mode: InboundMode; why: string } {
  if (chains.length === 0) return { mode: 'unknown', why: 'no chain for the port' };
  const isHttp = (c: FilterChain) => c.filters.some((f) => f.kind === 'http_connection_manager');
  const http = chains.filter(isHttp);
  const tcp = chains.filter((c) => !isHttp(c));
  if (http.length > 0 && tcp.length > 0) {
    const h = modeOf(http);
    const t = modeOf(tcp);
    if (h.mode !== t.mode) return { mode: 'unknown', why: `the HTTP chains look ${h.mode} (${h.why}) but the TCP chains look ${t.mode} (${t.why})` };
  }
  return modeOf(chains);
}
