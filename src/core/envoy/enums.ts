import type { IssueSink } from './issues.ts';

/**
 * The Envoy enums meshscope reads, with their protobuf numbers: protojson writes an enum by name,
 * or by number for a value its schema does not know. Names compare case-insensitively, as
 * Envoy's own JSON/YAML loader reads them.
 */
type EnumTable<T extends string> = readonly (readonly [T, number])[];

/** envoy.config.core.v3.HealthStatus. */
export const HEALTH_STATUS = [
  ['UNKNOWN', 0],
  ['HEALTHY', 1],
  ['UNHEALTHY', 2],
  ['DRAINING', 3],
  ['TIMEOUT', 4],
  ['DEGRADED', 5],
] as const satisfies EnumTable<string>;
export type HealthStatus = (typeof HEALTH_STATUS)[number][0];

/** envoy.config.cluster.v3.Cluster.DiscoveryType. */
export const DISCOVERY_TYPE = [
  ['STATIC', 0],
  ['STRICT_DNS', 1],
  ['LOGICAL_DNS', 2],
  ['EDS', 3],
  ['ORIGINAL_DST', 4],
] as const satisfies EnumTable<string>;
export type DiscoveryType = (typeof DISCOVERY_TYPE)[number][0];

/** envoy.config.cluster.v3.Cluster.LbPolicy (4, ORIGINAL_DST_LB, is gone). */
export const LB_POLICY = [
  ['ROUND_ROBIN', 0],
  ['LEAST_REQUEST', 1],
  ['RING_HASH', 2],
  ['RANDOM', 3],
  ['MAGLEV', 5],
  ['CLUSTER_PROVIDED', 6],
  ['LOAD_BALANCING_POLICY_CONFIG', 7],
] as const satisfies EnumTable<string>;
export type LbPolicy = (typeof LB_POLICY)[number][0];

/** envoy.config.core.v3.TrafficDirection. */
export const TRAFFIC_DIRECTION = [
  ['UNSPECIFIED', 0],
  ['INBOUND', 1],
  ['OUTBOUND', 2],
] as const satisfies EnumTable<string>;
export type TrafficDirection = (typeof TRAFFIC_DIRECTION)[number][0];

/** envoy.config.listener.v3.FilterChainMatch.ConnectionSourceType. */
export const CONNECTION_SOURCE_TYPE = [
  ['ANY', 0],
  ['SAME_IP_OR_LOOPBACK', 1],
  ['EXTERNAL', 2],
] as const satisfies EnumTable<string>;
export type ConnectionSourceType = (typeof CONNECTION_SOURCE_TYPE)[number][0];

/** envoy.config.route.v3.VirtualHost.TlsRequirementType (`require_tls`). */
export const TLS_REQUIREMENT = [
  ['NONE', 0],
  ['EXTERNAL_ONLY', 1],
  ['ALL', 2],
] as const satisfies EnumTable<string>;

/** envoy.config.route.v3.RedirectAction.RedirectResponseCode, with the status each one sends. */
export const REDIRECT_RESPONSE_CODE = [
  ['MOVED_PERMANENTLY', 0],
  ['FOUND', 1],
  ['SEE_OTHER', 2],
  ['TEMPORARY_REDIRECT', 3],
  ['PERMANENT_REDIRECT', 4],
] as const satisfies EnumTable<string>;
export const REDIRECT_STATUS: Record<(typeof REDIRECT_RESPONSE_CODE)[number][0], number> = {
  MOVED_PERMANENTLY: 301,
  FOUND: 302,
  SEE_OTHER: 303,
  TEMPORARY_REDIRECT: 307,
  PERMANENT_REDIRECT: 308,
};

/** envoy.config.route.v3.RouteAction.ClusterNotFoundResponseCode, with its status. */
export const CLUSTER_NOT_FOUND_RESPONSE_CODE = [
  ['SERVICE_UNAVAILABLE', 0],
  ['NOT_FOUND', 1],
  ['INTERNAL_SERVER_ERROR', 2],
] as const satisfies EnumTable<string>;
export const CLUSTER_NOT_FOUND_STATUS: Record<(typeof CLUSTER_NOT_FOUND_RESPONSE_CODE)[number][0], number> = {
  SERVICE_UNAVAILABLE: 503,
  NOT_FOUND: 404,
  INTERNAL_SERVER_ERROR: 500,
};

/** envoy.type.v3.FractionalPercent.DenominatorType, with the denominator each one means. */
export const DENOMINATOR_TYPE = [
  ['HUNDRED', 0],
  ['TEN_THOUSAND', 1],
  ['MILLION', 2],
] as const satisfies EnumTable<string>;
export const DENOMINATOR: Record<(typeof DENOMINATOR_TYPE)[number][0], number> = { HUNDRED: 100, TEN_THOUSAND: 10_000, MILLION: 1_000_000 };

/** envoy.config.core.v3.HeaderValueOption.HeaderAppendAction. */
export const HEADER_APPEND_ACTION = [
  ['APPEND_IF_EXISTS_OR_ADD', 0],
  ['ADD_IF_ABSENT', 1],
  ['OVERWRITE_IF_EXISTS_OR_ADD', 2],
  ['OVERWRITE_IF_EXISTS', 3],
] as const satisfies EnumTable<string>;

/** The enum value `value` names (by name, any case, or by number), or undefined. */
export function enumValue<T extends string>(table: EnumTable<T>, value: unknown): T | undefined {
  if (typeof value === 'number') return table.find(([, n]) => n === value)?.[0];
  if (typeof value !== 'string') return undefined;
  if (/^[0-9]+$/.test(value)) return enumValue(table, Number(value));
  // MessageUtil::loadFromJsonNoThrow (source/common/protobuf/yaml_utility.cc) parses with
  // protobuf's case_insensitive_enum_parsing: the name is compared upper-cased (ASCII only).
  const upper = value.replace(/[a-z]+/g, (m) => m.toUpperCase());
  return table.find(([name]) => name === upper)?.[0];
}

/** `enumValue`, or `fallback` when the field is absent (protobuf's default) or names no value (see `checkEnum`). */
export function enumOr<T extends string>(table: EnumTable<T>, value: unknown, fallback: T): T {
  return enumValue(table, value) ?? fallback;
}

/** Reports a present value that names none of the enum's values (it is read as `fallback`). */
export function checkEnum<T extends string>(table: EnumTable<T>, value: unknown, fallback: T, sink: IssueSink, where: string, field: string): void {
  if (value === undefined || value === null || enumValue(table, value) !== undefined) return;
  sink.report({
    severity: 'warning',
    code: 'bad-value',
    message: `${where}: ${field} ${JSON.stringify(value)} is not one of ${table.map(([name]) => name).join(', ')}; read as ${fallback}`,
    where,
  });
}
