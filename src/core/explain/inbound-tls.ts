import type { FilterChain } from '../envoy/types.ts';
import type { InboundOptions } from './inbound.ts';
import { negotiateAlpn } from './tls-stage.ts';
import type { Trace } from './trace.ts';

/**
 * TLS on the chosen inbound chain. Istio's inbound mTLS context (ISTIO_MUTUAL: the workload
 * certificate `default`, client certificates checked against `ROOTCA`, require_client_certificate)
 * rejects a peer without a client certificate: the handshake fails (Envoy's ssl stats
 * `connection_error`/`fail_verify_no_cert`), and a client sidecar that originated TLS logs 503 UF
 * with the TLS error. A chain without TLS termination passes the peer's bytes on as they are.
 * Returns false when the connection ends here.
 */
export function inboundTlsStage(chain: FilterChain, options: InboundOptions, trace: Trace): boolean {
  const tls = chain.tls;
  const r = trace.result;
  if (!tls) {
    if (options.peer !== 'plaintext')
      trace.step('tls', 'passed through', 'the chain does not terminate TLS: the TLS bytes go on to the application as they are, which must terminate them');
    return true;
  }
  const ca = tls.clientCa ? `client certificates checked against ${tls.clientCa}` : 'no client CA';
  const what = `${tls.mode}: server certificate ${tls.certificates.join(', ') || 'none configured'}, ${ca}`;
  if (options.peer === 'plaintext') {
    trace.step('tls', 'handshake fails', `the chain terminates TLS (${what}) but the peer sends plaintext: Envoy closes the connection`);
    return false;
  }
  const needsCert = tls.mode === 'ISTIO_MUTUAL' || tls.mode === 'MUTUAL';
  if (options.peer === 'tls' && needsCert) {
    trace.step(
      'tls',
      'handshake fails',
      `the chain requires a client certificate (${what}, require_client_certificate) and the peer presents none: the handshake fails with a certificate-required alert; a client sidecar originating TLS (DestinationRule tls SIMPLE) logs 503 UF with the TLS error`,
    );
    return false;
  }
  const alpn = negotiateAlpn(tls.alpn, r.inbound?.alpn ?? []);
  const negotiated = alpn ? `ALPN ${alpn}` : tls.alpn.length ? `no ALPN in common (server offers ${tls.alpn.join(',')})` : 'no ALPN';
  const identity =
    options.peer === 'mtls'
      ? options.principal
        ? `; peer identity ${options.principal} (the URI SAN of its certificate; the certificate is not in the dump and is taken as valid for ${tls.clientCa ?? 'the CA'})`
        : '; the peer identity is not given (--principal): authorization that names principals cannot be decided'
      : '';
  trace.step('tls', 'terminated', `TLS terminated (${what}); ${negotiated}${identity}`);
  return true;
}
