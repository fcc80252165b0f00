import type { DirectResponseAction, ForwardAction, RedirectAction, Route, RouteConfig, VirtualHost } from '../envoy/route-types.ts';
import { type Destination, resolveClusters, type WeightedPick } from './cluster-specifier.ts';
import { applyFragmentPolicy } from './path-fragment.ts';
import { redirectLocation, sslRedirectLocation } from './redirect.ts';
import { type HttpRequest, headerValue } from './request.ts';
import { type Rewrite, rewriteHost, rewritePath, rewriteRedirectPath } from './rewrite.ts';
import { matchRoute, type NotTakenRoute, type RouteMatchResult } from './route-match.ts';
import type { RouteOptions } from './route-options.ts';
import { matchRouteByMatcher } from './vhost-matcher-routes.ts';
import { selectVirtualHost, type VirtualHostSelection } from './virtual-host-select.ts';

export type { Destination, WeightedPick } from './cluster-specifier.ts';
export type { Rewrite } from './rewrite.ts';
export type { NotTakenRoute } from './route-match.ts';
export type { RouteOptions } from './route-options.ts';
export type { VirtualHostSelection } from './virtual-host-select.ts';

/** What Envoy's router does with the request. */
export type RouteOutcome = 'route' | 'redirect' | 'direct_response' | 'no_virtual_host' | 'no_route';

/**
 * The routing decision for one request against one RouteConfiguration, with the evidence.
 *
 * - `outcome` `route`: `route` matched and forwards to `destinations`; `cluster` is set when the
 *   destination is decided (one cluster, a cluster_header, or a weighted pick with a random value).
 * - `redirect`: a `redirect` route, or the virtual host's `require_tls` (then `route` is undefined
 *   and `redirect.reason` is `require_tls`); `redirect.location` is the full Location header.
 * - `direct_response`: Envoy answers with `directResponse.status` and body.
 * - `no_virtual_host` / `no_route`: Envoy answers 404 (`NR`); `notTaken` lists why each route failed.
 */
export interface RouteDecision {
  outcome: RouteOutcome;
  virtualHost: VirtualHostSelection;
  /** The matched route (absent for no_route, no_virtual_host and require_tls redirects). */
  route?: Route;
  /** Routes evaluated before the match (all of them for no_route), each with why it was not taken. */
  notTaken: NotTakenRoute[];
  /** Upstream clusters of a forwarding route, with weights and probabilities (0–1). */
  destinations: Destination[];
  /** The chosen cluster, when decided. */
  cluster?: string;
  /** How a weighted split was decided, when it was. */
  pick?: WeightedPick;
  /** :path sent upstream (forwarding) when the route rewrites it. */
  pathRewrite?: Rewrite;
  /** :authority sent upstream when the route (or chosen weighted cluster) rewrites it. */
  hostRewrite?: Rewrite;
  /** `auto_host_rewrite`: the Host becomes the chosen endpoint's hostname (not resolved here). */
  autoHostRewrite?: boolean;
  redirect?: { location: string; code: number; reason: 'redirect' | 'require_tls' };
  /**
   * The local reply of a direct_response route. `uri` is what Envoy's newUri gives for the request
   * (sent as Location only for 201 and 3xx statuses; router_check compares it as path_redirect).
   */
  directResponse?: { status: number; body?: string; bodyFile?: string; uri: string };
  /** Things taken as given to reach the decision (e.g. a runtime_fraction gate without a random value). */
  assumptions: string[];
  /** Facts worth telling: fallbacks Envoy applies, unsupported parts, unresolved parts. */
  notes: string[];
  /** Set when the connection manager answers before routing (a `#fragment` rejected with 400). */
  rejected?: { status: number; reason: string };
}

function isExternal(request: HttpRequest): boolean {
  return !(request.internal || headerValue(request, 'x-envoy-internal') === 'true');
}

function forward(
  decision: RouteDecision,
  config: RouteConfig,
  vh: VirtualHost,
  route: Route,
  action: ForwardAction,
  request: HttpRequest,
  options: RouteOptions,
): RouteDecision {
  const resolved = resolveClusters(action.cluster, request, options);
  decision.destinations = resolved.destinations;
  decision.cluster = resolved.cluster;
  decision.pick = resolved.pick;
  decision.notes.push(...resolved.notes);
  decision.pathRewrite = rewritePath(action, route.match.path, request.path);
  const weighted = action.cluster.kind === 'weighted_clusters' && resolved.pick ? action.cluster.clusters[resolved.pick.index] : undefined;
  const weightedHost = weighted?.hostRewriteLiteral;
  // finalizeRequestHeaders: the header mutations of every level run before the host rewrite, in
  // getRequestHeaderParsers' order (weighted cluster first, as route-check's finalizeHeaders).
  const levels = [route, vh, config];
  if (config.mostSpecificHeaderMutationsWins) levels.reverse();
  decision.hostRewrite = rewriteHost(action, request, weightedHost, weighted ? [weighted, ...levels] : levels);
  if (decision.hostRewrite?.unresolved)
    decision.notes.push(
      `the Host rewrite reads ${action.hostRewriteHeader}, set by request_headers_to_add to ${JSON.stringify(decision.hostRewrite.unresolved)}: its command operators are not expanded here`,
    );
  if (action.hostRewriteHeader && !action.hostRewriteLiteral && decision.hostRewrite?.by !== 'host_rewrite_header')
    decision.notes.push(`host_rewrite_header ${action.hostRewriteHeader}: the header is absent or empty after request_headers_to_add, so it rewrites nothing`);
  if (decision.hostRewrite?.xForwardedHost !== undefined)
    decision.notes.push(`append_x_forwarded_host: x-forwarded-host becomes ${JSON.stringify(decision.hostRewrite.xForwardedHost)}`);
  if (action.autoHostRewrite) decision.autoHostRewrite = true;
  return decision;
}

function redirect(decision: RouteDecision, route: Route, action: RedirectAction, request: HttpRequest): RouteDecision {
  const path = rewriteRedirectPath(action, route.match.path, request.path);
  decision.outcome = 'redirect';
  decision.redirect = { location: redirectLocation(action, request, path), code: action.responseCode, reason: 'redirect' };
  return decision;
}

function directResponse(decision: RouteDecision, action: DirectResponseAction, request: HttpRequest): RouteDecision {
  decision.outcome = 'direct_response';
  decision.directResponse = {
    status: action.status,
    body: action.body,
    ...(action.bodyFile ? { bodyFile: action.bodyFile } : {}),
    uri: redirectLocation(undefined, request, request.path),
  };
  if (action.bodyFile) decision.notes.push(`the body comes from the file ${action.bodyFile} on the proxy`);
  return decision;
}

/**
 * Routes one request through a RouteConfiguration as Envoy's router does: virtual host by
 * :authority, `require_tls`, first matching route, then its action (cluster / weighted split /
 * cluster_header, redirect, direct response) and rewrites.
 *
 * Pure and deterministic: randomness comes only from `options.randomValue` (a uint64 as bigint).
 * Without it, weighted splits are reported with probabilities and no `cluster`, and a partial
 * runtime_fraction gate is assumed open (listed in `assumptions`).
 */
export function routeRequest(config: RouteConfig, given: HttpRequest, options: RouteOptions = {}): RouteDecision {
  let request = given;
  let fragment: ReturnType<typeof applyFragmentPolicy> | undefined;
  if (options.pathFragment) {
    fragment = applyFragmentPolicy(given.path, options.pathFragment.policy, options.pathFragment.assumed);
    if (fragment.path !== given.path) request = { ...given, path: fragment.path };
  }
  const virtualHost = selectVirtualHost(config, request);
  const decision: RouteDecision = { outcome: 'no_virtual_host', virtualHost, notTaken: [], destinations: [], assumptions: [], notes: [] };
  if (fragment?.note) decision.notes.push(fragment.note);
  if (fragment?.rejected) decision.rejected = { status: 400, reason: fragment.note ?? '' };
  if (!virtualHost.found) return decision;
  const vh = virtualHost.virtualHost;
  // Envoy compares x-forwarded-proto (set by the connection manager) with "https" exactly.
  const proto = headerValue(request, 'x-forwarded-proto') ?? request.scheme;
  if (proto !== 'https' && (vh.requireTls === 'ALL' || (vh.requireTls === 'EXTERNAL_ONLY' && isExternal(request)))) {
    decision.outcome = 'redirect';
    decision.redirect = { location: sslRedirectLocation(request), code: 301, reason: 'require_tls' };
    decision.notes.push(
      `virtual host ${vh.name} has require_tls ${vh.requireTls}: a plain-http${vh.requireTls === 'EXTERNAL_ONLY' ? ' external' : ''} request is redirected to https before any route is tried`,
    );
    return decision;
  }
  const matched: RouteMatchResult & { notes?: string[] } = vh.matcher
    ? matchRouteByMatcher({ ...vh, matcher: vh.matcher }, request, options, config.ignorePathParametersInPathMatching)
    : matchRoute(vh, request, options, config.ignorePathParametersInPathMatching);
  if (matched.notes) decision.notes.push(...matched.notes);
  decision.notTaken = matched.notTaken;
  decision.assumptions.push(...matched.assumptions);
  if (!matched.route) {
    decision.outcome = 'no_route';
    return decision;
  }
  const route = matched.route;
  decision.route = route;
  decision.outcome = 'route';
  const action = route.action;
  switch (action.kind) {
    case 'route':
      return forward(decision, config, vh, route, action, request, options);
    case 'redirect':
      return redirect(decision, route, action, request);
    case 'direct_response':
      return directResponse(decision, action, request);
    case 'non_forwarding':
      decision.notes.push('the route has a non_forwarding_action: filters handle the request, the router does not forward it');
      return decision;
    case 'unsupported':
      decision.notes.push(`the route's action (${action.field}) is not understood by meshscope`);
      return decision;
  }
}
