import { effectiveRetryPolicy, retries } from '../../router/retry-conditions.ts';
import type { Analyzer } from '../analyzer.ts';
import { type Finding, type FindingType, finding } from '../finding.ts';
import { routeRef } from '../route-ref.ts';

const RETRIES_EXCEED_ROUTE_TIMEOUT: FindingType = {
  code: 'MS113',
  name: 'RetriesExceedRouteTimeout',
  severity: 'info',
  hint: 'make http[].timeout at least (retries.attempts + 1) × retries.perTryTimeout in the VirtualService, or lower attempts or perTryTimeout: the route timeout bounds all attempts together',
};

/** For routes no VirtualService produced. */
const ENVOY_HINT = 'make the route timeout at least (num_retries + 1) × per_try_timeout, or lower them (no VirtualService produced the route)';

/** Envoy's route timeout when the route sets none (route_components.proto RouteAction.timeout). */
const ENVOY_DEFAULT_TIMEOUT_MS = 15_000;

function seconds(ms: number): string {
  return `${ms / 1000}s`;
}

/**
 * Retries whose attempts, each run to its per-try timeout, do not fit in the route timeout. The
 * router arms the route ("global") timeout once per request, when the downstream request is
 * complete (router.cc `Filter::onRequestComplete`), so it spans every attempt and the backoff
 * between them; when it fires the upstream request is reset and the client gets 504 UT, whatever
 * retries are left (`Filter::onResponseTimeout`). A per-try timeout at or above the route timeout
 * is ignored altogether (`FilterUtility::finalTimeout` sets it to 0). A route timeout of
 * 0 disables it (skipped); an unset one is Envoy's default 15 s. (For gRPC requests a
 * `grpc-timeout` header can replace the route timeout when `max_grpc_timeout` is set: not read.)
 */
export const retriesExceedRouteTimeout: Analyzer = {
  name: 'route.retry-budget',
  description: 'retries whose attempts do not fit in the route timeout',
  reads: ['routes'],
  reports: [RETRIES_EXCEED_ROUTE_TIMEOUT],
  virtualHost(_config, rc, vh) {
    const out: Finding[] = [];
    for (const route of vh.routes) {
      if (route.action.kind !== 'route') continue;
      const retry = effectiveRetryPolicy(vh, route)?.policy;
      const perTry = retry?.perTryTimeoutMs;
      if (!retry || retry.numRetries <= 0 || !perTry) continue;
      const routeTimeout = route.action.timeoutMs ?? ENVOY_DEFAULT_TIMEOUT_MS;
      if (routeTimeout === 0) continue;
      const attempts = retry.numRetries + 1;
      if (perTry * attempts <= routeTimeout) continue;
      const where = routeRef(rc, vh, route);
      const timeout = `the route timeout ${seconds(routeTimeout)}${route.action.timeoutMs === undefined ? " (Envoy's default: the route sets none)" : ''}`;
      const message =
        perTry >= routeTimeout
          ? `${where}: per-try timeout ${seconds(perTry)} is not below ${timeout}: Envoy ignores it, so one slow attempt uses the whole route timeout and none of its ${retries(retry.numRetries)} follows it`
          : `${where}: ${attempts} attempts (1 + ${retries(retry.numRetries)}) × per-try timeout ${seconds(perTry)} = ${seconds(perTry * attempts)} exceed ${timeout}, which covers all attempts: when attempts time out, at most ${Math.floor(routeTimeout / perTry)} fit and the rest are cut (504 UT)`;
      out.push(finding(RETRIES_EXCEED_ROUTE_TIMEOUT, message, [where], route.istio ? undefined : ENVOY_HINT));
    }
    return out;
  },
};
