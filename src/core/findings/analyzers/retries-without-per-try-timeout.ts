import type { Analyzer } from '../analyzer.ts';
import { type Finding, type FindingType, finding } from '../finding.ts';
import { istioDefaultRoute } from '../istio-default-route.ts';
import { routeRef } from '../route-ref.ts';

const RETRIES_WITHOUT_PER_TRY_TIMEOUT: FindingType = {
  code: 'MS106',
  name: 'RetriesWithoutPerTryTimeout',
  severity: 'info',
  hint: 'set retries.perTryTimeout in the VirtualService',
};

/** For a route no VirtualService produced (plain Envoy config, an EnvoyFilter). */
const ENVOY_HINT = 'set retry_policy.per_try_timeout on the route (no VirtualService produced it)';

/**
 * Retries (the route's, else the virtual host's) with no per-try timeout: one hung attempt spends the whole route timeout.
 * Istio's own routes (no VirtualService: `default`, `allow_any`, inbound) are left alone.
 */
export const retriesWithoutPerTryTimeout: Analyzer = {
  name: 'route.retries',
  description: 'retry policies without a per-try timeout',
  reads: ['routes'],
  reports: [RETRIES_WITHOUT_PER_TRY_TIMEOUT],
  virtualHost(_config, rc, vh) {
    const out: Finding[] = [];
    for (const route of vh.routes) {
      if (route.action.kind !== 'route' || istioDefaultRoute(rc, route)) continue;
      const retry = route.action.retryPolicy ?? vh.retryPolicy;
      if (!retry || retry.numRetries <= 0 || retry.perTryTimeoutMs !== undefined) continue;
      const where = routeRef(rc, vh, route);
      out.push(
        finding(
          RETRIES_WITHOUT_PER_TRY_TIMEOUT,
          `${where}: ${retry.numRetries} retries on ${retry.retryOn.join(',') || '(nothing)'} with no per-try timeout: a hung attempt uses the whole route timeout`,
          [where],
          route.istio ? undefined : ENVOY_HINT,
        ),
      );
    }
    return out;
  },
};
