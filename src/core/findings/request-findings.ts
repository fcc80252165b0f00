import type { RouteConfig } from '../envoy/route-types.ts';
import type { ProxyConfig } from '../envoy/types.ts';
import type { RouteDecision } from '../router/route-request.ts';
import { clusterFinding } from './clusters.ts';
import { routePolicyFindings } from './routes.ts';
import { shadowedRoutes } from './shadowed.ts';

/**
 * The findings that concern one request's path: its virtual host's shadowed routes and route
 * policies about the matched route, and the state of the clusters it may go to. Only the
 * matched virtual host is analysed, so this stays cheap on large meshes.
 */
export function requestFindings(config: ProxyConfig, rc: RouteConfig, decision: RouteDecision): { code: string; severity: string; message: string }[] {
  if (!decision.virtualHost.found) return [];
  const vh = decision.virtualHost.virtualHost;
  const scoped: RouteConfig = { ...rc, virtualHosts: [vh] };
  const route = decision.route;
  const routeTag = route ? `${rc.name}/${vh.name}/#${route.index}` : undefined;
  const out = [...shadowedRoutes(scoped), ...routePolicyFindings(scoped)].filter(
    (f) => f.name === 'RouteShadowed' || (routeTag !== undefined && f.objects.some((o) => o === `route ${routeTag}` || o.startsWith(`route ${routeTag} `))),
  );
  for (const d of decision.destinations) {
    const f = clusterFinding(config, d.cluster, routeTag ? [`route ${routeTag}`] : []);
    if (f) out.push(f);
  }
  return out.map((f) => ({ code: f.code, severity: f.severity, message: f.message }));
}
