import type { PathMatch, Route, RouteConfig } from '../envoy/route-types.ts';
import { type Finding, finding } from './finding.ts';

/**
 * A route is shadowed when an earlier route in the same virtual host matches every request it
 * matches: first match wins, so it is unreachable. Decided conservatively — only when the earlier
 * route's path covers the later one's and its other conditions are a subset of the later one's.
 */
function norm(text: string, caseSensitive: boolean): string {
  return caseSensitive ? text : text.toLowerCase();
}

const MATCH_ALL_REGEX = new Set(['.*', '/.*', '^.*$', '.+', '/.+']);

/** Does path matcher `a` (earlier) match every path that `b` (later) matches? */
export function pathCovers(a: PathMatch, aCase: boolean, b: PathMatch, bCase: boolean): boolean {
  // A case-insensitive later route matches case variants a case-sensitive earlier one may not.
  const cs = aCase && !bCase ? null : !aCase;
  const fold = (s: string): string => (cs === null ? s : norm(s, !cs));
  if (a.kind === 'prefix' && (a.value === '' || a.value === '/')) return b.kind !== 'connect_matcher' && b.kind !== 'unsupported';
  if (a.kind === 'safe_regex' && MATCH_ALL_REGEX.has(a.regex)) return b.kind !== 'connect_matcher' && b.kind !== 'unsupported';
  if (cs === null) return false;
  switch (a.kind) {
    case 'prefix':
      return (b.kind === 'prefix' || b.kind === 'path' || b.kind === 'path_separated_prefix') && fold(b.value).startsWith(fold(a.value));
    case 'path':
      return b.kind === 'path' && fold(b.value) === fold(a.value);
    case 'path_separated_prefix':
      return (b.kind === 'path_separated_prefix' || b.kind === 'path') && (fold(b.value) === fold(a.value) || fold(b.value).startsWith(`${fold(a.value)}/`));
    case 'safe_regex':
      return b.kind === 'safe_regex' && b.regex === a.regex;
    default:
      return false;
  }
}

const key = (value: unknown): string => JSON.stringify(value);

/** The earlier route's non-path conditions all appear in the later route's. */
function conditionsCovered(earlier: Route, later: Route): boolean {
  const e = earlier.match;
  const l = later.match;
  if (e.runtimeFraction || e.dynamicMetadata.length > 0) return false;
  if (e.grpc && !l.grpc) return false;
  if (e.tlsContext && key(e.tlsContext) !== key(l.tlsContext)) return false;
  const laterHeaders = new Set(l.headers.map((h) => key(h.raw)));
  if (!e.headers.every((h) => laterHeaders.has(key(h.raw)))) return false;
  const laterQuery = new Set(l.queryParameters.map(key));
  return e.queryParameters.every((q) => laterQuery.has(key(q)));
}

function label(route: Route): string {
  return route.name ? `#${route.index} ${route.name}` : `#${route.index}`;
}

export function shadowedRoutes(config: RouteConfig): Finding[] {
  const out: Finding[] = [];
  for (const vhost of config.virtualHosts) {
    vhost.routes.forEach((later, i) => {
      const earlier = vhost.routes
        .slice(0, i)
        .find((e) => pathCovers(e.match.path, e.match.caseSensitive, later.match.path, later.match.caseSensitive) && conditionsCovered(e, later));
      if (!earlier) return;
      const vs = later.istio?.display ? ` (VirtualService ${later.istio.display})` : '';
      out.push(
        finding(
          'RouteShadowed',
          `route ${label(later)} in ${config.name}/${vhost.name} can never match: route ${label(earlier)} before it matches every request it does${vs}`,
          [`route ${config.name}/${vhost.name}/${label(later)}`, `route ${config.name}/${vhost.name}/${label(earlier)}`],
          'move the more specific http rule above the broader one in the VirtualService, or narrow the earlier match',
        ),
      );
    });
  }
  return out;
}
