import { mapObjects } from './collect.ts';
import { checkEnum, enumOr, LB_POLICY, type LbPolicy } from './enums.ts';
import { listField, uint32Field, uint32Value } from './field-checks.ts';
import type { IssueSink } from './issues.ts';
import { asArray, asBool, asNumber, asObject, asString, durationMs, type JsonObject, unwrap } from './json.ts';
import type { CircuitBreakerThresholds, OutlierDetection } from './types.ts';

/**
 * A cluster's circuit breakers and outlier detection (envoy.config.cluster.v3). Istio writes
 * DestinationRule `connectionPool` into `circuit_breakers.thresholds` and `outlierDetection` into
 * `outlier_detection`; absent values keep Envoy's defaults (1024 connections/requests, no ejection).
 */

const num = (value: unknown): number | undefined => asNumber(unwrap(value));
/** A uint32 threshold; a value Envoy's schema rejects (reported by `checkThresholds`) is left out (Envoy's default). */
const uint32 = (value: unknown): number | undefined => uint32Value(value) ?? undefined;

/**
 * circuit_breaker.proto CircuitBreakers.Thresholds: `RoutingPriority priority = 1
 * [(validate.rules).enum = {defined_only: true}]` and the limits as `google.protobuf.UInt32Value`.
 */
const THRESHOLD_FIELDS = ['max_connections', 'max_pending_requests', 'max_requests', 'max_retries', 'max_connection_pools'] as const;
const THRESHOLD = { rule: 'CircuitBreakers.Thresholds UInt32Value', fallback: 0, effect: "absent (Envoy's default)" };
const ROUTING_PRIORITY = [
  ['DEFAULT', 0],
  ['HIGH', 1],
] as const;

/** Reports the threshold values Envoy's schema rejects, at `where` (the cluster). */
export function checkThresholds(value: unknown, sink: IssueSink, where: string): void {
  const list = listField(value, sink, where, 'circuit_breakers.thresholds');
  for (let i = 0; i < list.length; i++) {
    const t = asObject(list[i]);
    if (!t) continue;
    checkEnum(ROUTING_PRIORITY, t.priority, 'DEFAULT', sink, where, `circuit_breakers.thresholds[${i}].priority`);
    for (const field of THRESHOLD_FIELDS)
      if (t[field] !== undefined && uint32Value(t[field]) === null) uint32Field(t[field], sink, where, `circuit_breakers.thresholds[${i}].${field}`, THRESHOLD);
  }
}

/** True when two raw thresholds parse to the same model (wrapped `{value}` numbers compare unequal: no sharing, still correct). */
export function sameThreshold(a: JsonObject, b: JsonObject): boolean {
  return (
    a.priority === b.priority &&
    a.max_connections === b.max_connections &&
    a.max_pending_requests === b.max_pending_requests &&
    a.max_requests === b.max_requests &&
    a.max_retries === b.max_retries &&
    a.max_connection_pools === b.max_connection_pools
  );
}

/** `circuit_breakers`, one threshold entry per routing priority (DEFAULT unless said). */
export function parseCircuitBreakers(value: unknown): CircuitBreakerThresholds[] {
  return parseThresholds(asObject(value)?.thresholds);
}

/** `circuit_breakers.thresholds`. */
export function parseThresholds(value: unknown): CircuitBreakerThresholds[] {
  return mapObjects(value, (t) => {
    const entry: CircuitBreakerThresholds = { priority: enumOr(ROUTING_PRIORITY, t.priority, 'DEFAULT') };
    const maxConnections = uint32(t.max_connections);
    const maxPendingRequests = uint32(t.max_pending_requests);
    const maxRequests = uint32(t.max_requests);
    const maxRetries = uint32(t.max_retries);
    const maxConnectionPools = uint32(t.max_connection_pools);
    if (maxConnections !== undefined) entry.maxConnections = maxConnections;
    if (maxPendingRequests !== undefined) entry.maxPendingRequests = maxPendingRequests;
    if (maxRequests !== undefined) entry.maxRequests = maxRequests;
    if (maxRetries !== undefined) entry.maxRetries = maxRetries;
    if (maxConnectionPools !== undefined) entry.maxConnectionPools = maxConnectionPools;
    return entry;
  });
}

/**
 * `outlier_detection`. protojson's json name for `consecutive_5xx` is `consecutive5xx`, which a
 * camelCase → snake_case conversion cannot tell apart from a field without the underscore: both
 * spellings are read.
 */
export function parseOutlierDetection(value: unknown): OutlierDetection | undefined {
  const o = asObject(value);
  if (!o) return undefined;
  const out: OutlierDetection = {};
  const put = <K extends keyof OutlierDetection>(key: K, value: OutlierDetection[K] | undefined) => {
    if (value !== undefined) out[key] = value;
  };
  put('consecutive5xx', num(o.consecutive_5xx ?? o.consecutive5xx));
  put('consecutiveGatewayFailure', num(o.consecutive_gateway_failure));
  put('consecutiveLocalOriginFailure', num(o.consecutive_local_origin_failure));
  put('intervalMs', durationMs(o.interval));
  put('baseEjectionTimeMs', durationMs(o.base_ejection_time));
  put('maxEjectionPercent', num(o.max_ejection_percent));
  put('enforcingConsecutive5xx', num(o.enforcing_consecutive_5xx ?? o.enforcing_consecutive5xx));
  put('enforcingConsecutiveGatewayFailure', num(o.enforcing_consecutive_gateway_failure));
  put('enforcingSuccessRate', num(o.enforcing_success_rate));
  put('enforcingConsecutiveLocalOriginFailure', num(o.enforcing_consecutive_local_origin_failure));
  put('enforcingFailurePercentage', num(o.enforcing_failure_percentage));
  const split = asBool(unwrap(o.split_external_local_origin_errors));
  if (split !== undefined) out.splitExternalLocalOriginErrors = split;
  return out;
}

/** Maps a `load_balancing_policy` extension to the lb_policy enum name it stands for. */
const POLICY_EXTENSIONS: Record<string, LbPolicy> = {
  'envoy.extensions.load_balancing_policies.round_robin.v3.RoundRobin': 'ROUND_ROBIN',
  'envoy.extensions.load_balancing_policies.least_request.v3.LeastRequest': 'LEAST_REQUEST',
  'envoy.extensions.load_balancing_policies.ring_hash.v3.RingHash': 'RING_HASH',
  'envoy.extensions.load_balancing_policies.maglev.v3.Maglev': 'MAGLEV',
  'envoy.extensions.load_balancing_policies.random.v3.Random': 'RANDOM',
  'envoy.extensions.load_balancing_policies.cluster_provided.v3.ClusterProvided': 'CLUSTER_PROVIDED',
};

/**
 * The load balancer: `load_balancing_policy` (which overrides `lb_policy` when set) names its
 * first policy, else `lb_policy`, ROUND_ROBIN by default. An extension without an enum name is
 * LOAD_BALANCING_POLICY_CONFIG, with the extension's name (or type) beside it.
 */
export function lbPolicyOf(lbPolicy: unknown, loadBalancingPolicy: unknown): { policy: LbPolicy; extension?: string } {
  if (loadBalancingPolicy !== undefined) {
    const first = asObject(asArray(asObject(loadBalancingPolicy)?.policies)[0]);
    const ext = asObject(first?.typed_extension_config);
    if (ext) {
      const type = asString(asObject(ext.typed_config)?.['@type']);
      const short = type?.slice(type.lastIndexOf('/') + 1);
      const known = short ? POLICY_EXTENSIONS[short] : undefined;
      if (known) return { policy: known };
      const extension = asString(ext.name) ?? short;
      return extension === undefined ? { policy: 'LOAD_BALANCING_POLICY_CONFIG' } : { policy: 'LOAD_BALANCING_POLICY_CONFIG', extension };
    }
  }
  return { policy: enumOr(LB_POLICY, lbPolicy, 'ROUND_ROBIN') };
}

/** The load balancer as people read it: the enum name, or the extension's name. */
export function lbPolicyName(cluster: { lbPolicy: LbPolicy; lbPolicyExtension?: string }): string {
  return cluster.lbPolicyExtension ?? cluster.lbPolicy;
}
