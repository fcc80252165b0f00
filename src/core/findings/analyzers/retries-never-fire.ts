import { effectiveRetryPolicy, retries, retryConditions } from '../../router/retry-conditions.ts';
import type { Analyzer } from '../analyzer.ts';
import { type Finding, type FindingType, finding } from '../finding.ts';
import { istioDefaultRoute } from '../istio-default-route.ts';
import { routeRef } from '../route-ref.ts';

const RETRIES_NEVER_FIRE: FindingType = {
  code: 'MS109',
  name: 'RetriesNeverFire',
  severity: 'warning',
  hint: 'set retries.retryOn in the VirtualService to conditions Envoy retries on (5xx, gateway-error, connect-failure, refused-stream, reset, retriable-4xx, cancelled, unavailable, …) or to status codes (e.g. "503"), which Istio turns into retriable-status-codes with those codes',
};

const ZERO_RETRIES: FindingType = {
  code: 'MS110',
  name: 'RetryOnWithZeroRetries',
  severity: 'info',
  hint: 'num_retries 0 allows no retry whatever retry_on says: Istio never writes this (retries.attempts 0 removes the policy), so look for the EnvoyFilter that does; set num_retries, or remove the retry policy',
};

/** For routes no VirtualService produced. */
const ENVOY_HINT =
  'set retry_on on the route to conditions Envoy knows (no VirtualService produced it), with retriable_status_codes for retriable-status-codes';
/** For Istio's own routes (`default`, inbound): their policy is the mesh's. */
const MESH_HINT =
  "set meshConfig.defaultHttpRetryPolicy.retryOn to conditions Envoy knows: Istio's routes without a VirtualService take the mesh's retry policy";

/**
 * Retry policies (the route's, else the virtual host's) that can never retry:
 *
 * - MS109: `num_retries` > 0 but no `retry_on` condition can trigger (see `retryConditions`): with
 *   nothing set, RetryStateImpl::create makes no retry state at all; unknown names set no bit;
 *   `retriable-status-codes` / `retriable-headers` with an empty list match no response. Only a
 *   client's own `x-envoy-retry-on` header could still ask for retries. Istio writes the
 *   VirtualService's `retries.retryOn` as given, its status codes moved to `retriable_status_codes`
 *   (pilot/pkg/networking/core/route/retry/retry.go `ConvertPolicy`, `parseRetryOn`), so a
 *   `retryOn: retriable-status-codes` without codes or `retryOn: retriable-headers` (Istio sets no
 *   retriable_headers) never retries.
 * - MS110: `num_retries` 0 with `retry_on` set: RetryStateImpl::shouldRetry answers
 *   NoRetryLimitExceeded before the first retry (`retries_remaining_ == 0`).
 */
export const retriesNeverFire: Analyzer = {
  name: 'route.retry-conditions',
  description: 'retry policies that can never retry (no condition that triggers, or num_retries 0)',
  reads: ['routes'],
  reports: [RETRIES_NEVER_FIRE, ZERO_RETRIES],
  virtualHost(_config, rc, vh) {
    const out: Finding[] = [];
    for (const route of vh.routes) {
      const retry = effectiveRetryPolicy(vh, route);
      if (!retry) continue;
      const { policy, from } = retry;
      const where = routeRef(rc, vh, route);
      const on = policy.retryOn.join(',');
      const of = from === 'route' ? '' : " (the virtual host's retry policy)";
      if (policy.numRetries === 0) {
        if (policy.retryOn.length > 0) out.push(finding(ZERO_RETRIES, `${where}: retry_on ${on} with num_retries 0${of}: no request is ever retried`, [where]));
        continue;
      }
      const { live, dead } = retryConditions(policy);
      if (live.length > 0) continue;
      const why = dead.length === 0 ? 'retry_on is empty, so Envoy keeps no retry state for the request' : dead.join('; ');
      const hint = route.istio ? undefined : istioDefaultRoute(rc, route) ? MESH_HINT : ENVOY_HINT;
      out.push(
        finding(
          RETRIES_NEVER_FIRE,
          `${where}: ${retries(policy.numRetries)}${on ? ` on ${on}` : ''}${of} can never fire: ${why}; every failure goes to the client unretried`,
          [where],
          hint,
        ),
      );
    }
    return out;
  },
};
