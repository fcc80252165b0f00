import { type EndpointsView, endpointsFor } from '../envoy/cluster-endpoints.ts';
import type { Cluster, ProxyConfig } from '../envoy/types.ts';

/**
 * The endpoints of a cluster that takes them from EDS or an inline load assignment, when the
 * input says anything about them; undefined for other cluster types and for unknown state.
 */
export function knownEndpoints(config: ProxyConfig, name: string): { cluster: Cluster; view: EndpointsView } | undefined {
  const cluster = config.index.clusterByName.get(name);
  if (!cluster || (cluster.type !== 'EDS' && !cluster.loadAssignment)) return undefined;
  const view = endpointsFor(config, name);
  return view.unknown ? undefined : { cluster, view };
}
