import type { DownstreamTls } from '../envoy/downstream-tls.ts';
import type { FilterChain } from '../envoy/types.ts';
import type { HttpRequest } from '../router/request.ts';
import type { Trace } from './trace.ts';

/**
 * The ALPN protocol a TLS server picks: the first of its own `alpn_protocols` the client offers
 * (Envoy's server context hands its list to SSL_select_next_proto as the preferred one); none when
 * the server offers none or nothing overlaps (the handshake goes on without ALPN).
 */
export function negotiateAlpn(server: readonly string[], client: readonly string[]): string | undefined {
  return server.find((p) => client.includes(p));
}

function describeTermination(tls: DownstreamTls): string {
  const certs = tls.certificates.length ? tls.certificates.join(', ') : 'no certificate configured';
  const ca = tls.clientCa ? `, client certificates checked against ${tls.clientCa}` : '';
  return `${tls.mode}: server certificate ${certs}${ca}`;
}

/**
 * TLS on the chosen chain, when it terminates TLS (a DownstreamTlsContext: an Istio Gateway
 * server with `tls.mode` SIMPLE/MUTUAL, or a sidecar's inbound mTLS). A plaintext client fails
 * the handshake. Returns false when the connection ends here.
 */
export function tlsStage(chain: FilterChain, request: HttpRequest, trace: Trace): boolean {
  const tls = chain.tls;
  if (!tls) return true;
  const r = trace.result;
  if (!request.tls) {
    trace.step(
      'tls',
      'handshake fails',
      `the chain terminates TLS (${describeTermination(tls)}) but the client sends plaintext: the handshake fails and Envoy closes the connection`,
    );
    trace.decide('tls');
    return false;
  }
  const alpn = negotiateAlpn(tls.alpn, request.tls.alpn);
  const negotiated = alpn ? `ALPN ${alpn}` : tls.alpn.length ? `no ALPN in common (server offers ${tls.alpn.join(',')})` : 'no ALPN';
  trace.step('tls', 'terminated', `TLS terminated (${describeTermination(tls)}); ${negotiated}`);
  if (tls.mode === 'MUTUAL' || tls.mode === 'ISTIO_MUTUAL') {
    r.caveats.push({
      severity: 'warning',
      code: 'assumption',
      message: `the chain requires a client certificate (${tls.mode}${tls.clientCa ? `, CA ${tls.clientCa}` : ''}): the trace assumes the client presents one it accepts; without one the handshake fails`,
    });
  }
  return true;
}
