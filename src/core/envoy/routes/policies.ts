import { mapObjects } from '../collect.ts';
import { durationField, durationValue, uint32Field, uint32Value } from '../field-checks.ts';
import type { IssueSink } from '../issues.ts';
import { asArray, asNumber, asObject, asString, durationMs, type JsonObject } from '../json.ts';
import { ROUTE_FIELDS } from '../route-known-fields.ts';
import type { HashPolicy, MirrorPolicy, RetryPolicy } from '../route-types.ts';
import { boolValue } from './common.ts';
import type { RouteContext } from './context.ts';
import { checkFractionalPercent, fractionalPercent } from './runtime-fraction.ts';

/**
 * An envoy.config.route.v3.RetryPolicy. `num_retries` defaults to 1 in Envoy when a policy is
 * present; `retry_on` is a comma-separated list (`5xx,connect-failure,...`). Istio writes the same
 * policy on every route: consecutive equal policies share one model object.
 */
export function parseRetryPolicy(value: unknown, context: RouteContext, where: string): RetryPolicy | undefined {
  const obj = asObject(value);
  if (!obj) return undefined;
  context.sink.routeFields('retry_policy', where, obj, ROUTE_FIELDS.RetryPolicy);
  uint32Field(obj.num_retries, context.sink, where, 'num_retries', NUM_RETRIES);
  durationField(obj.per_try_timeout, context.sink, where, 'per_try_timeout');
  durationField(obj.per_try_idle_timeout, context.sink, where, 'per_try_idle_timeout');
  return context.sameAsLast('retry_policy', obj, retryPolicy);
}

/** route_components.proto RetryPolicy: `google.protobuf.UInt32Value num_retries = 2` (a bad one is read as Envoy's default, 1). */
const NUM_RETRIES = { rule: 'RetryPolicy.num_retries UInt32Value', fallback: 1 };

function retryPolicy(obj: JsonObject): RetryPolicy {
  const backoff = asObject(obj.retry_back_off);
  return {
    retryOn: (asString(obj.retry_on) ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    numRetries: uint32Value(obj.num_retries) ?? 1,
    perTryTimeoutMs: durationValue(obj.per_try_timeout) ?? undefined,
    perTryIdleTimeoutMs: durationValue(obj.per_try_idle_timeout) ?? undefined,
    retriableStatusCodes: asArray(obj.retriable_status_codes)
      .map((c) => asNumber(c))
      .filter((c): c is number => c !== undefined),
    retriableHeaderMatchers: asArray(obj.retriable_headers).length,
    hostPredicates: asArray(obj.retry_host_predicate)
      .map((p) => asString(asObject(p)?.name))
      .filter((n): n is string => !!n),
    hostSelectionRetryMaxAttempts: asNumber(obj.host_selection_retry_max_attempts),
    backoff: backoff ? { baseIntervalMs: durationMs(backoff.base_interval), maxIntervalMs: durationMs(backoff.max_interval) } : undefined,
  };
}

/** `request_mirror_policies`: shadow traffic, with the percentage from runtime_fraction's default. */
export function parseMirrorPolicies(value: unknown, sink: IssueSink, where: string): MirrorPolicy[] {
  return mapObjects(value, (obj) => {
    sink.routeFields('request_mirror_policy', where, obj, ROUTE_FIELDS.RequestMirrorPolicy);
    const fraction = asObject(obj.runtime_fraction);
    checkFractionalPercent(fraction?.default_value, sink, where, 'request_mirror_policies.runtime_fraction.default_value');
    return {
      cluster: asString(obj.cluster) ?? (asString(obj.cluster_header) ? `%header(${asString(obj.cluster_header)})%` : ''),
      percent: fraction ? (fractionalPercent(fraction.default_value) ?? 0) : 100,
      traceSampled: obj.trace_sampled === undefined ? undefined : boolValue(obj.trace_sampled, true),
    };
  });
}

function hashPolicy(obj: JsonObject): HashPolicy {
  const terminal = boolValue(obj.terminal, false);
  const header = asObject(obj.header);
  if (header) return { kind: 'header', headerName: (asString(header.header_name) ?? '').toLowerCase(), terminal };
  const cookie = asObject(obj.cookie);
  if (cookie) return { kind: 'cookie', name: asString(cookie.name) ?? '', ttlMs: durationMs(cookie.ttl), path: asString(cookie.path), terminal };
  const conn = asObject(obj.connection_properties);
  if (conn) return { kind: 'connection_properties', sourceIp: boolValue(conn.source_ip, false), terminal };
  const query = asObject(obj.query_parameter);
  if (query) return { kind: 'query_parameter', name: asString(query.name) ?? '', terminal };
  const state = asObject(obj.filter_state);
  if (state) return { kind: 'filter_state', key: asString(state.key) ?? '', terminal };
  return { kind: 'unsupported', terminal };
}

/** `hash_policy`: what a ring-hash/maglev cluster hashes on (consistent hashing). */
export function parseHashPolicies(value: unknown): HashPolicy[] {
  return mapObjects(value, hashPolicy);
}
