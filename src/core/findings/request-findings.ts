import { eager } from '../envoy/lazy.ts';
import type { RouteConfig } from '../envoy/route-types.ts';
import type { ProxyConfig } from '../envoy/types.ts';
import type { RouteDecision } from '../router/route-request.ts';
import type { Severity } from './finding.ts';
import { analyze } from './index.ts';

/**
 * The findings that concern one request's path: its virtual host's shadowed routes and the
 * policies of the matched route, and the state of the clusters it may go to. Only the matched
 * virtual host is analysed, so this stays cheap on large meshes.
 */
export function requestFindings(config: ProxyConfig, rc: RouteConfig, decision: RouteDecision): { code: string; severity: Severity; message: string }[] {
  if (!decision.virtualHost.found) return [];
  const vh = decision.virtualHost.virtualHost;
  const route = decision.route;
  const routeTag = route ? `route ${rc.name}/${vh.name}/#${route.index}` : undefined;
  const clusters = new Map(decision.destinations.map((d) => [d.cluster, routeTag ? [routeTag] : []]));
  // The virtual host's findings, then the clusters': the order the trace reads them in.
  const routeFindings = analyze(config, [{ ...rc, virtualHosts: eager([vh]) }], new Map()).filter(
    (f) => f.name === 'RouteShadowed' || (routeTag !== undefined && f.objects.some((o) => o === routeTag || o.startsWith(`${routeTag} `))),
  );
  const onPath = [...routeFindings, ...analyze(config, [], clusters)];
  return onPath.map((f) => ({ code: f.code, severity: f.severity, message: f.message }));
}
