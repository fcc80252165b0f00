import type { FilterChain, Listener, ProxyConfig, RouteConfig } from './types.ts';

/** Every filter chain of a listener, its default chain (Envoy's fallback when none matches) last. */
export function filterChainsOf(listener: Listener): FilterChain[] {
  return listener.defaultFilterChain ? [...listener.filterChains, listener.defaultFilterChain] : listener.filterChains;
}

/** Identifies a route config across the dump's route section and the listeners: its name and its virtual hosts' names. */
function signature(rc: RouteConfig): string {
  return `${rc.name}\u0000${rc.virtualHosts.value.map((vh) => vh.name).join('\u0000')}`;
}

/**
 * Every route configuration of the proxy, each once, in evaluation order: the routes section as
 * istioctl lists it (RDS, then static), then the configs inline in a listener's HTTP connection
 * manager that the section does not list already. Envoy lists inline configs of static listeners
 * among the static ones; a dump of listeners alone has them only inline.
 */
export function routeConfigsOf(config: ProxyConfig): { routeConfig: RouteConfig; inlineIn?: Listener }[] {
  const out: { routeConfig: RouteConfig; inlineIn?: Listener }[] = config.routeConfigs.map((routeConfig) => ({ routeConfig }));
  const seen = new Set(config.routeConfigs.map(signature));
  for (const listener of config.listeners) {
    for (const chain of filterChainsOf(listener)) {
      for (const f of chain.filters) {
        if (f.kind !== 'http_connection_manager' || !f.routeConfig) continue;
        const sig = signature(f.routeConfig);
        if (seen.has(sig)) continue;
        seen.add(sig);
        out.push({ routeConfig: f.routeConfig, inlineIn: listener });
      }
    }
  }
  return out;
}
