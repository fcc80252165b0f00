import { changesAnswer } from '../envoy/issue-kinds.ts';
import { type IssueAt, issueAt } from '../envoy/issue-location.ts';
import type { FilterChain, LoadIssue, ProxyConfig } from '../envoy/types.ts';
import type { ExplainResult } from './result.ts';

/** What the trace touched, in the terms of IssueAt. */
interface Path {
  listener: string | null;
  /**
   * The chosen chain's index (`default` for the default chain), or the indexes it may be when
   * chains share its name (Istio's virtualInbound has several called `virtualInbound`); `all`
   * when none was chosen (any chain's match could have taken the connection).
   */
  chains: Set<number | 'default'> | 'all';
  routeConfig: string | null;
  /** The route config came from the chain's HTTP connection manager (`route_config`), not RDS. */
  inline: boolean;
  virtualHost: string | null;
  /** The routes Envoy evaluated: every route not taken and the one that matched. */
  routes: Set<number>;
  clusters: Set<string>;
}

const chainLabel = (c: FilterChain): string | null => c.name ?? (c.isDefault ? 'default_filter_chain' : null);
const inlineName = (c: FilterChain): string | undefined => {
  for (const f of c.filters) if (f.kind === 'http_connection_manager' && f.routeConfig) return f.routeConfig.name || '(inline)';
  return undefined;
};

function tracePath(config: ProxyConfig, r: ExplainResult): Path {
  const listener = r.listener === null ? undefined : config.index.listenerByName.get(r.listener);
  let chains: Path['chains'] = 'all';
  let inline = false;
  if (listener && r.filterChain !== null) {
    const raw = Array.isArray(listener.raw.filter_chains) ? listener.raw.filter_chains : [];
    const all = listener.defaultFilterChain ? [...listener.filterChains, listener.defaultFilterChain] : listener.filterChains;
    let named = all.filter((c) => chainLabel(c) === r.filterChain);
    const inlined = named.filter((c) => inlineName(c) === r.routeConfig);
    if (inlined.length > 0) {
      named = inlined;
      inline = true;
    }
    chains = new Set(named.map((c) => (c.isDefault ? 'default' : raw.indexOf(c.raw))));
  } else if (listener) {
    // An unnamed chain, or none chosen: any chain may be it.
    inline = listener.filterChains.some((c) => c.name === undefined && inlineName(c) === r.routeConfig);
  }
  const routes = new Set(r.notTaken.map((n) => n.index));
  if (r.route) routes.add(r.route.index);
  const clusters = new Set(r.destinations.map((d) => d.cluster));
  if (r.cluster !== null) clusters.add(r.cluster);
  return { listener: r.listener, chains, routeConfig: r.routeConfig, inline, virtualHost: r.virtualHost, routes, clusters };
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
  if (at.filterChain !== undefined && p.chains !== 'all' && !p.chains.has(at.filterChain)) return false;
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
