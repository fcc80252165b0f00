import type { Route, RouteConfig } from '../envoy/route-types.ts';

/** The route names istiod gives routes no VirtualService produced (a real 1.22 sidecar dump shows both). */
const ISTIO_DEFAULT_NAMES: ReadonlySet<string> = new Set(['default', 'allow_any', 'block_all']);

/**
 * A route istiod built without a VirtualService: the outbound `default` route of a service no
 * VirtualService covers (`BuildDefaultHTTPOutboundRoute`: timeout 0s, the mesh's default retries),
 * the `allow_any` passthrough route, or any route of an inbound route config (`inbound|…`, built
 * by `BuildDefaultHTTPInboundRoute`). These carry no `istio` metadata; there is no VirtualService
 * to "set" anything in, so the policy findings that say so leave them alone.
 */
export function istioDefaultRoute(rc: RouteConfig, route: Route): boolean {
  if (route.istio) return false;
  return rc.name.startsWith('inbound|') || (route.name !== undefined && ISTIO_DEFAULT_NAMES.has(route.name));
}
