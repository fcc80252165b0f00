import { filterChainsOf, routeConfigsOf } from '../envoy/listener-chains.ts';
import type { ProxyConfig } from '../envoy/types.ts';
import { shadowedRoutes } from '../findings/path-covers.ts';
import { routeDestinations, routeMirrors } from '../router/route-destinations.ts';

/**
 * Weighted routes of one proxy (a VirtualService `route` with several destinations becomes Envoy
 * `weighted_clusters`) and whether their clusters' observed traffic can be compared with the weights.
 *
 * Envoy counts requests per cluster, not per route. The observed share of a split is only the
 * split's doing when nothing else sends to its clusters: no other route (a header route to the same
 * subset, a TCP proxy), no mirror (shadow requests count as upstream requests). Such a split is
 * `exclusive`. Several routes with the very same split (the same VirtualService rule under several
 * virtual hosts or route configs) count as one, and routes that can never match (shadowed by an
 * earlier route) are ignored.
 */
export interface WeightedSplit {
  /** `routeConfig/virtualHost/route-name` (or `#index`). */
  route: string;
  /** The VirtualService behind the route, `name.namespace`, when Istio said. */
  virtualService?: string;
  clusters: { cluster: string; weight: number; share: number }[];
  exclusive: boolean;
}

export interface WeightPlan {
  splits: WeightedSplit[];
  /**
   * A cluster → its split and configured share, for clusters that belong to exactly one split
   * (other plain routes may still send to it: then the split is not `exclusive`).
   */
  byCluster: Map<string, { split: WeightedSplit; share: number }>;
}

/** Clusters TCP proxies send to: traffic that also lands in those clusters' counters. */
function tcpClusters(config: ProxyConfig): Set<string> {
  const out = new Set<string>();
  for (const listener of config.listeners) {
    for (const chain of filterChainsOf(listener)) {
      for (const filter of chain.filters) {
        if (filter.kind !== 'tcp_proxy') continue;
        if (filter.cluster) out.add(filter.cluster);
        for (const w of filter.weightedClusters) out.add(w.name);
      }
    }
  }
  return out;
}

function signature(clusters: { cluster: string; weight: number }[]): string {
  return clusters
    .map((c) => `${c.cluster}=${c.weight}`)
    .sort()
    .join('\n');
}

/** The weighted splits of a proxy and which of them can be checked against observed traffic. */
export function weightPlan(config: ProxyConfig): WeightPlan {
  /** cluster → signatures of the routes sending to it ('' for a plain route, a mirror or TCP). */
  const senders = new Map<string, Set<string>>();
  const send = (cluster: string, sig: string) => {
    let set = senders.get(cluster);
    if (!set) {
      set = new Set();
      senders.set(cluster, set);
    }
    set.add(sig);
  };
  const bySignature = new Map<string, WeightedSplit>();
  for (const { routeConfig: rc } of routeConfigsOf(config)) {
    for (const vhost of rc.virtualHosts.value) {
      const shadowed = shadowedRoutes(vhost);
      for (const route of vhost.routes) {
        if (shadowed.has(route)) continue;
        for (const mirror of routeMirrors(route)) send(mirror, '');
        const destinations = routeDestinations(route);
        const weighted = route.action.kind === 'route' && route.action.cluster.kind === 'weighted_clusters';
        if (!weighted) {
          for (const d of destinations) send(d.cluster, '');
          continue;
        }
        const sig = signature(destinations);
        for (const d of destinations) send(d.cluster, sig);
        if (bySignature.has(sig)) continue;
        const split: WeightedSplit = {
          route: `${rc.name}/${vhost.name}/${route.name ?? `#${route.index}`}`,
          clusters: destinations.map((d) => ({ cluster: d.cluster, weight: d.weight, share: d.share })),
          exclusive: false,
        };
        if (route.istio?.display) split.virtualService = route.istio.display;
        bySignature.set(sig, split);
      }
    }
  }
  for (const cluster of tcpClusters(config)) send(cluster, '');
  const byCluster = new Map<string, { split: WeightedSplit; share: number }>();
  for (const [sig, split] of bySignature) {
    split.exclusive = split.clusters.every((c) => senders.get(c.cluster)?.size === 1);
    for (const c of split.clusters) {
      const splitsOfCluster = [...senders.get(c.cluster)!].filter((s) => s !== '');
      if (splitsOfCluster.length !== 1 || splitsOfCluster[0] !== sig) continue;
      // The same cluster twice in one split: its shares add up.
      const known = byCluster.get(c.cluster);
      byCluster.set(c.cluster, { split, share: (known?.share ?? 0) + c.share });
    }
  }
  return { splits: [...bySignature.values()], byCluster };
}

/** Identifies a plan's configured weights: when it changes (a canary step), observed shares start over. */
const signatures = new WeakMap<WeightPlan, string>();

export function planSignature(plan: WeightPlan | undefined): string {
  if (!plan) return '';
  let known = signatures.get(plan);
  if (known === undefined) {
    known = signatureOf(plan);
    signatures.set(plan, known);
  }
  return known;
}

function signatureOf(plan: WeightPlan): string {
  return plan.splits
    .map((s) => `${s.route}:${s.clusters.map((c) => `${c.cluster}=${c.weight}`).join(',')}`)
    .sort()
    .join(';');
}
