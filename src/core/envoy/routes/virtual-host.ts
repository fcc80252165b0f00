import { asArray, asObject, asString, isObject, type JsonObject } from '../json.ts';
import type { IssueSink } from '../issues.ts';
import type { VirtualCluster, VirtualHost } from '../route-types.ts';
import { headerNames, headerValueOptions, stringList, typedPerFilterConfig } from './common.ts';
import { parseHeaderMatcher } from './header-matcher.ts';
import { parseRetryPolicy } from './policies.ts';
import { parseRoute } from './route.ts';

const VIRTUAL_HOST = new Set([
  'name',
  'domains',
  'routes',
  'require_tls',
  'virtual_clusters',
  'retry_policy',
  'typed_per_filter_config',
  'request_headers_to_add',
  'request_headers_to_remove',
  'response_headers_to_add',
  'response_headers_to_remove',
]);
const REQUIRE_TLS: Record<string, VirtualHost['requireTls']> = { NONE: 'NONE', EXTERNAL_ONLY: 'EXTERNAL_ONLY', ALL: 'ALL', '0': 'NONE', '1': 'EXTERNAL_ONLY', '2': 'ALL' };

function parseVirtualCluster(obj: JsonObject, sink: IssueSink, where: string): VirtualCluster {
  sink.unknownFields('virtual_cluster', where, obj, new Set(['name', 'headers']));
  return { name: asString(obj.name) ?? '', headers: asArray(obj.headers).filter(isObject).map((h) => parseHeaderMatcher(h, sink, where)) };
}

/**
 * An envoy.config.route.v3.VirtualHost: the domains it answers for, its routes in order
 * (first match wins), and `require_tls` (NONE, EXTERNAL_ONLY, ALL).
 */
export function parseVirtualHost(obj: JsonObject, sink: IssueSink, where: string): VirtualHost {
  const name = asString(obj.name) ?? '';
  const at = `${where}.virtual_hosts[${name}]`;
  sink.unknownFields('virtual_host', at, obj, VIRTUAL_HOST);
  const requireTls = obj.require_tls === undefined ? 'NONE' : REQUIRE_TLS[String(obj.require_tls)];
  if (!requireTls) sink.report({ severity: 'warning', code: 'bad-value', message: `require_tls ${JSON.stringify(obj.require_tls)} is not NONE, EXTERNAL_ONLY or ALL; treated as NONE`, where: at });
  return {
    name,
    domains: stringList(obj.domains),
    routes: asArray(obj.routes)
      .filter(isObject)
      .map((route, index) => parseRoute(route, index, sink, `${at}.routes[${index}]`)),
    requireTls: requireTls ?? 'NONE',
    virtualClusters: asArray(obj.virtual_clusters).filter(isObject).map((vc) => parseVirtualCluster(vc, sink, `${at}.virtual_clusters`)),
    retryPolicy: parseRetryPolicy(asObject(obj.retry_policy), sink, `${at}.retry_policy`),
    typedPerFilterConfig: typedPerFilterConfig(obj.typed_per_filter_config),
    requestHeadersToAdd: headerValueOptions(obj.request_headers_to_add, sink, at),
    requestHeadersToRemove: headerNames(obj.request_headers_to_remove),
    responseHeadersToAdd: headerValueOptions(obj.response_headers_to_add, sink, at),
    responseHeadersToRemove: headerNames(obj.response_headers_to_remove),
    raw: obj,
  };
}
