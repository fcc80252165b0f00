import { mapObjects } from '../collect.ts';
import type { IssueSink } from '../issues.ts';
import { asArray, asNumber, asObject, asString, durationMs, type JsonObject } from '../json.ts';
import { ROUTE_FIELDS } from '../route-known-fields.ts';
import type { HashPolicy, MirrorPolicy, RetryPolicy } from '../route-types.ts';
import { boolValue, numberValue } from './common.ts';
import type { RouteContext } from './context.ts';
import { fractionalPercent } from './runtime-fraction.ts';

/**
 * An envoy.config.route.v3.RetryPolicy. `num_retries` defaults to 1 in Envoy when a policy is
 * present; `retry_on` is a comma-separated list (`5xx,connect-failure,...`). Istio writes the same
 * policy on every route: consecutive equal policies share one model object.
 */
export function parseRetryPolicy(value: unknown, context: RouteContext, where: string): RetryPolicy | undefined {
  const obj = asObject(value);
  if (!obj) return undefined;
  context.sink.routeFields('retry_policy', where, obj, ROUTE_FIELDS.RetryPolicy);
  return context.sameAsLast('retry_policy', obj, retryPolicy);
}

function retryPolicy(obj: JsonObject): RetryPolicy {
  const backoff = asObject(obj.retry_back_off);
  return {
    retryOn: (asString(obj.retry_on) ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    numRetries: numberValue(obj.num_retries) ?? 1,
    perTryTimeoutMs: durationMs(obj.per_try_timeout),
    perTryIdleTimeoutMs: durationMs(obj.per_try_idle_timeout),
    retriableStatusCodes: asArray(obj.retriable_status_codes)
      .map((c) => asNumber(c))
      .filter((c): c is number => c !== undefined),
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
