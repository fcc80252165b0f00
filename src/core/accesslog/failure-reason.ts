import type { Origin } from './failing-hop.ts';
import type { FlagExplanation } from './flag-causes.ts';
import type { LogHop } from './group-types.ts';
import { explainUnloggedServer, ownerOf, type ProxyDirectory } from './hop-explain.ts';

/**
 * The sentence that says which hop produced a request's failure and why, and the evidence under
 * it: the failing hop's response flags with their likely causes in its proxy's config
 * (flag-causes.ts), the authorization decision of a server sidecar, and where the configuration
 * disagrees with the line.
 */
const side = (h: LogHop): string => (h.direction === 'inbound' ? 'server side' : h.direction === 'outbound' ? 'client side' : 'side unknown');
export const hopLabel = (h: LogHop): string => `${h.proxy ?? 'an unknown proxy'} (${side(h)})`;

export function statusText(h: LogHop): string {
  const e = h.entry;
  const flags = e.responseFlags.length ? ` ${e.responseFlags.join(',')}` : '';
  return `${e.responseCode ?? '-'}${flags}`;
}

const detail = (h: LogHop): string => (h.entry.responseCodeDetails ? ` (${h.entry.responseCodeDetails})` : '');

/**
 * A listener's line for a connection no filter chain took carries NR with the detail
 * filter_chain_not_found: Istio logs it through the listener's own access log, filtered to NR
 * (pilot/pkg/networking/core/accesslog.go, listenerAccessLogFilter).
 */
const NO_FILTER_CHAIN =
  'NR (NoRouteFound) with filter_chain_not_found: no filter chain of the listener matched the connection; Envoy closed it before reading a request';

function flagLines(flags: readonly FlagExplanation[], details: string | null): string[] {
  return flags.flatMap((f) => [
    f.flag === '-'
      ? `no response flag: ${f.meaning}`
      : f.flag === 'NR' && details === 'filter_chain_not_found'
        ? NO_FILTER_CHAIN
        : `${f.flag} (${f.name}): ${f.meaning}`,
    ...f.causes.map((c) => `${f.flag}: ${c}`),
  ]);
}

/** What the hop's explain adds: its evidence, the authorization decision, flag causes, and the checks that disagree. */
function hopCauses(h: LogHop): string[] {
  const out = [...h.evidence];
  const x = h.explained;
  if (!x) return h.note ? [...out, h.note] : out;
  const authz = x.result.authorization;
  if (authz && !authz.allowed) out.push(`in this snapshot: ${authz.reason}`);
  else if (x.result.inbound && x.result.outcome !== 'route' && x.flags.length === 0) out.push(`in this snapshot: ${x.result.summary}`);
  out.push(...flagLines(x.flags, h.entry.responseCodeDetails));
  for (const c of x.checks) if (c.agrees === false) out.push(`the configuration differs on the ${c.what}: the log says ${c.log}, the snapshot ${c.config}`);
  return out;
}

function proxyReason(h: LogHop): string {
  const details = h.entry.responseCodeDetails ?? '';
  if (details.startsWith('rbac_access_denied')) return `the authorization (RBAC filter) of ${hopLabel(h)} denied the request: ${statusText(h)}${detail(h)}`;
  if (details === 'filter_chain_not_found') return `${hopLabel(h)} found no filter chain for the connection and closed it: ${statusText(h)}${detail(h)}`;
  return `${hopLabel(h)} answered ${statusText(h)}${detail(h)} itself`;
}

export function failureReason(hops: readonly LogHop[], origin: Origin, dir: ProxyDirectory): { reason: string; causes: string[] } {
  const h = hops[origin.hop]!;
  const causes = hopCauses(h);
  const upstream = ownerOf(dir, h.entry.upstreamHost);
  const target = `${h.entry.upstreamHost ?? 'its upstream'}${upstream ? ` (${upstream.name})` : ''}`;
  switch (origin.kind) {
    case 'proxy': {
      const client = h.joinedBy === 'connection' && h.parent !== null ? hops[h.parent] : undefined;
      const tail = client ? `; ${hopLabel(client)} logged ${statusText(client)}${detail(client)}` : '';
      return { reason: `${proxyReason(h)}${tail}`, causes };
    }
    case 'connection': {
      const logged = hops.some((o) => o.parent === origin.hop);
      const reason = `the connection from ${hopLabel(h)} to ${target} failed: ${statusText(h)}${detail(h)}; ${
        logged ? "the server's line for the request shows no failure" : 'the server side logged nothing for this request'
      }`;
      const server = logged ? undefined : explainUnloggedServer(h, dir);
      const first: string[] = [];
      if (server)
        first.push(`the client's connection: ${server.peer.why}`, `${server.server.name}'s inbound side in this snapshot: ${server.explained.result.summary}`);
      else if (!logged && upstream === undefined && h.entry.upstreamHost)
        first.push(`${h.entry.upstreamHost} is not a pod of the snapshot: its side cannot be checked`);
      return { reason, causes: [...first, ...causes] };
    }
    case 'application':
      return {
        reason: `the application behind ${hopLabel(h)} answered ${statusText(h)} itself; its proxy passed it on (${h.entry.responseCodeDetails ?? 'no details'})`,
        causes,
      };
    case 'upstream':
      return {
        reason: `${target} answered ${statusText(h)} to ${hopLabel(h)}; no log line of it was given${upstream ? ` (add --log ${upstream.name}=FILE)` : ''}`,
        causes,
      };
  }
}
