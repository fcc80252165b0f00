import { asObject, asString, type JsonObject } from '../json.ts';
import type { IssueSink } from '../issues.ts';
import { istioRef } from '../istio-metadata.ts';
import type { Route, RouteAction } from '../route-types.ts';
import { filterMetadata, headerNames, headerValueOptions, typedPerFilterConfig } from './common.ts';
import { parseDirectResponse, parseRedirectAction } from './redirect-action.ts';
import { parseForwardAction } from './route-action.ts';
import { parseRouteMatch } from './route-match.ts';

const ROUTE = new Set([
  'name',
  'match',
  'route',
  'redirect',
  'direct_response',
  'non_forwarding_action',
  'filter_action',
  'metadata',
  'decorator',
  'typed_per_filter_config',
  'request_headers_to_add',
  'request_headers_to_remove',
  'response_headers_to_add',
  'response_headers_to_remove',
]);

function parseAction(obj: JsonObject, sink: IssueSink, where: string): RouteAction {
  const route = asObject(obj.route);
  if (route) return parseForwardAction(route, sink, `${where}.route`);
  const redirect = asObject(obj.redirect);
  if (redirect) return parseRedirectAction(redirect, sink, `${where}.redirect`);
  const direct = asObject(obj.direct_response);
  if (direct) return parseDirectResponse(direct, sink, `${where}.direct_response`);
  if (obj.non_forwarding_action !== undefined) return { kind: 'non_forwarding' };
  const field = obj.filter_action !== undefined ? 'filter_action' : '(none)';
  sink.report({ severity: 'warning', code: 'unsupported', message: `route action ${field} is not understood by meshscope`, where });
  return { kind: 'unsupported', field };
}

/**
 * An envoy.config.route.v3.Route: a match, one action (route / redirect / direct_response),
 * and the metadata Istio uses to point back at the VirtualService that produced it.
 */
export function parseRoute(obj: JsonObject, index: number, sink: IssueSink, where: string): Route {
  sink.unknownFields('route', where, obj, ROUTE);
  const match = asObject(obj.match);
  if (!match) sink.report({ severity: 'warning', code: 'bad-value', message: 'route has no match; Envoy rejects such a route', where });
  return {
    index,
    name: asString(obj.name) || undefined,
    match: parseRouteMatch(match ?? {}, sink, `${where}.match`),
    action: parseAction(obj, sink, where),
    filterMetadata: filterMetadata(obj.metadata),
    istio: istioRef(obj.metadata),
    typedPerFilterConfig: typedPerFilterConfig(obj.typed_per_filter_config),
    decorator: asString(asObject(obj.decorator)?.operation),
    requestHeadersToAdd: headerValueOptions(obj.request_headers_to_add, sink, where),
    requestHeadersToRemove: headerNames(obj.request_headers_to_remove),
    responseHeadersToAdd: headerValueOptions(obj.response_headers_to_add, sink, where),
    responseHeadersToRemove: headerNames(obj.response_headers_to_remove),
    raw: obj,
  };
}
