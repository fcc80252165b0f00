import type { AccessLogEntry } from './access-log.ts';
import type { HopDirection } from './group-types.ts';

/**
 * How the lines of one request join up, from the addresses Envoy logs. A client sidecar's line
 * names the pod it sent to (%UPSTREAM_HOST%, `10.244.1.8:9080`) and its side of that connection
 * (%UPSTREAM_LOCAL_ADDRESS%); the server sidecar logs the same pod address as
 * %DOWNSTREAM_LOCAL_ADDRESS% and the client's side as %DOWNSTREAM_REMOTE_ADDRESS%. An app's own
 * calls leave its pod from the pod IP, the server's %DOWNSTREAM_LOCAL_ADDRESS% on the way in.
 */
export interface LinkedLine {
  proxy: string | null;
  direction: HopDirection;
  entry: AccessLogEntry;
  file: string;
  line: number;
}

/** `10.244.1.8:9080` → `10.244.1.8`; `[fd00::1]:80` → `fd00::1`; null for `-` and non-addresses. */
export function ipOf(address: string | null): string | null {
  if (!address) return null;
  const m = /^\[([0-9a-fA-F:.]+)\]:\d+$/.exec(address) ?? /^(\d{1,3}(?:\.\d{1,3}){3}):\d+$/.exec(address);
  return m ? m[1]! : null;
}

/**
 * The side of the proxy a line is from, by %UPSTREAM_CLUSTER_RAW%: Istio names client clusters
 * `outbound|PORT|SUBSET|HOST` (plus PassthroughCluster, BlackHoleCluster) and the server
 * sidecar's `inbound|PORT||` (plus InboundPassthroughCluster*), pilot/pkg/model/service.go
 * BuildSubsetKey / BuildInboundSubsetKey. A waypoint's `inbound-vip|…` forwards to pods like a
 * client. Without a cluster (a denial before routing, a listener's line), Istio's mTLS SNI
 * `outbound_.…` as %REQUESTED_SERVER_NAME% marks the server side.
 */
export function directionOf(entry: AccessLogEntry): HopDirection {
  const cluster = entry.upstreamCluster?.replace(/;$/, '') ?? '';
  if (cluster.startsWith('outbound|') || cluster.startsWith('inbound-vip|') || cluster === 'PassthroughCluster' || cluster === 'BlackHoleCluster')
    return 'outbound';
  if (cluster.startsWith('inbound|') || cluster.startsWith('InboundPassthroughCluster')) return 'inbound';
  if (entry.requestedServerName?.startsWith('outbound_.')) return 'inbound';
  return 'unknown';
}

/** Epoch ms of %START_TIME% (RFC 3339), or null. */
export function startMs(entry: AccessLogEntry): number | null {
  const t = entry.startTime ? Date.parse(entry.startTime) : Number.NaN;
  return Number.isNaN(t) ? null : t;
}

/** True when the client line `from` reached the server line `to` (the same pod address or the same connection). */
export function reaches(from: LinkedLine, to: LinkedLine): boolean {
  if (from.direction === 'inbound' || to.direction !== 'inbound') return false;
  const e = from.entry;
  const t = to.entry;
  if (e.upstreamLocalAddress && e.upstreamLocalAddress === t.downstreamRemoteAddress) return true;
  return e.upstreamHost !== null && e.upstreamHost === t.downstreamLocalAddress;
}

/** True when the client line `call` is the app's own call, made while serving the server line `serving`. */
export function callsFrom(serving: LinkedLine, call: LinkedLine): boolean {
  if (serving.direction !== 'inbound' || call.direction === 'inbound') return false;
  const samePod =
    serving.proxy !== null && call.proxy !== null
      ? serving.proxy === call.proxy
      : ipOf(serving.entry.downstreamLocalAddress) !== null && ipOf(serving.entry.downstreamLocalAddress) === ipOf(call.entry.downstreamRemoteAddress);
  if (!samePod) return false;
  const a = startMs(serving.entry);
  const b = startMs(call.entry);
  return a === null || b === null || a <= b;
}

const byTime = (a: LinkedLine, b: LinkedLine): number => {
  const ta = startMs(a.entry) ?? 0;
  const tb = startMs(b.entry) ?? 0;
  if (ta !== tb) return ta - tb;
  const rank = (l: LinkedLine) => (l.direction === 'outbound' ? 0 : l.direction === 'inbound' ? 1 : 2);
  return rank(a) - rank(b) || a.file.localeCompare(b.file) || a.line - b.line;
};

/**
 * The lines of one request as a tree, client side first: each server line under the client line
 * that reached it, each app call under the server line it was made for (the latest that started
 * before it). Returns the lines in that order with their parent's index and depth.
 */
export function orderHops<T extends LinkedLine>(lines: readonly T[]): { line: T; parent: number | null; depth: number }[] {
  const sorted = [...lines].sort(byTime);
  const parentOf = new Map<T, T>();
  for (const child of sorted) {
    const candidates = sorted.filter((p) => p !== child && (reaches(p, child) || callsFrom(p, child)));
    if (candidates.length === 0) continue;
    const t = startMs(child.entry);
    const before = candidates.filter((p) => t === null || (startMs(p.entry) ?? 0) <= t);
    parentOf.set(child, (before.length ? before : candidates).at(-1)!);
  }
  // Clock skew can make a circle; cut it where it closes.
  for (const start of sorted) {
    const seen = new Set<T>([start]);
    for (let p = parentOf.get(start); p !== undefined; p = parentOf.get(p)) {
      if (seen.has(p)) {
        parentOf.delete(start);
        break;
      }
      seen.add(p);
    }
  }
  const out: { line: T; parent: number | null; depth: number }[] = [];
  const visit = (line: T, parent: number | null, depth: number) => {
    out.push({ line, parent, depth });
    const at = out.length - 1;
    for (const child of sorted) if (parentOf.get(child) === line) visit(child, at, depth + 1);
  };
  for (const root of sorted) if (!parentOf.has(root)) visit(root, null, 0);
  return out;
}
