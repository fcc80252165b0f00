import type { ProxyConfig } from '../envoy/types.ts';
import { UsageError } from '../errors.ts';
import { explainInbound, type PeerTls } from '../explain/inbound.ts';
import type { ExplainResult } from '../explain/result.ts';
import { parseRequest } from '../router/request.ts';
import type { AccessLogEntry } from './access-log.ts';
import type { LogCheck, LogExplanation } from './explain-log.ts';
import { explainFlags } from './flag-causes.ts';

/** How the client connected to the server's sidecar, as far as the logs and the snapshot tell. */
export interface InboundPeer {
  peer: PeerTls;
  /** The client's SPIFFE identity (an mTLS peer), when known. */
  principal?: string | null;
  /** Where the peer guess came from, for the report. */
  why: string;
}

const hostPort = (address: string | null): { ip: string; port: number } | null => {
  const m = address ? /^\[?([0-9a-fA-F:.]+)\]?:(\d+)$/.exec(address) : null;
  return m ? { ip: m[1]!, port: Number(m[2]) } : null;
};

/**
 * The peer of an inbound line read from the line alone: Istio's client sidecar sends the SNI
 * `outbound_.PORT_.SUBSET_.HOST` only on its mTLS (ISTIO_MUTUAL) connections
 * (pilot/pkg/networking/core/cluster_tls.go, model.BuildDNSSrvSubsetKey), which the server logs
 * as %REQUESTED_SERVER_NAME%; without one the connection was most likely plaintext.
 */
export function peerFromInboundLine(entry: AccessLogEntry): InboundPeer {
  if (entry.requestedServerName?.startsWith('outbound_.')) return { peer: 'mtls', why: `the SNI ${entry.requestedServerName} is an Istio mTLS client's` };
  return { peer: 'plaintext', why: 'the line records no SNI: taken as a plaintext client' };
}

function checks(entry: AccessLogEntry, result: ExplainResult): LogCheck[] {
  const out: LogCheck[] = [];
  // A denial comes before routing in the trace, but Envoy's HTTP connection manager picked the route
  // (and so %UPSTREAM_CLUSTER%) before its filters ran: nothing to compare then.
  const cluster = result.outcome === 'denied' ? null : (entry.upstreamCluster?.replace(/;$/, '') ?? null);
  if (entry.routeName && result.route)
    out.push({ what: 'route', log: entry.routeName, config: result.route.name ?? `#${result.route.index}`, agrees: result.route.name === entry.routeName });
  if (cluster) out.push({ what: 'cluster', log: cluster, config: result.cluster ?? `none (${result.outcome})`, agrees: result.cluster === cluster });
  if (entry.responseCode !== null) {
    const local = entry.responseCodeDetails !== null && entry.responseCodeDetails !== 'via_upstream';
    if (result.status !== null)
      out.push({
        what: 'status',
        log: `${entry.responseCode}${entry.responseFlags.length ? ` ${entry.responseFlags.join(',')}` : ''}`,
        config: `${result.status}${result.responseFlag ? ` ${result.responseFlag}` : ''}`,
        // A closed connection: the server logs NR (no filter chain), its client 503 UC.
        agrees: result.status === entry.responseCode || (entry.responseCode === 0 && result.outcome === 'no_listener'),
      });
    else if (local) out.push({ what: 'status', log: String(entry.responseCode), config: `forwarded to ${result.cluster ?? 'the application'}`, agrees: false });
  }
  return out;
}

/**
 * An inbound access log line (the server sidecar's side, `inbound|PORT||`, or its listener's
 * line for a connection no filter chain took) explained against that sidecar's config: the
 * connection for the pod's port (%DOWNSTREAM_LOCAL_ADDRESS%) from the logged peer, through
 * explainInbound (filter chain, mTLS mode, authorization, inbound route), compared with what the
 * line says, and its response flags' causes there.
 */
export function explainInboundLog(config: ProxyConfig, entry: AccessLogEntry, peer: InboundPeer): LogExplanation {
  const local = hostPort(entry.downstreamLocalAddress);
  if (!local) throw new UsageError('the line has no downstream local address: nothing says which port of the pod it is for');
  const authority = entry.authority ?? entry.downstreamLocalAddress!;
  const path = entry.path?.startsWith('/') ? entry.path : '/';
  const headers: string[] = [];
  if (entry.userAgent) headers.push(`User-Agent: ${entry.userAgent}`);
  if (entry.requestId) headers.push(`X-Request-Id: ${entry.requestId}`);
  if (entry.forwardedFor) headers.push(`X-Forwarded-For: ${entry.forwardedFor}`);
  const requestLine = `${entry.method ?? 'GET'} http://${authority}${path}`;
  const request = parseRequest(requestLine, headers);
  const remote = hostPort(entry.downstreamRemoteAddress);
  const result = explainInbound(config, request, {
    port: local.port,
    peer: peer.peer,
    destinationIp: local.ip,
    ...(peer.principal ? { principal: peer.principal } : {}),
    ...(remote ? { sourceIp: remote.ip } : {}),
    ...(entry.requestedServerName ? { sni: entry.requestedServerName } : {}),
  });
  const cluster = entry.upstreamCluster?.replace(/;$/, '') ?? result.cluster;
  return {
    entry,
    requestLine,
    headers,
    result,
    checks: checks(entry, result),
    flags: explainFlags(entry, { entry, config, result, cluster }),
    followsLoggedPick: false,
  };
}
