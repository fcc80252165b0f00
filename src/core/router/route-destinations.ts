import type { Route } from '../envoy/route-types.ts';

/** The clusters a route can send to, with their configured weights (one entry of weight 1 for a plain cluster). */
export function routeDestinations(route: Route): { cluster: string; weight: number }[] {
  const action = route.action;
  if (action.kind !== 'route') return [];
  const spec = action.cluster;
  if (spec.kind === 'cluster') return [{ cluster: spec.name, weight: 1 }];
  if (spec.kind === 'weighted_clusters') return spec.clusters.map((c) => ({ cluster: c.name, weight: c.weight }));
  return [];
}

/** Clusters the route mirrors to. */
export function routeMirrors(route: Route): string[] {
  return route.action.kind === 'route' ? route.action.requestMirrorPolicies.map((m) => m.cluster) : [];
}
