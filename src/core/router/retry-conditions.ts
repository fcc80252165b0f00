import type { RetryPolicy, Route, VirtualHost } from '../envoy/route-types.ts';

/**
 * The `retry_on` names Envoy knows. A route's `retry_on` is read by both of
 * RetryStateImpl's parsers (retry_policy_impl.cc: `parseRetryOn(...) | parseRetryGrpcOn(...)`,
 * in source/common/router/retry_state_impl.cc): the `x-envoy-retry-on` conditions and the
 * `x-envoy-retry-grpc-on` ones. Each name is compared exactly (case matters) after splitting on
 * commas and trimming; a name neither parser knows sets no bit and is dropped without a word (the
 * parsers' "all fields valid" flag is not checked for route config). Istio's validation
 * (`ValidateHTTPRetry`, pkg/config/validation/agent/validation.go) accepts the same list.
 */
const HTTP_CONDITIONS: ReadonlySet<string> = new Set([
  '5xx',
  'gateway-error',
  'connect-failure',
  'envoy-ratelimited',
  'retriable-4xx',
  'refused-stream',
  'retriable-status-codes',
  'retriable-headers',
  'reset',
  'reset-before-request',
  'http3-post-connect-failure',
]);
export const GRPC_CONDITIONS: ReadonlySet<string> = new Set(['cancelled', 'deadline-exceeded', 'resource-exhausted', 'unavailable', 'internal']);

/** The retry policy a route's requests get: the route's, else its virtual host's (Envoy takes the route's whole when it has one). */
export function effectiveRetryPolicy(vh: VirtualHost, route: Route): { policy: RetryPolicy; from: 'route' | 'virtual host' } | undefined {
  if (route.action.kind !== 'route') return undefined;
  if (route.action.retryPolicy) return { policy: route.action.retryPolicy, from: 'route' };
  return vh.retryPolicy ? { policy: vh.retryPolicy, from: 'virtual host' } : undefined;
}

/**
 * Why each `retry_on` condition of `policy` can or cannot trigger a retry, as
 * RetryStateImpl::wouldRetryFromHeaders / wouldRetryFromReset read them: an unknown name sets
 * nothing; `retriable-status-codes` matches only the codes in `retriable_status_codes`, and
 * `retriable-headers` only the `retriable_headers` matchers, so with an empty list neither matches
 * any response. `dead` says why, per condition; `live` are the conditions that can fire.
 */
export function retryConditions(policy: RetryPolicy): { live: string[]; dead: string[] } {
  const live: string[] = [];
  const dead: string[] = [];
  for (const name of policy.retryOn) {
    if (!HTTP_CONDITIONS.has(name) && !GRPC_CONDITIONS.has(name)) dead.push(`"${name}" is not a retry condition Envoy knows (it is ignored)`);
    else if (name === 'retriable-status-codes' && policy.retriableStatusCodes.length === 0)
      dead.push('retriable-status-codes with no retriable_status_codes matches no response');
    else if (name === 'retriable-headers' && policy.retriableHeaderMatchers === 0) dead.push('retriable-headers with no retriable_headers matches no response');
    else live.push(name);
  }
  return { live, dead };
}

/** `1 retry`, `2 retries`. */
export function retries(n: number): string {
  return `${n} retr${n === 1 ? 'y' : 'ies'}`;
}
