import { changesAnswer } from '../envoy/issue-kinds.ts';
import { type IssueAt, issueAt } from '../envoy/issue-location.ts';
import type { LoadIssue, ProxyConfig } from '../envoy/types.ts';
import type { ExplainResult } from './result.ts';

/** What the trace touched, in the terms of IssueAt. */
interface Path {
  listener: string | null;
  /** The chosen chain's index (or `default`); undefined when it cannot be told (an unnamed chain, none chosen). */
  chain: number | 'default' | undefined;
  routeConfig: string | null;
  inline: boolean;
  virtualHost: string | null;
  /** The routes Envoy evaluated: every route not taken and the one that matched. */
  routes: Set<number>;
  clusters: Set<string>;
}

function tracePath(config: ProxyConfig, r: ExplainResult): Path {
  const listener = r.listener === null ? undefined : config.index.listenerByName.get(r.listener);
  let chain: Path['chain'];
  let inline = r.routeConfig === '(inline)';
  if (listener && r.filterChain !== null) {
    const raw = Array.isArray(listener.raw.filter_chains) ? listener.raw.filter_chains : [];
    const chosen = r.filterChain === 'default_filter_chain' ? listener.defaultFilterChain : listener.filterChains.find((c) => c.name === r.filterChain);
    if (chosen?.isDefault) chain = 'default';
    else if (chosen) chain = raw.indexOf(chosen.raw);
    if (chosen) inline = chosen.filters.some((f) => f.kind === 'http_connection_manager' && f.routeConfig !== undefined);
  }
  const routes = new Set(r.notTaken.map((n) => n.index));
  if (r.route) routes.add(r.route.index);
  const clusters = new Set(r.destinations.map((d) => d.cluster));
  if (r.cluster !== null) clusters.add(r.cluster);
  return { listener: r.listener, chain, routeConfig: r.routeConfig, inline, virtualHost: r.virtualHost, routes, clusters };
}

/** Inside the route config the trace used: the config itself, the chosen virtual host, a route Envoy evaluated. */
function inRoutes(at: IssueAt, p: Path): boolean {
  if (at.virtualHost === undefined) return true;
  // No virtual host matched: only what could change the host selection is on the path.
  if (p.virtualHost === null) return at.route === undefined;
  if (at.virtualHost !== p.virtualHost) return false;
  return at.route === undefined || p.routes.has(at.route);
}

function onPath(at: IssueAt, p: Path): boolean {
  // A whole section or input item: it concerns every request.
  if (at.cluster === undefined && at.routeConfig === undefined && at.listener === undefined) return true;
  if (at.cluster !== undefined) return p.clusters.has(at.cluster);
  if (at.routeConfig !== undefined) return !p.inline && at.routeConfig === p.routeConfig && inRoutes(at, p);
  if (at.listener === undefined || at.listener !== p.listener) return false;
  if (at.filterChain !== undefined && p.chain !== undefined && at.filterChain !== p.chain) return false;
  if (!at.inlineRouteConfig) return true;
  return p.inline && inRoutes(at, p);
}

/**
 * The load issues on the request's path that can change this answer (see `changesAnswer`): those
 * whose location names the listener, filter chain, route config, virtual host, a route Envoy
 * evaluated (a skipped route that never matches changes the answer too), or a cluster the trace
 * reached. An issue aggregated over several places is given with the first place on the path.
 * An issue outside listeners, routes and clusters (a section with an unknown @type, a list of a
 * section not read, scoped routes) concerns every request, so it is on every path.
 */
export function pathCaveats(config: ProxyConfig, result: ExplainResult): LoadIssue[] {
  const path = tracePath(config, result);
  const out: LoadIssue[] = [];
  for (const issue of config.issues.value) {
    if (!changesAnswer(issue)) continue;
    const place = (issue.places ?? [issue.where]).find((where) => onPath(issueAt(where), path));
    if (place === undefined) continue;
    const { places: _, ...caveat } = issue;
    out.push(place === issue.where ? caveat : { ...caveat, where: place });
  }
  return out;
}
