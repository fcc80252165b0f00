import type { HeaderValueOption, RouteConfig } from '../envoy/route-types.ts';
import { appendForwardedHost } from '../router/header-mutation.ts';
import { applyHeaderMutations, type ToolStream } from './header-formatter.ts';
import type { HeaderMap } from './header-map.ts';
import type { ToolRoute } from './tool-route.ts';

interface MutationLevel {
  requestHeadersToAdd: readonly HeaderValueOption[];
  requestHeadersToRemove: readonly string[];
  responseHeadersToAdd: readonly HeaderValueOption[];
  responseHeadersToRemove: readonly string[];
}

/**
 * The header-mutation levels in Envoy's order: a picked weighted cluster first, then the route,
 * virtual host and route config (most to least specific, so the route config's overwrite wins),
 * or route config → virtual host → route with `most_specific_header_mutations_wins`.
 */
function levels(route: Exclude<ToolRoute, { kind: 'none' }>, config: RouteConfig): MutationLevel[] {
  if (!route.route) return [];
  const chain: MutationLevel[] = [route.route, route.virtualHost, config];
  if (config.mostSpecificHeaderMutationsWins) chain.reverse();
  return route.kind === 'forward' && route.weighted ? [route.weighted.entry, ...chain] : chain;
}

/**
 * RouteEntryImplBase::finalizeHostHeader over the mutated headers: the route's literal, else the
 * first value of host_rewrite_header now (after request_headers_to_add), else what the engine
 * computed (path regex, weighted cluster literal). `byRoute` is false for the weighted cluster's
 * literal, which append_x_forwarded_host does not cover.
 */
function rewrittenHost(route: Extract<ToolRoute, { kind: 'forward' }>, request: HeaderMap): { value: string; byRoute: boolean } | undefined {
  const action = route.action;
  if (!action.hostRewriteLiteral && action.hostRewriteHeader) {
    const value = request.first(action.hostRewriteHeader);
    if (value) return { value, byRoute: true };
    return route.weighted?.entry.hostRewriteLiteral ? { value: route.weighted.entry.hostRewriteLiteral, byRoute: false } : undefined;
  }
  if (route.rewrittenHost === undefined) return undefined;
  return { value: route.rewrittenHost, byRoute: route.rewrittenHostByWeightedCluster !== true };
}

/** UTF-8 byte length, as content-length counts the body. */
function byteLength(text: string): number {
  return new TextEncoder().encode(text).length;
}

/**
 * router_check_tool's finalizeHeaders, run once per test before any check:
 * - a forwarding route applies request and response header mutations at every level, then its
 *   host rewrite and path rewrite (keeping the original in `x-envoy-original-path`);
 * - a direct response or redirect builds the local reply (`:status`, and `content-length` plus
 *   `content-type: text/plain` when the body is not empty) and then applies the response
 *   header mutations, so `response_headers_to_add` of content-type appends to `text/plain`
 *   unless it overwrites.
 */
export function finalizeHeaders(route: ToolRoute, config: RouteConfig, request: HeaderMap, response: HeaderMap, stream: ToolStream): void {
  if (route.kind === 'none') return;
  const chain = levels(route, config);
  if (route.kind === 'forward') {
    const original = request.clone();
    for (const level of chain) applyHeaderMutations(request, level.requestHeadersToAdd, level.requestHeadersToRemove, stream, original);
    // finalizeHostHeader runs after the mutations: host_rewrite_header reads the mutated headers.
    const host = rewrittenHost(route, request);
    if (host !== undefined) {
      if (route.action.appendXForwardedHost && host.byRoute) {
        const xfh = appendForwardedHost(request.first('x-forwarded-host') || undefined, original.first(':authority'));
        if (xfh !== undefined) request.set('x-forwarded-host', xfh);
      }
      request.set(':authority', host.value);
    }
    if (route.rewrittenPath !== undefined) {
      request.set('x-envoy-original-path', original.first(':path'));
      request.set(':path', route.rewrittenPath);
    }
    for (const level of chain) applyHeaderMutations(response, level.responseHeadersToAdd, level.responseHeadersToRemove, stream, original);
    return;
  }
  response.add(':status', String(route.status));
  if (route.body !== '') {
    response.add('content-length', String(byteLength(route.body)));
    response.add('content-type', 'text/plain');
  }
  for (const level of chain) applyHeaderMutations(response, level.responseHeadersToAdd, level.responseHeadersToRemove, stream, request);
}
