/**
 * Where a load issue sits, read back from its `where` (the loader spells every location the
 * same way: `routes[NAME].virtual_hosts[VH].routes[3].match`,
 * `listeners[L].filter_chains[0].route_config.virtual_hosts[VH]…`, `clusters[NAME]`,
 * `endpoints[NAME]`). Read on demand, so the loader pays nothing for it.
 */
export interface IssueAt {
  listener?: string;
  /** The filter chain's index in the listener, or `default` for its default_filter_chain. */
  filterChain?: number | 'default';
  /** A route config of the routes section (RDS or static), by name. */
  routeConfig?: string;
  /** The issue is inside the listener's inline route config (HCM `route_config`). */
  inlineRouteConfig?: boolean;
  virtualHost?: string;
  /** The route's index within its virtual host. */
  route?: number;
  /** A cluster, from the clusters or the endpoints section. */
  cluster?: string;
}

/** `name[inner]` segments of a location; brackets inside names (`[::]_15006`) nest. */
function segments(where: string): { name: string; key?: string }[] {
  const out: { name: string; key?: string }[] = [];
  let i = 0;
  while (i < where.length) {
    let j = i;
    while (j < where.length && where[j] !== '[' && where[j] !== '.') j++;
    const name = where.slice(i, j);
    if (where[j] !== '[') {
      out.push({ name });
      i = j + 1;
      continue;
    }
    let depth = 0;
    let k = j;
    for (; k < where.length; k++) {
      if (where[k] === '[') depth++;
      else if (where[k] === ']' && --depth === 0) break;
    }
    out.push({ name, key: where.slice(j + 1, k) });
    i = k + 2;
  }
  return out;
}

const index = (key: string | undefined): number | undefined => (key !== undefined && /^\d+$/.test(key) ? Number(key) : undefined);

/** The structured location of `where`; `{}` for a place outside listeners, routes and clusters. */
export function issueAt(where: string | undefined): IssueAt {
  const at: IssueAt = {};
  if (!where) return at;
  for (const [n, { name, key }] of segments(where).entries()) {
    if (n === 0 && key !== undefined && name === 'listeners') at.listener = key;
    else if (n === 0 && key !== undefined && name === 'routes') at.routeConfig = key;
    else if (n === 0 && key !== undefined && (name === 'clusters' || name === 'endpoints')) at.cluster = key;
    else if (n === 0) return at;
    else if (name === 'filter_chains' && at.listener !== undefined) at.filterChain = index(key);
    else if (name === 'default_filter_chain' && at.listener !== undefined) at.filterChain = 'default';
    else if (name === 'route_config' && at.listener !== undefined) at.inlineRouteConfig = true;
    else if (name === 'virtual_hosts' && key !== undefined) at.virtualHost = key;
    else if (name === 'routes' && at.virtualHost !== undefined && at.route === undefined) at.route = index(key);
  }
  return at;
}
