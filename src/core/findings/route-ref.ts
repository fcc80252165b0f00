import type { Route, RouteConfig, VirtualHost } from '../envoy/route-types.ts';
import { routeLabel } from '../router/route-label.ts';

/** How findings name a route: `route RC/VHOST/#N NAME` (the name only when the route has one). */
export function routeRef(rc: RouteConfig, vh: VirtualHost, route: Route): string {
  return `route ${rc.name}/${vh.name}/${routeLabel(route)}`;
}
