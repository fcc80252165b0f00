import type { ProxyDraft } from './draft.ts';
import type { Cluster, ClusterLoadAssignment, ProxyIndex, ResourceState } from './types.ts';

/**
 * The lookups every view and the explain engine use, built once after loading. When a name has
 * several entries the one Envoy uses wins: active (or static) before warming before draining.
 */
const RANK: Record<ResourceState, number> = { active: 0, static: 1, warming: 2, draining: 3 };

function byName<T extends { meta: { state: ResourceState } }>(items: T[], nameOf: (item: T) => string): Map<string, T> {
  const map = new Map<string, T>();
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!;
    const name = nameOf(item);
    const seen = map.get(name);
    if (!seen || RANK[item.meta.state] < RANK[seen.meta.state]) map.set(name, item);
  }
  return map;
}

export function buildIndex(draft: ProxyDraft): ProxyIndex {
  const routeConfigByName = new Map<string, (typeof draft.routeConfigs)[number]>();
  for (const config of draft.routeConfigs) if (!routeConfigByName.has(config.name)) routeConfigByName.set(config.name, config);
  const endpointsByCluster: Map<string, ClusterLoadAssignment> = byName(draft.endpoints, (e) => e.clusterName);
  const clusterByName = new Map<string, Cluster>();
  for (let i = 0; i < draft.clusters.length; i++) {
    const cluster = draft.clusters[i]!;
    const seen = clusterByName.get(cluster.name);
    if (seen && RANK[cluster.meta.state] >= RANK[seen.meta.state]) continue;
    clusterByName.set(cluster.name, cluster);
    // Nothing to alias when EDS already uses the cluster's own name (Istio's usual case).
    if ((cluster.edsServiceName === cluster.name && !cluster.loadAssignment) || endpointsByCluster.has(cluster.name)) continue;
    // EDS resources are named by the cluster's service_name; Istio makes it the cluster name, but not always.
    const eds = cluster.edsServiceName === undefined ? undefined : endpointsByCluster.get(cluster.edsServiceName);
    const endpoints = eds ?? cluster.loadAssignment;
    if (endpoints) endpointsByCluster.set(cluster.name, endpoints);
  }
  const hostStatusByCluster = new Map<string, (typeof draft.hostStatus)[number]>();
  for (const status of draft.hostStatus) if (!hostStatusByCluster.has(status.name)) hostStatusByCluster.set(status.name, status);
  return {
    listenerByName: byName(draft.listeners, (l) => l.name),
    routeConfigByName,
    clusterByName,
    endpointsByCluster,
    hostStatusByCluster,
  };
}
