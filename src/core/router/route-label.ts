import type { Route } from '../envoy/route-types.ts';

/** A route as people read it: `#3 reviews-v2` (its position in the virtual host, then its name), or `#3`. */
export function routeLabel(route: Route): string {
  return route.name ? `#${route.index} ${route.name}` : `#${route.index}`;
}
