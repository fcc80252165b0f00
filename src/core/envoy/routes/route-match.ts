import { emptyList, mapObjects } from '../collect.ts';
import { listField } from '../field-checks.ts';
import type { IssueSink } from '../issues.ts';
import { asArray, asObject, asString, type JsonObject } from '../json.ts';
import { ROUTE_FIELDS } from '../route-known-fields.ts';
import type { MetadataMatcher, QueryParameterMatcher, RouteMatch } from '../route-types.ts';
import { boolValue } from './common.ts';
import { parseHeaderMatcher } from './header-matcher.ts';
import { parsePathSpecifier } from './path-specifier.ts';
import { checkFractionalPercent, parseRuntimeFraction } from './runtime-fraction.ts';
import { parseStringMatcher } from './string-matcher.ts';

const METADATA_MATCHER = new Set(['filter', 'path', 'value', 'invert']);

function parseQueryParameter(obj: JsonObject, sink: IssueSink, where: string): QueryParameterMatcher {
  sink.routeFields('query_parameter_matcher', where, obj, ROUTE_FIELDS.QueryParameterMatcher);
  const string = asObject(obj.string_match);
  return {
    name: asString(obj.name) ?? '',
    stringMatch: string ? parseStringMatcher(string, sink, where) : undefined,
    presentMatch: obj.present_match === undefined ? undefined : boolValue(obj.present_match, true),
  };
}

function parseMetadataMatcher(obj: JsonObject, sink: IssueSink, where: string): MetadataMatcher {
  sink.unknownFields('metadata_matcher', where, obj, METADATA_MATCHER);
  return {
    filter: asString(obj.filter) ?? '',
    path: asArray(obj.path).map((segment) => asString(asObject(segment)?.key) ?? ''),
    value: asObject(obj.value) ?? {},
    invert: boolValue(obj.invert, false),
  };
}

/**
 * `cookies` (CookieMatcher: name, string_match, invert_match) is not evaluated: reported, and the
 * route is taken as never matching.
 */
function cookieNames(value: unknown, sink: IssueSink, where: string): string[] {
  const names = mapObjects(value, (m) => asString(m.name) ?? '');
  if (names.length)
    sink.report({
      severity: 'warning',
      code: 'not-interpreted',
      message: `route match cookies (${names.join(', ')}) is not evaluated by meshscope; the route is taken as never matching`,
      where,
    });
  return names;
}

/** An envoy.config.route.v3.RouteMatch. `case_sensitive` defaults to true. */
export function parseRouteMatch(obj: JsonObject, sink: IssueSink, where: string): RouteMatch {
  sink.routeFields('route_match', where, obj, ROUTE_FIELDS.RouteMatch);
  const tls = asObject(obj.tls_context);
  if (tls) sink.routeFields('tls_context_match_options', where, tls, ROUTE_FIELDS.TlsContextMatchOptions);
  checkFractionalPercent(asObject(obj.runtime_fraction)?.default_value, sink, where, 'runtime_fraction.default_value');
  return {
    path: parsePathSpecifier(obj, sink, where),
    caseSensitive: boolValue(obj.case_sensitive, true),
    headers:
      obj.headers === undefined
        ? emptyList()
        : mapObjects(listField(obj.headers, sink, where, 'headers'), (h) => parseHeaderMatcher(h, sink, `${where}.headers`)),
    queryParameters:
      obj.query_parameters === undefined
        ? emptyList()
        : mapObjects(listField(obj.query_parameters, sink, where, 'query_parameters'), (q) => parseQueryParameter(q, sink, `${where}.query_parameters`)),
    runtimeFraction: parseRuntimeFraction(obj.runtime_fraction),
    grpc: obj.grpc !== undefined && obj.grpc !== null,
    tlsContext: tls
      ? {
          presented: tls.presented === undefined ? undefined : boolValue(tls.presented, false),
          validated: tls.validated === undefined ? undefined : boolValue(tls.validated, false),
        }
      : undefined,
    dynamicMetadata:
      obj.dynamic_metadata === undefined ? emptyList() : mapObjects(obj.dynamic_metadata, (m) => parseMetadataMatcher(m, sink, `${where}.dynamic_metadata`)),
    filterState: obj.filter_state === undefined ? emptyList() : mapObjects(obj.filter_state, (m) => asString(m.key) ?? ''),
    cookies: obj.cookies === undefined ? emptyList() : cookieNames(obj.cookies, sink, where),
  };
}
