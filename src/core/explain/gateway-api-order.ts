import { type GatewayApiOrigin, gatewayApiOrigin } from '../envoy/gateway-api-origin.ts';
import type { Route } from '../envoy/route-types.ts';

/**
 * Why one Gateway API route comes before the next, read back from the two Envoy routes.
 *
 * istiod orders the rules of a generated VirtualService with sortHTTPRoutes
 * (pilot/pkg/config/kube/gateway/conversion.go), a stable sort on the one match of each rule:
 * path match type (getURIRank: Exact 3 > Prefix 2 > Regex 1), then path length (getURILength),
 * then a method match first, then more header matches, then more query matches. Ties keep the
 * input order: the rules in `spec.rules` order, each rule's matches in order, and the routes
 * merged into one VirtualService by creation time, then namespace, then name
 * (sortRoutesByCreationTime, mergeHTTPRoutes in route_collections.go).
 *
 * In Envoy (TranslateRouteMatch, pilot/pkg/networking/core/route/route.go) an Exact path is
 * `path`, a Prefix `path_separated_prefix` (`prefix: "/"` for `/`, which is also what a rule with no
 * match becomes), a Regex `safe_regex`; the method is a `:method` header matcher; query matches are
 * `query_parameters`.
 */
interface Precedence {
  rank: number;
  kind: string;
  length: number;
  method: boolean;
  headers: number;
  queries: number;
}

function precedence(route: Route): Precedence {
  const p = route.match.path;
  const [rank, kind, length] =
    p.kind === 'path'
      ? [3, 'exact path', p.value.length]
      : p.kind === 'path_separated_prefix' || p.kind === 'prefix'
        ? [2, 'path prefix', p.value.length]
        : p.kind === 'safe_regex'
          ? [1, 'regex path', p.regex.length]
          : [-1, 'no path match', 0];
  // Gateway API header names are RFC 7230 tokens: a pseudo-header matcher is Istio's (`:method`).
  const headers = route.match.headers.filter((h) => !h.name.startsWith(':')).length;
  const method = route.match.headers.some((h) => h.name === ':method');
  return { rank, kind, length, method, headers, queries: route.match.queryParameters.length };
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** The tie-break: rule order in one route, else the merge order of routes (creation time, namespace, name). */
function tieBreak(a: GatewayApiOrigin, b: GatewayApiOrigin): string {
  const same = a.name !== null && a.name === b.name && a.namespace === b.namespace;
  if (same && a.rule !== null && b.rule !== null) {
    return a.rule === b.rule
      ? `same precedence: match order within rule ${a.rule}`
      : `same precedence: rule ${a.rule} comes before rule ${b.rule} in the route`;
  }
  if (a.name === null || b.name === null) return 'same precedence: the older route (creation time) or name order';
  const key = (o: GatewayApiOrigin) => [o.namespace ?? '', o.name ?? ''];
  const [an, aName] = key(a);
  const [bn, bName] = key(b);
  const nameFirst = an! < bn! || (an === bn && aName! < bName!);
  // Only creation time can put a route whose namespace/name sorts later first.
  return nameFirst
    ? 'same precedence: the older route (creation time), or namespace and name order'
    : 'same precedence: the older route (creation time; namespace and name order would put it second)';
}

export interface OrderReason {
  /** One line: why `earlier` is checked before `later`. */
  reason: string;
  /** False when the two routes are not in the order Istio's Gateway API sort gives. */
  consistent: boolean;
}

/**
 * Why Envoy checks `earlier` before `later` when both come from Gateway API routes of the same
 * VirtualService; undefined when either is not from a Gateway API route.
 */
export function gatewayApiOrder(earlier: Route, later: Route): OrderReason | undefined {
  const a = gatewayApiOrigin(earlier.name, earlier.istio);
  const b = gatewayApiOrigin(later.name, later.istio);
  if (!a || !b) return undefined;
  if (earlier.istio?.config !== later.istio?.config) {
    return {
      reason: `from different VirtualServices (${earlier.istio?.display} and ${later.istio?.display}): Istio sorts Gateway API rules within one VirtualService only`,
      consistent: true,
    };
  }
  const x = precedence(earlier);
  const y = precedence(later);
  const decide = (firstWins: boolean, because: string): OrderReason =>
    firstWins
      ? { reason: because, consistent: true }
      : { reason: `not Istio's Gateway API order: ${because} would put #${later.index} first`, consistent: false };
  if (x.rank !== y.rank) return decide(x.rank > y.rank, `${x.rank > y.rank ? x.kind : y.kind} before ${x.rank > y.rank ? y.kind : x.kind}`);
  if (x.length !== y.length) {
    const what = x.kind === 'path prefix' ? 'prefix' : x.kind === 'exact path' ? 'path' : 'regex';
    return decide(x.length > y.length, `longer ${what} first (${Math.max(x.length, y.length)} characters before ${Math.min(x.length, y.length)})`);
  }
  if (x.method !== y.method) return decide(x.method, 'a method match first');
  if (x.headers !== y.headers) {
    return decide(
      x.headers > y.headers,
      `more header matches first (${plural(Math.max(x.headers, y.headers), 'header')} before ${Math.min(x.headers, y.headers)})`,
    );
  }
  if (x.queries !== y.queries) {
    return decide(
      x.queries > y.queries,
      `more query matches first (${plural(Math.max(x.queries, y.queries), 'query parameter')} before ${Math.min(x.queries, y.queries)})`,
    );
  }
  return { reason: tieBreak(a, b), consistent: true };
}
