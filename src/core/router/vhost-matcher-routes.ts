import type { VirtualHost } from '../envoy/route-types.ts';
import { httpInputs } from './http-inputs.ts';
import { evaluateMatcher } from './matcher-tree.ts';
import type { HttpRequest } from './request.ts';
import { matchRoute, type RouteMatchResult } from './route-match.ts';
import type { RouteOptions } from './route-options.ts';

/**
 * The route of a virtual host that uses a `matcher` instead of `routes`
 * (source/common/router/config_impl.cc VirtualHostImpl::getRouteFromEntries): the matcher is
 * evaluated on the request's headers; its action, a Route or a RouteList, gives the routes that
 * are then tried in order like a virtual host's own (getRouteFromRoutes: each route's `match`
 * must hold too). No action (the matcher does not match) means no route: Envoy answers 404 NR.
 * `notes` carry the matcher's decisions for the trace.
 */
export function matchRouteByMatcher(
  vh: VirtualHost & { matcher: NonNullable<VirtualHost['matcher']> },
  request: HttpRequest,
  options: RouteOptions,
  ignorePathParameters: boolean,
): RouteMatchResult & { notes: string[] } {
  const result = evaluateMatcher(vh.matcher.tree, httpInputs(request));
  const decisions = result.path.length ? result.path.join('; ') : 'no decision';
  const assumptions = result.caveats.map((c) => `virtual host ${vh.name}'s matcher: ${c}`);
  if (!result.action) {
    return { notTaken: [], assumptions, notes: [`virtual host ${vh.name} routes by its matcher: ${decisions}; no action: no route (404 NR)`] };
  }
  const routes = vh.matcher.routes.get(result.action) ?? [];
  const what = `${result.action.name || result.action.type} (${routes.length} route${routes.length === 1 ? '' : 's'})`;
  const matched = matchRoute({ ...vh, routes }, request, options, ignorePathParameters);
  return {
    ...matched,
    assumptions: [...assumptions, ...matched.assumptions],
    notes: [`virtual host ${vh.name} routes by its matcher: ${decisions} → ${what}`],
  };
}
