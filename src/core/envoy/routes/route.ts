import { asObject, asString, type JsonObject } from '../json.ts';
import { ROUTE_FIELDS } from '../route-known-fields.ts';
import type { Route, RouteAction } from '../route-types.ts';
import { filterMetadata, headerNames, headerValueOptions, typedPerFilterConfig } from './common.ts';
import type { RouteContext } from './context.ts';
import { parseDirectResponse, parseRedirectAction } from './redirect-action.ts';
import { parseForwardAction } from './route-action.ts';
import { parseRouteMatch } from './route-match.ts';

const NO_MATCH: JsonObject = Object.freeze({}) as JsonObject;

function parseAction(obj: JsonObject, context: RouteContext, where: string): RouteAction {
  const sink = context.sink;
  const route = asObject(obj.route);
  if (route) return parseForwardAction(route, context, `${where}.route`);
  const redirect = asObject(obj.redirect);
  if (redirect) return parseRedirectAction(redirect, sink, `${where}.redirect`);
  const direct = asObject(obj.direct_response);
  if (direct) return parseDirectResponse(direct, sink, `${where}.direct_response`);
  if (obj.non_forwarding_action !== undefined) return { kind: 'non_forwarding' };
  const field = obj.filter_action !== undefined ? 'filter_action' : '(none)';
  sink.report({ severity: 'warning', code: 'unsupported', kind: 'route-action', message: `route action ${field} is not understood by meshscope`, where });
  return { kind: 'unsupported', field };
}

/**
 * An envoy.config.route.v3.Route: a match, one action (route / redirect / direct_response),
 * and the metadata Istio uses to point back at the VirtualService that produced it.
 */
export function parseRoute(obj: JsonObject, index: number, context: RouteContext, where: string): Route {
  const sink = context.sink;
  sink.routeFields('route', where, obj, ROUTE_FIELDS.Route);
  const match = asObject(obj.match);
  if (!match) sink.report({ severity: 'warning', code: 'bad-value', message: 'route has no match; Envoy rejects such a route', where });
  return {
    index,
    name: asString(obj.name) || undefined,
    match: parseRouteMatch(match ?? NO_MATCH, sink, `${where}.match`),
    action: parseAction(obj, context, where),
    filterMetadata: filterMetadata(obj.metadata),
    istio: context.istioRef(obj.metadata),
    typedPerFilterConfig: typedPerFilterConfig(obj.typed_per_filter_config),
    decorator: asString(asObject(obj.decorator)?.operation),
    requestHeadersToAdd: headerValueOptions(obj.request_headers_to_add, sink, where),
    requestHeadersToRemove: headerNames(obj.request_headers_to_remove),
    responseHeadersToAdd: headerValueOptions(obj.response_headers_to_add, sink, where),
    responseHeadersToRemove: headerNames(obj.response_headers_to_remove),
    raw: obj,
  };
}
