import type { RetryPolicy } from '../envoy/route-types.ts';
import { GRPC_CONDITIONS } from './retry-conditions.ts';
import type { UpstreamFailure } from './upstream-failure.ts';

/**
 * Whether Envoy's router retries one failed attempt, restated from RetryStateImpl
 * (source/common/router/retry_state_impl.cc):
 * - a response (`wouldRetryFromHeaders`): `5xx` any 5xx; `gateway-error` 502, 503, 504;
 *   `retriable-4xx` 409; `retriable-status-codes` the codes of `retriable_status_codes` only (an
 *   empty list retries nothing); `retriable-headers` by the response's headers; the gRPC
 *   conditions by its `grpc-status`;
 * - a failure with no response (`wouldRetryFromReset`): `reset`, `5xx` and `gateway-error` any
 *   of them; `connect-failure` a failed connection; `refused-stream` an HTTP/2 REFUSED_STREAM;
 *   an overflow (circuit breaker) never;
 * - a per-try timeout goes the reset way (`onPerTryTimeoutCommon` → `maybeRetryReset`).
 * Responses carrying `x-envoy-overloaded` or `x-envoy-ratelimited` are never retried.
 */
export interface RetryDecision {
  retried: boolean;
  /** The retry_on condition that retries it; null when none does. */
  by: string | null;
  /** One sentence: why (not). */
  reason: string;
  /** What depends on the response beyond its status (gRPC status, retriable headers). */
  depends: string[];
}

export function retryDecision(policy: RetryPolicy | undefined, failure: UpstreamFailure): RetryDecision {
  const depends: string[] = [];
  if (!policy) return { retried: false, by: null, reason: 'the route has no retry policy', depends };
  if (policy.numRetries <= 0) return { retried: false, by: null, reason: 'num_retries is 0', depends };
  const on = new Set(policy.retryOn);
  const by = (condition: string, reason: string): RetryDecision => ({ retried: true, by: condition, reason, depends });
  if (failure.kind === 'status') {
    const s = failure.status;
    if (on.has('5xx') && s >= 500 && s <= 599) return by('5xx', `retry_on 5xx retries any 5xx`);
    if (on.has('gateway-error') && (s === 502 || s === 503 || s === 504)) return by('gateway-error', 'retry_on gateway-error retries 502, 503 and 504');
    if (on.has('retriable-4xx') && s === 409) return by('retriable-4xx', 'retry_on retriable-4xx retries 409');
    if (on.has('retriable-status-codes') && policy.retriableStatusCodes.includes(s))
      return by('retriable-status-codes', `${s} is in retriable_status_codes (${policy.retriableStatusCodes.join(', ')})`);
    if (on.has('retriable-headers') && policy.retriableHeaderMatchers !== 0)
      depends.push('retry_on retriable-headers retries a response whose headers match retriable_headers (not interpreted)');
    const grpc = [...on].filter((g) => GRPC_CONDITIONS.has(g));
    if (grpc.length > 0) depends.push(`retry_on ${grpc.join(',')} retries a gRPC response by its grpc-status, whatever the HTTP status`);
    const codes = on.has('retriable-status-codes')
      ? policy.retriableStatusCodes.length === 0
        ? '; retriable-status-codes is set but retriable_status_codes is empty, so it retries no status'
        : `; retriable_status_codes holds ${policy.retriableStatusCodes.join(', ')}, not ${s}`
      : '';
    return { retried: false, by: null, reason: `no condition of retry_on ${policy.retryOn.join(',') || '(empty)'} retries a ${s}${codes}`, depends };
  }
  for (const c of ['reset', '5xx', 'gateway-error'])
    if (on.has(c)) return by(c, `retry_on ${c} retries ${failure.kind === 'timeout' ? 'a per-try timeout' : 'any failure without a response'}`);
  if (failure.kind === 'connect-failure' && on.has('connect-failure')) return by('connect-failure', 'retry_on connect-failure retries a failed connection');
  if (failure.kind === 'refused-stream' && on.has('refused-stream')) return by('refused-stream', 'retry_on refused-stream retries a REFUSED_STREAM');
  const what =
    failure.kind === 'timeout'
      ? 'a per-try timeout is retried only with 5xx, gateway-error or reset'
      : failure.kind === 'connect-failure'
        ? 'a failed connection is retried with connect-failure, reset, 5xx or gateway-error'
        : failure.kind === 'refused-stream'
          ? 'a REFUSED_STREAM is retried with refused-stream, reset, 5xx or gateway-error'
          : 'a reset is retried only with reset, 5xx or gateway-error';
  return { retried: false, by: null, reason: `retry_on ${policy.retryOn.join(',') || '(empty)'}: ${what}`, depends };
}
