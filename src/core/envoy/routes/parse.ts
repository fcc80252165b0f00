import { mapObjects } from '../collect.ts';
import { listField } from '../field-checks.ts';
import type { IssueSink } from '../issues.ts';
import { asString, type JsonObject } from '../json.ts';
import { lazy } from '../lazy.ts';
import { ROUTE_FIELDS } from '../route-known-fields.ts';
import type { RouteConfig, VirtualHost } from '../route-types.ts';
import { boolValue, headerNames, headerValueOptions } from './common.ts';
import { RouteContext } from './context.ts';
import { parseVirtualHost } from './virtual-host.ts';

/**
 * Parses an envoy.config.route.v3.RouteConfiguration in snake_case protojson (from RDS, a config
 * dump's route_configs, an HCM's inline `route_config`, or a router_check YAML file).
 * Never throws on content: unknown fields, unsupported specifiers and bad values become issues
 * in `sink`; `where` prefixes their locations (e.g. `routes[outbound|9080||reviews]`).
 *
 * `virtualHosts` is read on first access (a 10k-service sidecar holds tens of thousands of
 * routes; opening a dump should not wait for them): its issues go to a deferred part of `sink`,
 * which `sink.finish()` reads first, so the issue list is the same either way.
 */
export function parseRouteConfig(raw: JsonObject, sink: IssueSink, where: string): RouteConfig {
  sink.routeFields('route_configuration', where, raw, ROUTE_FIELDS.RouteConfiguration);
  const virtualHosts = lazy(() => parseVirtualHosts(raw.virtual_hosts, hostSink, where));
  const hostSink = sink.defer(() => virtualHosts.value);
  return {
    name: asString(raw.name) ?? '',
    virtualHosts,
    ignorePortInHostMatching: boolValue(raw.ignore_port_in_host_matching, false),
    requestHeadersToAdd: headerValueOptions(raw.request_headers_to_add, sink, where),
    requestHeadersToRemove: headerNames(raw.request_headers_to_remove),
    responseHeadersToAdd: headerValueOptions(raw.response_headers_to_add, sink, where),
    responseHeadersToRemove: headerNames(raw.response_headers_to_remove),
    internalOnlyHeaders: headerNames(raw.internal_only_headers),
    ignorePathParametersInPathMatching: boolValue(raw.ignore_path_parameters_in_path_matching, false),
    mostSpecificHeaderMutationsWins: boolValue(raw.most_specific_header_mutations_wins, false),
    vhostHeader: vhostHeader(raw, sink, where),
    raw,
  };
}

function parseVirtualHosts(value: unknown, sink: IssueSink, where: string): VirtualHost[] {
  const context = new RouteContext(sink);
  return mapObjects(listField(value, sink, where, 'virtual_hosts'), (vh) => parseVirtualHost(vh, context, where));
}

/**
 * `vhost_header` (RouteConfiguration field 18, route.proto). Envoy's main branch first named the
 * field `alternate_header_for_host_matching` (api/envoy/config/route/v3/route.proto at envoy
 * 0036e0f1) and renamed it before release (1.37): the old spelling is read as the same field,
 * with a warning.
 */
function vhostHeader(raw: JsonObject, sink: IssueSink, where: string): string | undefined {
  const header = asString(raw.vhost_header) || undefined;
  const old = asString(raw.alternate_header_for_host_matching) || undefined;
  if (old !== undefined)
    sink.report({
      severity: 'warning',
      code: 'note',
      message: `alternate_header_for_host_matching is the pre-release name of vhost_header (field 18); read as vhost_header "${old}"`,
      where,
    });
  return (header ?? old)?.toLowerCase();
}
