import type { Cluster } from '../../envoy/types.ts';
import { cells, tabulate } from '../tabwriter.ts';
import { describeManagement } from './config-ref.ts';
import { hasSubsetKey, parseSubsetKey, sortBySubsetKey } from './subset-key.ts';

/**
 * `istioctl proxy-config clusters`: one row per cluster, Istio's `direction|port|subset|fqdn`
 * name split into columns, the discovery type and the DestinationRule behind it.
 */
export interface ClusterFilter {
  /** Substring of the cluster name (istioctl: "Service FQDN"). */
  fqdn?: string;
  /** Keeps names containing `|port|`. */
  port?: number;
  /** Substring of the cluster name. */
  subset?: string;
  /** Substring of the cluster name (`inbound`, `outbound`). */
  direction?: string;
}

/** istioctl's `ClusterFilter.Verify`: every filter is a substring test on the name. */
export function clusterMatches(name: string, filter: ClusterFilter): boolean {
  if (filter.fqdn && !name.includes(filter.fqdn)) return false;
  if (filter.direction && !name.includes(filter.direction)) return false;
  if (filter.subset && !name.includes(filter.subset)) return false;
  if (filter.port && !name.includes(`|${filter.port}|`)) return false;
  return true;
}

/** The clusters istioctl lists (dynamic, then static; draining ones are not in the dump), sorted its way. */
export function sortedClusters(clusters: readonly Cluster[]): Cluster[] {
  const list = clusters.filter((c) => c.meta.state !== 'draining');
  return sortBySubsetKey(list, (c) => c.name);
}

/** The table text; `withType` is `proxy-config all` (a leading NAME column with `cluster/` names). */
export function renderClusters(clusters: readonly Cluster[], filter: ClusterFilter = {}, withType = false): string {
  const header = 'SERVICE FQDN\tPORT\tSUBSET\tDIRECTION\tTYPE\tDESTINATION RULE';
  const lines = [withType ? `NAME\t${header}` : header];
  for (const cluster of sortedClusters(clusters)) {
    if (!clusterMatches(cluster.name, filter)) continue;
    const rule = describeManagement(cluster.raw.metadata);
    const name = withType ? `cluster/${cluster.name}` : cluster.name;
    const prefix = withType ? [name] : [];
    if (hasSubsetKey(cluster.name)) {
      const key = parseSubsetKey(cluster.name);
      lines.push(cells([...prefix, key.fqdn, key.port, key.subset || '-', key.direction, cluster.type, rule]));
    } else {
      lines.push(cells([...prefix, name, '-', '-', '-', cluster.type, rule]));
    }
  }
  return tabulate(lines, 5);
}
