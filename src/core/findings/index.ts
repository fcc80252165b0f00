import type { ProxyConfig } from '../envoy/types.ts';
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
  const seen = new Set<string>();
  for (const rc of config.routeConfigs) {
    seen.add(rc.name);
    all.push(...shadowedRoutes(rc), ...routePolicyFindings(rc));
  }
  for (const listener of config.listeners) {
    for (const chain of [...listener.filterChains, ...(listener.defaultFilterChain ? [listener.defaultFilterChain] : [])]) {
      for (const f of chain.filters) {
        // Envoy also lists an inline route config among the static ones: analyse it once.
        const inline = f.kind === 'http_connection_manager' ? f.routeConfig : undefined;
        if (!inline || (inline.name !== '' && seen.has(inline.name))) continue;
        seen.add(inline.name);
        all.push(...shadowedRoutes(inline), ...routePolicyFindings(inline));
      }
    }
  }
  all.push(...clusterFindings(config));
  return all
    .map((f, i) => ({ f, i }))
    .sort((a, b) => ORDER[a.f.severity] - ORDER[b.f.severity] || a.i - b.i)
    .map(({ f }) => f);
}
