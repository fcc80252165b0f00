import type { JsonObject } from '../envoy/json.ts';
import { filterChainsOf, routeConfigsOf } from '../envoy/listener-chains.ts';
import type { Route } from '../envoy/route-types.ts';
import type { ProxyConfig } from '../envoy/types.ts';
import { routeDestinations, routeMirrors } from '../router/route-destinations.ts';

/** Every string in a config (filter configs name clusters in fields of their own: grpc_service, aggregate clusters). */
function addStrings(value: unknown, out: Set<string>, depth = 0): void {
  if (depth > 32) return;
  if (typeof value === 'string') out.add(value);
  else if (Array.isArray(value)) for (const v of value) addStrings(v, out, depth + 1);
  else if (typeof value === 'object' && value !== null) for (const v of Object.values(value as JsonObject)) addStrings(v, out, depth + 1);
}

/** Why a route's clusters are only known per request (cluster_header, a cluster specifier plugin), or undefined. */
function decidedPerRequest(route: Route): string | undefined {
  if (route.action.kind !== 'route') return undefined;
  const spec = route.action.cluster;
  if (spec.kind === 'cluster_header') return `a route picks its cluster from the ${spec.header} header`;
  if (spec.kind === 'unsupported') return `a route picks its cluster by ${spec.field}`;
  if (spec.kind === 'weighted_clusters' && spec.clusters.some((c) => c.clusterHeader)) return 'a weighted cluster entry takes its name from a header';
  if (route.action.requestMirrorPolicies.some((m) => !m.cluster || m.cluster.startsWith('%header('))) return 'a route mirrors to a cluster named by a header';
  return undefined;
}

/**
 * Every cluster this proxy can send a request or connection to, as far as its config says: the
 * destinations and mirrors of every route (RDS, inline and matcher-tree routes), every
 * `tcp_proxy` cluster, and any name other filters (HTTP filters, ECDS, other network filters) or
 * custom cluster types (aggregate clusters) mention. `unknown` says why that set cannot be
 * known: a section missing, an RDS or scoped route config absent, a cluster only a request
 * decides.
 */
export function usedClusters(config: ProxyConfig): { used: Set<string> } | { unknown: string } {
  if (!config.sections.listeners || !config.sections.routes) return { unknown: 'the listeners or routes section is missing' };
  const used = new Set<string>();
  const routeConfigs = routeConfigsOf(config).map((e) => e.routeConfig);
  for (const rc of routeConfigs)
    for (const vh of rc.virtualHosts.value) {
      const routes = [...vh.routes, ...(vh.matcher ? [...vh.matcher.routes.values()].flat() : [])];
      for (const route of routes) {
        const why = decidedPerRequest(route);
        if (why) return { unknown: why };
        for (const d of routeDestinations(route)) used.add(d.cluster);
        for (const m of routeMirrors(route)) used.add(m);
      }
    }
  for (const listener of config.listeners)
    for (const chain of filterChainsOf(listener))
      for (const f of chain.filters) {
        if (f.kind === 'tcp_proxy') {
          if (f.cluster) used.add(f.cluster);
          for (const w of f.weightedClusters) used.add(w.name);
        } else if (f.kind === 'http_connection_manager') {
          if (f.scopedRoutesName !== undefined) return { unknown: `listener ${listener.name} uses scoped routes` };
          if (f.rdsRouteConfigName !== undefined && !config.index.routeConfigByName.has(f.rdsRouteConfigName))
            return { unknown: `route config ${f.rdsRouteConfigName} is not in the dump` };
          for (const h of f.httpFilters) addStrings(h.raw, used);
        } else addStrings(f.raw, used);
      }
  for (const e of config.ecds) addStrings(e.raw, used);
  for (const c of config.clusters) if (c.customType !== undefined) addStrings(c.raw, used);
  return { used };
}
