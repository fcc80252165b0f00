import { hasHttpInspector, hasTlsInspector } from '../envoy/filter-names.ts';
import { asObject } from '../envoy/json.ts';
import type { Cluster, FilterChain, Listener } from '../envoy/types.ts';
import { DEFAULT_TLS_ALPN, type HttpRequest } from '../router/request.ts';
import type { ConnectionFacts } from './connection.ts';

/**
 * How the client's connection reaches the server's sidecar: `mtls` — an Istio sidecar (or gateway)
 * with ISTIO_MUTUAL (a workload certificate, Istio's ALPN); `tls` — a client outside the mesh
 * that opens TLS itself (no client certificate); `plaintext` — no TLS at all (no sidecar, or a
 * DestinationRule with `tls.mode: DISABLE`).
 */
export type PeerTls = 'mtls' | 'tls' | 'plaintext';

export const PEER_TLS: readonly PeerTls[] = ['mtls', 'tls', 'plaintext'];

/**
 * The ALPN lists an Istio client sends over mTLS (istio/istio, pilot/pkg):
 * - a TCP connection: the outbound cluster's UpstreamTlsContext `ALPNInMeshWithMxc`
 *   (`istio-peer-exchange`, `istio`; networking/util/util.go, set in networking/core/cluster_tls.go);
 * - HTTP: the outbound HCM's `istio.alpn` filter (xds/filters/filters.go `Alpn`) overrides it per
 *   upstream protocol: `mtlsHTTP11ALPN` = istio-http/1.1, istio, http/1.1 and `mtlsHTTP2ALPN` =
 *   istio-h2, istio, h2. Istio's own simulator (pilot/pkg/simulation/traffic.go
 *   `protocolToMTLSAlpn`) uses istio-http/1.1, istio-h2 and istio for the same cases.
 */
export const ISTIO_TCP_ALPN: readonly string[] = ['istio-peer-exchange', 'istio'];
export const ISTIO_HTTP11_ALPN: readonly string[] = ['istio-http/1.1', 'istio', 'http/1.1'];
export const ISTIO_H2_ALPN: readonly string[] = ['istio-h2', 'istio', 'h2'];

export interface PeerOptions {
  peer: PeerTls;
  alpn?: string[];
  sni?: string;
  destinationIp?: string;
  sourceIp?: string;
}

/** What the peer sends and why, as the listener filters see it. */
export interface PeerConnection {
  facts: ConnectionFacts;
  /** The application protocol the client speaks: `http` (its outbound saw HTTP) or `tcp`. */
  protocol: 'http' | 'tcp';
  why: string;
}

/** True when the cluster speaks HTTP/2 upstream (http2_protocol_options, directly or in HttpProtocolOptions). */
export function clusterSpeaksH2(cluster: Cluster | undefined): boolean {
  if (!cluster) return false;
  const raw = cluster.raw;
  if (asObject(raw.http2_protocol_options)) return true;
  const typed = asObject(raw.typed_extension_protocol_options);
  for (const value of Object.values(typed ?? {})) {
    const o = asObject(value) ?? {};
    const explicit = asObject(o.explicit_http_config);
    if (asObject(explicit?.http2_protocol_options)) return true;
  }
  return false;
}

/** The cluster a chain forwards to: the tcp_proxy's, or undefined for HTTP (routes decide). */
function tcpCluster(chain: FilterChain): string | undefined {
  for (const f of chain.filters) if (f.kind === 'tcp_proxy') return f.cluster ?? f.weightedClusters[0]?.name;
  return undefined;
}

/** The inbound cluster Istio names for the port (`inbound|PORT||`), through an HTTP chain's name or a TCP chain's tcp_proxy. */
function inboundClusterName(chains: readonly FilterChain[], port: number): string {
  for (const c of chains) {
    const cluster = tcpCluster(c);
    if (cluster?.startsWith('inbound|')) return cluster;
  }
  return `inbound|${port}||`;
}

/**
 * The connection facts of the peer for the server's chain match (Envoy's tls_inspector reads the
 * ClientHello: transport `tls`, SNI, ALPN; http_inspector sniffs plaintext HTTP: `http/1.1`).
 * `chainsAtPort` are the chains the port selects (its own, else the passthrough chains): an Istio
 * client treats the port as HTTP when the server does (both read the same Service port).
 */
export function peerConnection(
  listener: Listener,
  request: HttpRequest,
  chainsAtPort: readonly FilterChain[],
  port: number,
  clusters: ReadonlyMap<string, Cluster>,
  options: PeerOptions,
): PeerConnection {
  const http = chainsAtPort.length === 0 || chainsAtPort.some((c) => c.filters.some((f) => f.kind === 'http_connection_manager'));
  const protocol = http ? 'http' : 'tcp';
  const facts: ConnectionFacts = { destinationPort: port, transportProtocol: 'raw_buffer', applicationProtocols: [], clientTls: options.peer !== 'plaintext' };
  if (options.destinationIp !== undefined) facts.destinationIp = options.destinationIp;
  if (options.sourceIp !== undefined) facts.sourceIp = options.sourceIp;
  const tlsSeen = hasTlsInspector(listener);
  let why: string;
  if (options.peer === 'plaintext') {
    const sniffed = http && hasHttpInspector(listener) ? ['http/1.1'] : [];
    facts.applicationProtocols = options.alpn ?? sniffed;
    why = options.alpn
      ? `plaintext; application protocols as given (${options.alpn.join(',') || 'none'})`
      : sniffed.length
        ? 'plaintext HTTP/1.1: http_inspector reports application protocol http/1.1'
        : http
          ? 'plaintext; the listener has no http_inspector, so no application protocol'
          : 'plaintext TCP: no application protocol';
  } else if (options.peer === 'mtls') {
    const h2 = clusterSpeaksH2(clusters.get(inboundClusterName(chainsAtPort, port)));
    const istio = protocol === 'tcp' ? ISTIO_TCP_ALPN : h2 ? ISTIO_H2_ALPN : ISTIO_HTTP11_ALPN;
    facts.applicationProtocols = options.alpn ?? [...istio];
    why = options.alpn
      ? `Istio mTLS with ALPN as given (${options.alpn.join(',') || 'none'})`
      : protocol === 'tcp'
        ? "Istio mTLS for a TCP port: the client's cluster sends ALPN istio-peer-exchange,istio (ALPNInMeshWithMxc)"
        : `Istio mTLS for HTTP: the client's istio.alpn filter sends ${istio.join(',')}${h2 ? ' (the port speaks HTTP/2)' : ''}`;
  } else {
    facts.applicationProtocols = options.alpn ?? (request.tls ? [...request.tls.alpn] : [...DEFAULT_TLS_ALPN]);
    why = `TLS from a client outside the mesh, no client certificate; ALPN ${facts.applicationProtocols.join(',') || 'none'}`;
  }
  if (options.peer !== 'plaintext') {
    if (tlsSeen) {
      facts.transportProtocol = 'tls';
      const sni = options.sni ?? (options.peer === 'tls' ? request.tls?.serverName : undefined);
      if (sni) facts.serverName = sni;
    } else {
      facts.applicationProtocols = [];
      why += '; the listener has no tls_inspector, so it sees raw_buffer without ALPN';
    }
  }
  return { facts, protocol, why };
}

/** The chains at `port` on the listener: its own (`destination_port` = port), else those without a port (passthrough). */
export function chainsForPort(listener: Listener, port: number): { chains: FilterChain[]; own: boolean } {
  const own = listener.filterChains.filter((c) => c.match.destinationPort === port);
  if (own.length > 0) return { chains: own, own: true };
  return { chains: listener.filterChains.filter((c) => !c.match.destinationPort), own: false };
}
