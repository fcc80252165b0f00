import type { Analyzer } from '../analyzer.ts';
import { type Finding, type FindingType, finding } from '../finding.ts';
import { routeRef } from '../route-ref.ts';

const UNINTENDED_WEIGHTS: FindingType = {
  code: 'MS105',
  name: 'UnintendedWeights',
  severity: 'warning',
  hint: 'make the VirtualService route weights add up to 100 so the percentages read as meant',
};

/**
 * Weighted splits that do not do what the VirtualService reads as: weights that disagree with
 * `total_weight` (Envoy rejects the route), that do not add up to 100 (each destination gets
 * weight/sum), or destinations with weight 0 (never used).
 */
export const unintendedWeights: Analyzer = {
  name: 'route.weights',
  description: 'weighted splits whose weights do not add up as the VirtualService reads',
  reads: ['routes'],
  reports: [UNINTENDED_WEIGHTS],
  virtualHost(_config, rc, vh) {
    const out: Finding[] = [];
    for (const route of vh.routes) {
      const action = route.action;
      if (action.kind !== 'route' || action.cluster.kind !== 'weighted_clusters') continue;
      const spec = action.cluster;
      const where = routeRef(rc, vh, route);
      const sum = spec.clusters.reduce((s, c) => s + c.weight, 0);
      const zero = spec.clusters.filter((c) => c.weight === 0).map((c) => c.name);
      if (spec.totalWeight !== undefined && spec.totalWeight !== sum) {
        out.push(
          finding(
            UNINTENDED_WEIGHTS,
            `${where}: weights sum to ${sum} but total_weight is ${spec.totalWeight}; Envoy rejects such a route`,
            [where],
            'make the VirtualService weights add up to 100',
          ),
        );
      } else if (sum !== 100 && sum !== 0) {
        out.push(finding(UNINTENDED_WEIGHTS, `${where}: weights sum to ${sum}, not 100; each destination gets weight/${sum}`, [where]));
      }
      if (zero.length > 0) {
        out.push(
          finding(
            UNINTENDED_WEIGHTS,
            `${where}: ${zero.join(', ')} ${zero.length === 1 ? 'has' : 'have'} weight 0 and never receive traffic`,
            [where, ...zero],
            'remove the destination or give it a weight',
          ),
        );
      }
    }
    return out;
  },
};
