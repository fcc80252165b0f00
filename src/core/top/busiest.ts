import { routeConfigsOf } from '../envoy/listener-chains.ts';
import type { HeaderMatcher, PathMatch, RouteConfig, VirtualHost } from '../envoy/route-types.ts';
import type { ProxyConfig } from '../envoy/types.ts';
import { shadowedRoutes } from '../findings/path-covers.ts';
import { routeDestinations } from '../router/route-destinations.ts';
import type { TopRow } from './row.ts';

/**
 * meshtop's `e`: the busiest cluster's route, as a request the explain panel can trace. Envoy
 * counts requests per cluster, not per route, so "busiest route" is the first reachable route
 * that sends to the cluster with the most requests per second, and the request is one that
 * route matches: a host from its virtual host's domains, a path from its path matcher, and its
 * exact header matches.
 */
export interface BusiestRoute {
  cluster: string;
  /** `routeConfig/virtualHost/route-name` (or `#index`). */
  route: string;
  /** `GET http://reviews.bookinfo.svc.cluster.local:9080/reviews` */
  request: string;
  /** `Name: value` lines for the route's header matches. */
  headers: string[];
}

function busiestCluster(root: TopRow): TopRow | undefined {
  let best: TopRow | undefined;
  const visit = (row: TopRow) => {
    if (row.kind === 'cluster' && (row.metrics.rps ?? 0) > 0 && (!best || row.metrics.rps! > best.metrics.rps!)) best = row;
    if (row.kind !== 'cluster') row.children.forEach(visit);
  };
  visit(root);
  return best;
}

/** A path the matcher accepts. */
/**
 * A uri_template with its `{var}` and `*`/`**` replaced by `x`, as /\{[^}]*\}|\*\*?/g would, by
 * hand: that regex rescans to the end from every `{` when no `}` follows (quadratic).
 */
export function templateShape(template: string): string {
  let out = '';
  let closed = true;
  for (let i = 0; i < template.length; i++) {
    const c = template[i]!;
    if (c === '{' && closed) {
      const end = template.indexOf('}', i + 1);
      if (end !== -1) {
        out += 'x';
        i = end;
        continue;
      }
      closed = false;
    }
    if (c === '*') {
      out += 'x';
      if (template[i + 1] === '*') i++;
    } else out += c;
  }
  return out;
}

function samplePath(path: PathMatch): string {
  switch (path.kind) {
    case 'prefix':
    case 'path_separated_prefix':
      return path.value === '' ? '/' : path.value;
    case 'path':
      return path.value;
    case 'safe_regex': {
      const literal = /^\^?((?:\/[\w.~-]*)*)/.exec(path.regex)?.[1] ?? '';
      return literal === '' ? '/' : literal;
    }
    case 'path_match_policy':
      return templateShape(path.template);
    default:
      return '/';
  }
}

/** Header lines a request needs to satisfy the route's exact, prefix and presence matches. */
function sampleHeaders(headers: readonly HeaderMatcher[]): { method?: string; lines: string[] } {
  const out: { method?: string; lines: string[] } = { lines: [] };
  for (const h of headers) {
    if (h.invert) continue;
    const spec = h.spec;
    let value: string | undefined;
    if (!spec || (spec.kind === 'present' && spec.present)) value = 'x';
    else if (spec.kind === 'string' && (spec.match.kind === 'exact' || spec.match.kind === 'prefix')) value = spec.match.value;
    if (value === undefined) continue;
    if (h.name === ':method') out.method = value;
    else if (!h.name.startsWith(':')) out.lines.push(`${h.name}: ${value}`);
  }
  return out;
}

/** The authority to send: a domain without wildcards; the port from the domain or a numeric route config name (sidecars). */
function authority(rc: RouteConfig, vhost: VirtualHost): string | undefined {
  const domain = vhost.domains.find((d) => !d.includes('*') && !d.startsWith('['));
  if (!domain) return undefined;
  if (domain.includes(':') || !/^\d+$/.test(rc.name)) return domain;
  return `${domain}:${rc.name}`;
}

export function busiestRoute(config: ProxyConfig, root: TopRow): BusiestRoute | undefined {
  const busiest = busiestCluster(root);
  if (!busiest?.cluster) return undefined;
  for (const { routeConfig: rc } of routeConfigsOf(config)) {
    for (const vhost of rc.virtualHosts.value) {
      const host = authority(rc, vhost);
      if (!host) continue;
      const shadowed = shadowedRoutes(vhost);
      for (const route of vhost.routes) {
        if (shadowed.has(route)) continue;
        if (!routeDestinations(route).some((d) => d.cluster === busiest.cluster)) continue;
        const headers = sampleHeaders(route.match.headers);
        return {
          cluster: busiest.cluster,
          route: `${rc.name}/${vhost.name}/${route.name ?? `#${route.index}`}`,
          request: `${headers.method ?? 'GET'} http://${host}${samplePath(route.match.path)}`,
          headers: headers.lines,
        };
      }
    }
  }
  return undefined;
}
