import type { Route } from '../envoy/route-types.ts';

/**
 * Envoy's weighted pick gives each entry `weight / Σ weights` of the requests. Weights are uint32
 * (route_components.proto ClusterWeight.weight): a weight that is not a non-negative finite
 * number (the loader reports and reads those as 0; a runtime override may still be anything)
 * counts as 0. Envoy rejects a config whose weights sum to 0: every share is 0 then, and the
 * caller says the split is undefined. Shares are always in [0, 1] and sum to 1 or 0. The one
 * place this rule is written.
 */
export function weightShares(weights: readonly number[]): number[] {
  const sane = weights.map((w) => (Number.isFinite(w) && w > 0 ? w : 0));
  let total = 0;
  for (const w of sane) total += w;
  return sane.map((w) => (total > 0 && Number.isFinite(total) ? w / total : 0));
}

/** A cluster a route's configuration can send to: its configured weight and share (0–1) of the route's requests. */
export interface ConfiguredDestination {
  cluster: string;
  weight: number;
  share: number;
}

/**
 * The clusters a route can send to as configured (one entry of weight 1 for a plain cluster;
 * none for a `cluster_header`, which only a request decides). Runtime weight overrides and the
 * request's own pick are `resolveClusters`'s.
 */
export function routeDestinations(route: Route): ConfiguredDestination[] {
  const action = route.action;
  if (action.kind !== 'route') return [];
  const spec = action.cluster;
  if (spec.kind === 'cluster') return [{ cluster: spec.name, weight: 1, share: 1 }];
  if (spec.kind !== 'weighted_clusters') return [];
  const shares = weightShares(spec.clusters.map((c) => c.weight));
  return spec.clusters.map((c, i) => ({ cluster: c.name, weight: c.weight, share: shares[i]! }));
}

/** Clusters the route mirrors to. */
export function routeMirrors(route: Route): string[] {
  return route.action.kind === 'route' ? route.action.requestMirrorPolicies.map((m) => m.cluster) : [];
}
