import { typeUrlOf } from './address.ts';
import { uint32Field } from './field-checks.ts';
import { isHttpConnectionManager, isTcpProxy } from './filter-names.ts';
import type { IssueSink } from './issues.ts';
import { asArray, asBool, asObject, asString, isObject, type JsonObject } from './json.ts';
import { parseRouteConfig } from './routes/parse.ts';
import type { HttpFilter, NetworkFilter } from './types.ts';

/**
 * The network filters of a filter chain that decide where traffic goes: the HTTP connection
 * manager (routes by RDS name or an inline route_config) and tcp_proxy (a cluster or weighted
 * clusters). Other filters are kept by name and type.
 */

/** The Any's content: itself, or a TypedStruct's `value`. */
function configOf(typed: JsonObject | undefined): JsonObject | undefined {
  if (!typed) return undefined;
  const type = asString(typed['@type']) ?? '';
  return type.endsWith('.TypedStruct') ? asObject(typed.value) : typed;
}

function parseHttpFilters(value: unknown): HttpFilter[] {
  const out: HttpFilter[] = [];
  for (const item of asArray(value)) {
    const filter = asObject(item);
    if (!filter) continue;
    const entry: HttpFilter = {
      name: asString(filter.name) ?? '',
      discovered: isObject(filter.config_discovery),
      disabled: asBool(filter.disabled) === true,
      raw: filter,
    };
    const typeUrl = typeUrlOf(asObject(filter.typed_config));
    if (typeUrl) entry.typeUrl = typeUrl;
    out.push(entry);
  }
  return out;
}

function parseHcm(name: string, raw: JsonObject, config: JsonObject, sink: IssueSink, where: string): NetworkFilter {
  const filter: NetworkFilter & { kind: 'http_connection_manager' } = {
    kind: 'http_connection_manager',
    name,
    httpFilters: parseHttpFilters(config.http_filters),
    raw,
  };
  const rdsName = asString(asObject(config.rds)?.route_config_name);
  if (rdsName !== undefined) filter.rdsRouteConfigName = rdsName;
  const inline = asObject(config.route_config);
  if (inline) filter.routeConfig = parseRouteConfig(inline, sink, `${where}.route_config`);
  const scoped = asObject(config.scoped_routes);
  if (scoped) {
    filter.scopedRoutesName = asString(scoped.name) ?? '';
    sink.report({
      severity: 'warning',
      code: 'unsupported',
      kind: 'scoped-routes',
      message: `${where}: scoped routes (scoped_routes "${filter.scopedRoutesName}") are not evaluated by meshscope`,
      where,
    });
  }
  const statPrefix = asString(config.stat_prefix);
  if (statPrefix !== undefined) filter.statPrefix = statPrefix;
  return filter;
}

/** tcp_proxy.proto TcpProxy.WeightedCluster.ClusterWeight: `uint32 weight = 2 [(validate.rules).uint32 = {gte: 1}]`; a bad one is read as 0. */
const TCP_WEIGHT = { min: 1, rule: 'TcpProxy.WeightedCluster.ClusterWeight.weight uint32 gte 1', fallback: 0 };

function parseTcpProxy(name: string, raw: JsonObject, config: JsonObject, sink: IssueSink, where: string): NetworkFilter {
  const weighted: { name: string; weight: number }[] = [];
  for (const item of asArray(asObject(config.weighted_clusters)?.clusters)) {
    const entry = asObject(item);
    if (entry)
      weighted.push({
        name: asString(entry.name) ?? '',
        weight: uint32Field(entry.weight, sink, where, 'tcp_proxy weighted_clusters weight', TCP_WEIGHT) ?? 0,
      });
  }
  const filter: NetworkFilter & { kind: 'tcp_proxy' } = { kind: 'tcp_proxy', name, weightedClusters: weighted, raw };
  const cluster = asString(config.cluster);
  if (cluster !== undefined) filter.cluster = cluster;
  const statPrefix = asString(config.stat_prefix);
  if (statPrefix !== undefined) filter.statPrefix = statPrefix;
  return filter;
}

/**
 * A filter named as the HTTP connection manager or tcp_proxy whose typed_config is of another
 * @type: Envoy finds a filter's factory by the type URL of its typed_config, the name only when
 * there is none (`Config::Utility::getAndCheckFactory`, source/common/config/utility.h), so such a
 * listener is refused. meshscope still reads it by its name: the answer may differ, said here.
 */
function checkFilterType(name: string, typeUrl: string | undefined, sink: IssueSink, where: string): void {
  if (typeUrl === undefined || !(isHttpConnectionManager(name, undefined) || isTcpProxy(name, undefined))) return;
  if (isHttpConnectionManager('', typeUrl) || isTcpProxy('', typeUrl)) return;
  sink.report({
    severity: 'warning',
    code: 'unknown-type',
    message: `${where}: filter ${name} has a typed_config of @type ${typeUrl.slice(0, 120)}; Envoy picks the filter by that type and refuses an unknown one, meshscope reads it by its name`,
    where,
  });
}

/** One envoy.config.listener.v3.Filter. */
export function parseNetworkFilter(raw: JsonObject, sink: IssueSink, where: string): NetworkFilter {
  const name = asString(raw.name) ?? '';
  const typed = asObject(raw.typed_config);
  const typeUrl = typeUrlOf(typed);
  const config = configOf(typed);
  checkFilterType(name, typeUrl, sink, where);
  if (config && isHttpConnectionManager(name, typeUrl)) return parseHcm(name, raw, config, sink, where);
  if (config && isTcpProxy(name, typeUrl)) return parseTcpProxy(name, raw, config, sink, where);
  const other: NetworkFilter = { kind: 'other', name, raw };
  if (typeUrl) other.typeUrl = typeUrl;
  return other;
}
