import type { RouteConfig } from '../envoy/route-types.ts';
import { type Finding, finding } from './finding.ts';

/**
 * Route policies that surprise people: weights that do not add up to what the VirtualService
 * meant, retries with no per-try timeout, and routes with no timeout at all.
 */
export function routePolicyFindings(config: RouteConfig): Finding[] {
  const out: Finding[] = [];
  for (const vh of config.virtualHosts) {
    let noTimeout = 0;
    let example = '';
    for (const route of vh.routes) {
      const action = route.action;
      if (action.kind !== 'route') continue;
      const where = `route ${config.name}/${vh.name}/#${route.index}${route.name ? ` ${route.name}` : ''}`;
      const spec = action.cluster;
      if (spec.kind === 'weighted_clusters') {
        const sum = spec.clusters.reduce((s, c) => s + c.weight, 0);
        const zero = spec.clusters.filter((c) => c.weight === 0).map((c) => c.name);
        if (spec.totalWeight !== undefined && spec.totalWeight !== sum) {
          out.push(
            finding(
              'UnintendedWeights',
              `${where}: weights sum to ${sum} but total_weight is ${spec.totalWeight}; Envoy rejects such a route`,
              [where],
              'make the VirtualService weights add up to 100',
            ),
          );
        } else if (sum !== 100 && sum !== 0) {
          out.push(
            finding(
              'UnintendedWeights',
              `${where}: weights sum to ${sum}, not 100; each destination gets weight/${sum}`,
              [where],
              'make the VirtualService route weights add up to 100 so the percentages read as meant',
            ),
          );
        }
        if (zero.length > 0) {
          out.push(
            finding(
              'UnintendedWeights',
              `${where}: ${zero.join(', ')} ${zero.length === 1 ? 'has' : 'have'} weight 0 and never receive traffic`,
              [where, ...zero],
              'remove the destination or give it a weight',
            ),
          );
        }
      }
      const retry = action.retryPolicy ?? vh.retryPolicy;
      if (retry && retry.numRetries > 0 && retry.perTryTimeoutMs === undefined) {
        out.push(
          finding(
            'RetriesWithoutPerTryTimeout',
            `${where}: ${retry.numRetries} retries on ${retry.retryOn.join(',') || '(nothing)'} with no per-try timeout: a hung attempt uses the whole route timeout`,
            [where],
            'set retries.perTryTimeout in the VirtualService',
          ),
        );
      }
      if (action.timeoutMs === 0) {
        noTimeout++;
        example ||= where;
      }
    }
    if (noTimeout > 0) {
      out.push(
        finding(
          'NoTimeout',
          `${noTimeout} route${noTimeout === 1 ? '' : 's'} in ${config.name}/${vh.name} ha${noTimeout === 1 ? 's' : 've'} no timeout (timeout 0s disables it), e.g. ${example}`,
          [example],
          'set http[].timeout in the VirtualService so a slow upstream cannot hold requests forever',
        ),
      );
    }
  }
  return out;
}
