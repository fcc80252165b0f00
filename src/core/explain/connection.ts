import { hasHttpInspector, hasTlsInspector } from '../envoy/filter-names.ts';
import type { Listener } from '../envoy/types.ts';
import type { HttpRequest } from '../router/request.ts';

/**
 * What a listener knows about a new connection when it picks a filter chain: the original
 * destination, and what its listener filters detected. Envoy's tls_inspector reads a ClientHello
 * (transport protocol `tls`, the SNI, the client's ALPN list); without it a TLS connection looks
 * like `raw_buffer` with no server name. http_inspector sniffs plaintext HTTP (application protocol
 * `http/1.1`, `http/1.0` or `h2c`). A transport protocol nothing detected is `raw_buffer`.
 */
export interface ConnectionFacts {
  destinationPort: number;
  destinationIp?: string;
  /** The client's address, when known (source criteria of a chain need it). */
  sourceIp?: string;
  transportProtocol: 'raw_buffer' | 'tls';
  /** In the client's order of preference. */
  applicationProtocols: string[];
  serverName?: string;
  /** The client sends TLS (whether or not the listener can see it). */
  clientTls: boolean;
}

/** The facts the listener's filters can see for this request's connection. */
export function connectionFacts(listener: Listener, request: HttpRequest, destinationPort: number, destinationIp: string | undefined): ConnectionFacts {
  const facts: ConnectionFacts = { destinationPort, transportProtocol: 'raw_buffer', applicationProtocols: [], clientTls: request.tls !== undefined };
  if (destinationIp !== undefined) facts.destinationIp = destinationIp;
  if (request.tls) {
    if (!hasTlsInspector(listener)) return facts;
    facts.transportProtocol = 'tls';
    facts.applicationProtocols = [...request.tls.alpn];
    if (request.tls.serverName !== undefined) facts.serverName = request.tls.serverName;
    return facts;
  }
  // An HTTP/1.1 client: what http_inspector reports for it.
  if (hasHttpInspector(listener)) facts.applicationProtocols = ['http/1.1'];
  return facts;
}

/** The facts in words, for the trace: `port 443, IP 10.0.0.1, TLS, SNI api.example.com, ALPN h2,http/1.1`. */
export function describeConnection(facts: ConnectionFacts): string {
  const parts = [`port ${facts.destinationPort}`];
  if (facts.destinationIp) parts.push(`IP ${facts.destinationIp}`);
  if (facts.transportProtocol === 'tls') {
    parts.push('TLS');
    parts.push(facts.serverName ? `SNI ${facts.serverName}` : 'no SNI');
  } else parts.push(facts.clientTls ? 'TLS the listener cannot see (no tls_inspector)' : 'plaintext');
  parts.push(facts.applicationProtocols.length ? `ALPN ${facts.applicationProtocols.join(',')}` : 'no ALPN');
  return parts.join(', ');
}
