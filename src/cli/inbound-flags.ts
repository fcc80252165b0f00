import { UsageError } from '../core/errors.ts';
import type { InboundOptions } from '../core/explain/inbound.ts';
import { PEER_TLS, type PeerTls } from '../core/explain/inbound-peer.ts';
import type { HttpRequest } from '../core/router/request.ts';

const SPIFFE = /^spiffe:\/\/[^/\s]+\/\S+$/;

/**
 * `explain --inbound [--peer P] [--principal ID] [--port N]`: the server-side options, or undefined
 * without --inbound (then the inbound-only flags are refused). `--alpn`, `--sni` and `--ip` say
 * what the peer sends and which pod IP it connects to. Each bad value is one line (exit 2).
 */
export function inboundOptionsFrom(values: Record<string, unknown>, request: HttpRequest): Omit<InboundOptions, 'randomValue'> | undefined {
  if (values.inbound !== true) {
    const given = (['peer', 'principal', 'port'] as const).filter((k) => values[k] !== undefined);
    if (given.length > 0) throw new UsageError(`--${given[0]} applies to the server side only: add --inbound`);
    return undefined;
  }
  if (values['why-not'] !== undefined) throw new UsageError('--why-not explains the client side: it cannot be combined with --inbound');
  const peerText = (values.peer as string | undefined) ?? 'mtls';
  if (!(PEER_TLS as readonly string[]).includes(peerText)) throw new UsageError(`--peer ${peerText} is not one of ${PEER_TLS.join(', ')}`);
  const out: Omit<InboundOptions, 'randomValue'> = { port: request.port, peer: peerText as PeerTls };
  const portText = values.port as string | undefined;
  if (portText !== undefined) {
    const port = /^\d+$/.test(portText) ? Number(portText) : Number.NaN;
    if (!(port >= 1 && port <= 65535)) throw new UsageError(`--port ${portText} is not a port number (1-65535)`);
    out.port = port;
  }
  const principal = values.principal as string | undefined;
  if (principal !== undefined) {
    if (!SPIFFE.test(principal)) throw new UsageError(`--principal ${principal} is not a SPIFFE ID (spiffe://TRUST_DOMAIN/ns/NAMESPACE/sa/SERVICE_ACCOUNT)`);
    if (out.peer !== 'mtls') throw new UsageError(`--principal needs --peer mtls: a ${out.peer} peer presents no client certificate`);
    out.principal = principal;
  }
  const alpn = values.alpn as string | undefined;
  if (alpn !== undefined)
    out.alpn = alpn
      .split(',')
      .map((p) => p.trim())
      .filter((p) => p !== '');
  const sni = values.sni as string | undefined;
  if (sni !== undefined && sni !== '') out.sni = sni.toLowerCase();
  if (request.destinationIp !== undefined) out.destinationIp = request.destinationIp;
  return out;
}
