import type { ProxyConfig } from '../envoy/types.ts';
import { routeDestinations, routeMirrors } from '../router/route-destinations.ts';
import { routeRef } from './route-ref.ts';

/** Every cluster some route sends (or mirrors) traffic to, with the routes that use it, in config order. */
export function referencedClusters(config: ProxyConfig): Map<string, string[]> {
  const refs = new Map<string, string[]>();
  for (const rc of config.routeConfigs) {
    for (const vh of rc.virtualHosts.value) {
      for (const route of vh.routes) {
        const where = routeRef(rc, vh, route);
        for (const name of [...routeDestinations(route).map((d) => d.cluster), ...routeMirrors(route)]) {
          const list = refs.get(name) ?? [];
          list.push(where);
          refs.set(name, list);
        }
      }
    }
  }
  return refs;
}

/**
 * Clusters that routes only mirror to (`request_mirror_policies`), never send to. Envoy's
 * RequestMirrorPolicy (route_components.proto) shadows "fire and forget": the router does not wait
 * for the mirror's response and discards it, so a mirror cluster that is missing or has no usable
 * endpoint loses the copies, but no client gets an error from it.
 */
export function mirrorOnlyClusters(config: ProxyConfig): Set<string> {
  const sent = new Set<string>();
  const mirrored = new Set<string>();
  for (const rc of config.routeConfigs)
    for (const vh of rc.virtualHosts.value)
      for (const route of vh.routes) {
        for (const d of routeDestinations(route)) sent.add(d.cluster);
        for (const m of routeMirrors(route)) mirrored.add(m);
      }
  for (const name of sent) mirrored.delete(name);
  return mirrored;
}

/** `(and N more)` after the first of several routes. */
export function andMore(routes: readonly string[]): string {
  return routes.length > 1 ? ` (and ${routes.length - 1} more)` : '';
}
