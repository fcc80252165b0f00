import { mapObjects } from '../collect.ts';
import { checkEnum, enumOr, TLS_REQUIREMENT } from '../enums.ts';
import { listField, reportBad, stringListField } from '../field-checks.ts';
import type { IssueSink } from '../issues.ts';
import { asArray, asObject, asString, type JsonObject } from '../json.ts';
import { ROUTE_FIELDS } from '../route-known-fields.ts';
import type { VirtualCluster, VirtualHost } from '../route-types.ts';
import { headerNames, headerValueOptions, typedPerFilterConfig } from './common.ts';
import type { RouteContext } from './context.ts';
import { parseHeaderMatcher } from './header-matcher.ts';
import { parseRetryPolicy } from './policies.ts';
import { parseRoute } from './route.ts';
import { parseVirtualHostMatcher } from './vhost-matcher.ts';

function parseVirtualCluster(obj: JsonObject, sink: IssueSink, where: string): VirtualCluster {
  sink.routeFields('virtual_cluster', where, obj, ROUTE_FIELDS.VirtualCluster);
  return { name: asString(obj.name) ?? '', headers: mapObjects(obj.headers, (h) => parseHeaderMatcher(h, sink, where)) };
}

/**
 * An envoy.config.route.v3.VirtualHost: the domains it answers for, its routes in order
 * (first match wins), and `require_tls` (NONE, EXTERNAL_ONLY, ALL).
 */
export function parseVirtualHost(obj: JsonObject, context: RouteContext, where: string): VirtualHost {
  const sink = context.sink;
  const name = asString(obj.name) ?? '';
  const at = `${where}.virtual_hosts[${name}]`;
  sink.routeFields('virtual_host', at, obj, ROUTE_FIELDS.VirtualHost);
  // Enum names in any case (`require_tls: all`, as Envoy's own RouteMatcherTest.DirectResponse writes).
  checkEnum(TLS_REQUIREMENT, obj.require_tls, 'NONE', sink, at, 'require_tls');
  const requireTls = enumOr(TLS_REQUIREMENT, obj.require_tls, 'NONE');
  // Domains decide which virtual host takes a request, so a bad list concerns every request of the
  // route config: reported at the route config (`where`), where explain's path caveats find it for any host.
  const domainsField = `virtual_hosts[${name}].domains`;
  const domains = stringListField(obj.domains, sink, where, domainsField);
  if (domains.length === 0 && Array.isArray(obj.domains))
    reportBad(sink, where, domainsField, obj.domains, 'a list of at least one domain (VirtualHost.domains repeated min_items 1)', 'matching no host');
  const matcher = asObject(obj.matcher);
  if (matcher && asArray(obj.routes).length > 0)
    sink.report({
      severity: 'warning',
      code: 'bad-value',
      message: 'virtual host sets both matcher and routes: Envoy rejects it ("cannot set both matcher and routes on virtual host"); here the matcher is used',
      where: at,
    });
  return {
    name,
    // route_components.proto VirtualHost: `repeated string domains = 2 [(validate.rules).repeated = {min_items: 1 …}]`.
    domains,
    routes: mapObjects(listField(obj.routes, sink, at, 'routes'), (route, index) => parseRoute(route, index, context, `${at}.routes[${index}]`)),
    ...(matcher ? { matcher: parseVirtualHostMatcher(matcher, context, at) } : {}),
    requireTls,
    virtualClusters: mapObjects(obj.virtual_clusters, (vc) => parseVirtualCluster(vc, sink, `${at}.virtual_clusters`)),
    retryPolicy: parseRetryPolicy(obj.retry_policy, context, `${at}.retry_policy`),
    typedPerFilterConfig: typedPerFilterConfig(obj.typed_per_filter_config),
    requestHeadersToAdd: headerValueOptions(obj.request_headers_to_add, sink, at),
    requestHeadersToRemove: headerNames(obj.request_headers_to_remove),
    responseHeadersToAdd: headerValueOptions(obj.response_headers_to_add, sink, at),
    responseHeadersToRemove: headerNames(obj.response_headers_to_remove),
    raw: obj,
  };
}
