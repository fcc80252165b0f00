import { describeGatewayApiOrigin, gatewayApiOrigin } from '../envoy/gateway-api-origin.ts';
import type { Route, RouteConfig } from '../envoy/route-types.ts';
import type { ProxyConfig } from '../envoy/types.ts';
import { describeHeaderMatcher } from '../router/header-match.ts';
import { describePathMatch } from '../router/path-match.ts';
import type { HttpRequest } from '../router/request.ts';
import { routeLabel } from '../router/route-label.ts';
import { type RouteDecision, type RouteOptions, routeRequest } from '../router/route-request.ts';
import { percent } from '../text/percent.ts';
import { gatewayApiOrder } from './gateway-api-order.ts';
import type { Trace } from './trace.ts';
import { describeDestinations, splitShares, upstreamStages } from './upstream-stage.ts';

const HOW: Record<string, string> = {
  exact: 'exact domain',
  suffix_wildcard: 'longest suffix wildcard',
  prefix_wildcard: 'longest prefix wildcard',
  catch_all: 'catch-all',
};

/** A route's match in words: `prefix "/reviews" and header end-user exact "jason"`. */
export function describeRouteMatch(route: Route): string {
  const parts = [describePathMatch(route.match.path, route.match.caseSensitive)];
  for (const h of route.match.headers) parts.push(`header ${h.name} ${describeHeaderMatcher(h)}`);
  for (const q of route.match.queryParameters) parts.push(`query ${q.name}`);
  if (route.match.runtimeFraction) parts.push(`runtime_fraction ${(route.match.runtimeFraction.numerator * 100) / route.match.runtimeFraction.denominator}%`);
  if (route.match.grpc) parts.push('gRPC');
  return parts.join(' and ');
}

/**
 * Virtual host, route and action stages: runs Envoy's router on the route config and records the
 * evidence, then the cluster and endpoint stages for a decided destination.
 */
export function routeStages(config: ProxyConfig, rc: RouteConfig, request: HttpRequest, options: RouteOptions, trace: Trace): RouteDecision {
  const r = trace.result;
  const decision = routeRequest(rc, request, options);
  const vhs = decision.virtualHost;
  r.caveats.push(...decision.assumptions.map((message) => ({ severity: 'warning' as const, code: 'assumption' as const, message })));
  r.caveats.push(
    ...decision.notes
      .filter((message) => message !== decision.rejected?.reason)
      .map((message) => ({ severity: 'info' as const, code: 'note' as const, message })),
  );
  if (decision.rejected) r.caveats.push({ severity: 'warning', code: 'note', message: decision.rejected.reason });
  if (!vhs.found) {
    r.outcome = 'no_virtual_host';
    r.status = 404;
    r.responseFlag = 'NR';
    trace.step('virtual_host', 'none', `${vhs.reason}: Envoy answers 404 NR`);
    trace.decide('virtual_host');
    return decision;
  }
  const vh = vhs.virtualHost;
  r.virtualHost = vh.name;
  const port = rc.ignorePortInHostMatching ? '; the port is ignored (ignore_port_in_host_matching)' : '';
  const by = rc.vhostHeader ? `${rc.vhostHeader} (vhost_header) "${vhs.host}"` : `Host "${request.authority}"`;
  trace.step('virtual_host', vh.name, `${by} matches ${HOW[vhs.how]} "${vhs.domain}"${port}`);
  r.notTaken = decision.notTaken.map((n) => ({ index: n.index, name: n.name ?? null, reason: n.reason }));
  if (decision.redirect?.reason === 'require_tls') {
    r.outcome = 'redirect';
    r.status = decision.redirect.code;
    r.redirect = { location: decision.redirect.location, status: decision.redirect.code };
    trace.step('action', `${decision.redirect.code} → ${decision.redirect.location}`, `virtual host requires TLS (${vh.requireTls})`);
    trace.decide('action');
    return decision;
  }
  const route = decision.route;
  if (!route) {
    r.outcome = 'no_route';
    r.status = 404;
    r.responseFlag = 'NR';
    trace.step('route', 'none', `none of the ${vh.routes.length} routes matches: Envoy answers 404 NR`);
    trace.decide('route');
    return decision;
  }
  r.route = { index: route.index, name: route.name ?? null };
  r.virtualService = route.istio?.display ?? null;
  r.origin = gatewayApiOrigin(route.name, route.istio) ?? null;
  const vs = r.virtualService ? `; from VirtualService ${r.virtualService}${route.name ? ` (http rule "${route.name}")` : ''}` : '';
  const from = r.origin ? `, generated from ${describeGatewayApiOrigin(r.origin)}` : '';
  const skipped = decision.notTaken.length ? `first match after ${decision.notTaken.length} not taken` : 'first match';
  trace.step('route', routeLabel(route), `${skipped}: ${describeRouteMatch(route)}${vs}${from}`);
  trace.decide('route');
  orderStep(vh.routes, route, trace);
  actionStage(config, decision, trace);
  return decision;
}

/**
 * For a route from a Gateway API route: why it sits where it does against its neighbour (the
 * route checked just before it, or for the first route the one after), in Istio's Gateway API order.
 */
function orderStep(routes: readonly Route[], route: Route, trace: Trace): void {
  if (routes[route.index] !== route) return;
  const [earlier, later] = route.index > 0 ? [routes[route.index - 1], route] : [route, routes[1]];
  if (!earlier || !later) return;
  const order = gatewayApiOrder(earlier, later);
  if (!order) return;
  trace.step('route', `#${earlier.index} before #${later.index}`, `${order.reason} (Istio's Gateway API route order: sortHTTPRoutes)`);
}

function actionStage(config: ProxyConfig, decision: RouteDecision, trace: Trace): void {
  const r = trace.result;
  if (decision.outcome === 'redirect' && decision.redirect) {
    r.outcome = 'redirect';
    r.status = decision.redirect.code;
    r.redirect = { location: decision.redirect.location, status: decision.redirect.code };
    trace.step('action', `${decision.redirect.code} → ${decision.redirect.location}`, 'redirect route: Envoy answers with the Location');
    return;
  }
  if (decision.outcome === 'direct_response' && decision.directResponse) {
    r.outcome = 'direct_response';
    r.status = decision.directResponse.status;
    r.directResponse = { status: decision.directResponse.status, body: decision.directResponse.body ?? null };
    trace.step('action', `direct response ${decision.directResponse.status}`, 'Envoy answers itself; no upstream');
    return;
  }
  r.outcome = 'route';
  r.destinations = describeDestinations(config, decision.destinations);
  const action = decision.route?.action;
  const notFound = action?.kind === 'route' ? action.clusterNotFoundResponseCode : 503;
  if (decision.pick) {
    const p = decision.pick;
    const chosen = r.destinations[p.index]!;
    r.pick = `random ${p.randomValue}${p.source === 'header' ? ' (from the header)' : ''}: ${p.randomValue} mod ${p.total} = ${p.value}, in [${p.begin}, ${p.end}) → ${chosen.subset ?? chosen.cluster}`;
  }
  if (decision.cluster !== undefined) {
    const how = r.destinations.length > 1 ? (r.pick ?? 'weighted pick') : 'single destination';
    trace.step('action', decision.cluster || '(empty)', how);
    if (decision.cluster === '') {
      r.outcome = 'unknown_cluster';
      r.status = notFound;
      r.responseFlag = 'NC';
      trace.decide('action');
      return;
    }
    upstreamStages(config, decision.cluster, trace, notFound);
    return;
  }
  if (r.destinations.length > 1) {
    const split = r.destinations.map((d) => `${d.subset ?? d.cluster} ${percent(d.probability)}`).join(', ');
    trace.step('action', 'weighted split', `${split}; pass --random N to see Envoy's pick for a given random value`);
    const missing = r.destinations.filter((d) => !d.known);
    if (missing.length) trace.step('cluster', missing.map((d) => d.cluster).join(', '), `not in CDS: that share of requests gets ${notFound} NC`);
    splitShares(config, r.destinations);
    return;
  }
  trace.step('action', 'no destination', 'the route does not forward to a cluster');
}
