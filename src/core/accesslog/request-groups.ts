import type { PathProxy } from '../path/owners.ts';
import { type AccessLogEntry, parseAccessLogLine } from './access-log.ts';
import { failedAtOf, failureOrigin } from './failing-hop.ts';
import { failureReason } from './failure-reason.ts';
import type { HopDirection, LogHop, RequestGroup, RequestGroupsReport, UngroupedLine, UnparsedLine } from './group-types.ts';
import { explainHop, ownerOf, type ProxyDirectory, proxyDirectory } from './hop-explain.ts';
import { directionOf, ipOf, orderHops, startMs } from './hop-links.ts';
import type { LogLineInput } from './log-attribution.ts';

/**
 * The access log lines of several proxies grouped by x-request-id, each group ordered client
 * side first, with the hop that produced its failure and why in the snapshot's configuration.
 * Lines that cannot join a request are listed, never dropped: without a request id (a TCP
 * connection, a listener's line), not readable as an access log line, or not one at all.
 */
interface ParsedLine {
  proxy: string | null;
  proxyFrom: LogHop['proxyFrom'];
  direction: HopDirection;
  entry: AccessLogEntry;
  file: string;
  line: number;
  joinedBy: LogHop['joinedBy'];
}

const ACCESS_LOG_JSON_KEYS = ['start_time', 'response_code', 'request_id', 'upstream_cluster', 'method'];
/** Lines that are some other log (istio-agent's, Envoy's own `[2025-01-15 09:13:02.345][15][info]`, the app's). */
function isAccessLogShaped(text: string): boolean {
  const t = text.trim();
  if (!t.startsWith('{')) return /\[\d{4}-\d\d-\d\dT/.test(t);
  try {
    const doc = JSON.parse(t) as unknown;
    return typeof doc === 'object' && doc !== null && ACCESS_LOG_JSON_KEYS.some((k) => k in doc);
  } catch {
    return true; // looks like JSON and is not: the parser says why
  }
}

/** The proxy of a line nothing named: the pod whose address the line shows as its own side. */
function byAddress(entry: AccessLogEntry, direction: HopDirection, dir: ProxyDirectory): PathProxy | undefined {
  const local = ownerOf(dir, entry.downstreamLocalAddress);
  if (local || direction === 'inbound') return local;
  return ownerOf(dir, entry.downstreamRemoteAddress);
}

/**
 * The side of a line without cluster (no route, a denial) from its proxy: a gateway is the client
 * side of its hop; a sidecar's line for a connection to its own pod IP is the server side, one from
 * its pod IP the client side.
 */
function sideOnProxy(entry: AccessLogEntry, proxy: PathProxy | undefined): HopDirection {
  if (!proxy) return 'unknown';
  if (proxy.type === 'router') return 'outbound';
  const local = ipOf(entry.downstreamLocalAddress);
  if (local && proxy.addresses.includes(local)) return 'inbound';
  const remote = ipOf(entry.downstreamRemoteAddress);
  return remote && proxy.addresses.includes(remote) ? 'outbound' : 'unknown';
}

/** A listener's line without request id for the connection a client hop opened (same addresses, within a minute). */
function connectionOf(p: ParsedLine, client: ParsedLine): boolean {
  const c = client.entry;
  if (client.direction === 'inbound' || !c.upstreamLocalAddress || c.upstreamLocalAddress !== p.entry.downstreamRemoteAddress) return false;
  if (c.upstreamHost && p.entry.downstreamLocalAddress && c.upstreamHost !== p.entry.downstreamLocalAddress) return false;
  const a = startMs(c);
  const b = startMs(p.entry);
  return a === null || b === null || Math.abs(a - b) <= 60_000;
}

const failedEntry = (e: AccessLogEntry): boolean =>
  e.responseCode === 0 || (e.responseCode !== null && e.responseCode >= 400) || (e.responseCode === null && e.responseFlags.length > 0);
const localEntry = (e: AccessLogEntry): boolean => (e.responseCodeDetails !== null ? e.responseCodeDetails !== 'via_upstream' : e.responseFlags.length > 0);

function buildGroup(requestId: string, lines: ParsedLine[], dir: ProxyDirectory): RequestGroup {
  const ordered = orderHops(lines);
  const hops: LogHop[] = ordered.map(({ line, parent, depth }) => ({
    proxy: line.proxy,
    proxyFrom: line.proxyFrom,
    direction: line.direction,
    file: line.file,
    line: line.line,
    entry: line.entry,
    joinedBy: line.joinedBy,
    parent,
    depth,
    failed: failedEntry(line.entry),
    local: localEntry(line.entry),
    explained: null,
    evidence: [],
    note: null,
  }));
  for (const hop of hops) {
    if (!hop.failed) continue;
    const { explained, evidence, note } = explainHop(hop, hop.parent === null ? undefined : hops[hop.parent], dir);
    Object.assign(hop, { explained, evidence, note });
  }
  const origin = failureOrigin(hops);
  const group: RequestGroup = {
    requestId,
    status: hops[0]?.entry.responseCode ?? null,
    failed: origin !== null,
    hops,
    failedAt: null,
    reason: null,
    causes: [],
  };
  if (origin) {
    group.failedAt = failedAtOf(hops, origin);
    Object.assign(group, failureReason(hops, origin, dir));
  }
  return group;
}

export function explainRequestGroups(lines: readonly LogLineInput[], proxies: readonly PathProxy[], notes: readonly string[] = []): RequestGroupsReport {
  const dir = proxyDirectory(proxies);
  const unparsed: UnparsedLine[] = [];
  const notAccessLog = new Map<string, number[]>();
  const byId = new Map<string, ParsedLine[]>();
  let noId: ParsedLine[] = [];
  const extraNotes = [...notes];
  // The same line in two files (overlapping captures of one proxy's log) is one log write.
  const seen = new Map<string, LogLineInput>();
  for (const l of lines) {
    const earlier = seen.get(l.text.trim());
    if (earlier && earlier.file !== l.file) {
      extraNotes.push(`line ${l.lineNo} of ${l.file} repeats line ${earlier.lineNo} of ${earlier.file}: counted once`);
      continue;
    }
    if (!earlier) seen.set(l.text.trim(), l);
    if (!isAccessLogShaped(l.text)) {
      const list = notAccessLog.get(l.file);
      if (list) list.push(l.lineNo);
      else notAccessLog.set(l.file, [l.lineNo]);
      continue;
    }
    let entry: AccessLogEntry;
    try {
      entry = parseAccessLogLine(l.text);
    } catch (error) {
      unparsed.push({ file: l.file, line: l.lineNo, error: (error instanceof Error ? error.message : String(error)).replace(/^--log: /, '') });
      continue;
    }
    let direction = directionOf(entry);
    const owner = byAddress(entry, direction, dir);
    let proxy = l.proxy;
    let proxyFrom: LogHop['proxyFrom'] = l.proxy === null ? null : (l.proxyFrom ?? null);
    if (proxy === null && owner) {
      proxy = owner.name;
      proxyFrom = 'address';
    } else if (proxy !== null && owner && owner.name !== proxy && dir.byName.has(proxy))
      extraNotes.push(`line ${l.lineNo} of ${l.file}: its addresses are ${owner.name}'s, but it is attributed to ${proxy} (${proxyFrom ?? 'given'})`);
    if (direction === 'unknown') direction = sideOnProxy(entry, proxy === null ? undefined : dir.byName.get(proxy));
    const parsed: ParsedLine = { proxy, proxyFrom, direction, entry, file: l.file, line: l.lineNo, joinedBy: 'request id' };
    const group = entry.requestId === null ? undefined : byId.get(entry.requestId);
    if (entry.requestId === null) noId.push(parsed);
    else if (group) group.push(parsed);
    else byId.set(entry.requestId, [parsed]);
  }
  // A server's listener line for a connection no filter chain took has no request id; its client's line names the connection.
  const byRemote = new Map<string, ParsedLine[]>();
  for (const p of noId) {
    const key = p.entry.downstreamRemoteAddress;
    if (key) byRemote.set(key, [...(byRemote.get(key) ?? []), p]);
  }
  const joined = new Set<ParsedLine>();
  for (const group of byId.values()) {
    for (const client of [...group]) {
      const found = client.entry.upstreamLocalAddress
        ? byRemote.get(client.entry.upstreamLocalAddress)?.find((p) => !joined.has(p) && connectionOf(p, client))
        : undefined;
      if (!found) continue;
      joined.add(found);
      group.push({ ...found, direction: 'inbound', joinedBy: 'connection' });
    }
  }
  noId = noId.filter((p) => !joined.has(p));
  const firstStart = (g: ParsedLine[]) => Math.min(...g.map((p) => startMs(p.entry) ?? Number.POSITIVE_INFINITY));
  const groups = [...byId.entries()]
    .sort(([, a], [, b]) => {
      const d = firstStart(a) - firstStart(b);
      return Number.isNaN(d) ? 0 : d;
    })
    .map(([id, group]) => buildGroup(id, group, dir));
  const ungrouped: UngroupedLine[] = noId.map((p) => ({
    file: p.file,
    line: p.line,
    proxy: p.proxy,
    entry: p.entry,
    reason:
      p.entry.responseCodeDetails === 'filter_chain_not_found'
        ? 'a connection no filter chain took (NR filter_chain_not_found); no client line names its connection'
        : p.entry.method === null
          ? 'a TCP connection, not an HTTP request'
          : 'the request carried no x-request-id header',
  }));
  const unknown = new Map<string, number>();
  for (const p of [...byId.values()].flat().concat(noId)) if (p.proxy === null) unknown.set(p.file, (unknown.get(p.file) ?? 0) + 1);
  for (const [file, n] of unknown)
    extraNotes.push(
      `${file}: the proxy of ${n} line${n === 1 ? ' is' : 's is'} unknown: nothing names it (--log POD.NS=FILE, kubectl --prefix, a file named after the proxy) and the line's addresses are no snapshot pod's`,
    );
  return {
    groups,
    ungrouped,
    unparsed,
    notAccessLog: [...notAccessLog.entries()].map(([file, ls]) => ({ file, lines: ls })),
    notes: extraNotes,
  };
}
