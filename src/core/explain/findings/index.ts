import type { ProxyConfig } from '../../envoy/types.ts';
import { clusterFindings } from './clusters.ts';
import type { Finding } from './finding.ts';
import { routePolicyFindings } from './routes.ts';
import { shadowedRoutes } from './shadowed.ts';

export type { Finding } from './finding.ts';
export { FINDINGS } from './finding.ts';

const ORDER = { error: 0, warning: 1, info: 2 } as const;

/** Every finding for one proxy, most severe first, stable within a severity. */
export function findingsFor(config: ProxyConfig): Finding[] {
  const all: Finding[] = [];
  for (const rc of config.routeConfigs) all.push(...shadowedRoutes(rc), ...routePolicyFindings(rc));
  for (const listener of config.listeners) {
    for (const chain of [...listener.filterChains, ...(listener.defaultFilterChain ? [listener.defaultFilterChain] : [])]) {
      for (const f of chain.filters) if (f.kind === 'http_connection_manager' && f.routeConfig) all.push(...shadowedRoutes(f.routeConfig), ...routePolicyFindings(f.routeConfig));
    }
  }
  all.push(...clusterFindings(config));
  return all.map((f, i) => ({ f, i })).sort((a, b) => ORDER[a.f.severity] - ORDER[b.f.severity] || a.i - b.i).map(({ f }) => f);
}
