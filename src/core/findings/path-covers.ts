import type { PathMatch, Route, VirtualHost } from '../envoy/route-types.ts';

/**
 * Whether an earlier route matches every request a later one matches (first match wins, so the
 * later one is unreachable). Decided conservatively: only when the earlier route's path covers
 * the later one's and its other conditions are a subset of the later one's.
 */

function fold(text: string, caseSensitive: boolean): string {
  return caseSensitive ? text : text.toLowerCase();
}

const MATCH_ALL_REGEX = new Set(['.*', '/.*', '^.*$', '.+', '/.+']);

/** Does path matcher `a` (earlier) match every path that `b` (later) matches? */
function pathCovers(a: PathMatch, aCase: boolean, b: PathMatch, bCase: boolean): boolean {
  // A case-insensitive later route matches case variants a case-sensitive earlier one may not.
  const cs = aCase && !bCase ? null : !aCase;
  const f = (s: string): string => (cs === null ? s : fold(s, !cs));
  if (a.kind === 'prefix' && (a.value === '' || a.value === '/')) return b.kind !== 'connect_matcher' && b.kind !== 'unsupported';
  if (a.kind === 'safe_regex' && MATCH_ALL_REGEX.has(a.regex)) return b.kind !== 'connect_matcher' && b.kind !== 'unsupported';
  if (cs === null) return false;
  switch (a.kind) {
    case 'prefix':
      return (b.kind === 'prefix' || b.kind === 'path' || b.kind === 'path_separated_prefix') && f(b.value).startsWith(f(a.value));
    case 'path':
      return b.kind === 'path' && f(b.value) === f(a.value);
    case 'path_separated_prefix':
      return (b.kind === 'path_separated_prefix' || b.kind === 'path') && (f(b.value) === f(a.value) || f(b.value).startsWith(`${f(a.value)}/`));
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

/** Each route of the virtual host that can never match, with the first earlier route that takes all its requests. */
export function shadowedRoutes(vhost: VirtualHost): Map<Route, Route> {
  const out = new Map<Route, Route>();
  vhost.routes.forEach((later, i) => {
    for (let j = 0; j < i; j++) {
      const e = vhost.routes[j]!;
      if (pathCovers(e.match.path, e.match.caseSensitive, later.match.path, later.match.caseSensitive) && conditionsCovered(e, later)) {
        out.set(later, e);
        return;
      }
    }
  });
  return out;
}
