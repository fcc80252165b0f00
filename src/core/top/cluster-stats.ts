import type { ProxyConfig } from '../envoy/types.ts';

/**
 * Envoy's per-cluster statistics, named `cluster.<name>.<stat>` (Envoy docs, "Upstream cluster
 * statistics"). Istio's cluster names contain `|` and dots (`outbound|9080|v1|reviews.bookinfo.svc.cluster.local`)
 * and, since Istio 1.21, clusters carry `alt_stat_name: "<name>;"`, so the stat is
 * `cluster.outbound|9080|v1|reviews.bookinfo.svc.cluster.local;.upstream_rq_total`.
 *
 * Stats with the same suffix also live in sub-trees (`cluster.<name>.retry.upstream_rq_5xx`,
 * `.canary.`, `.internal.`, `.external.`, `.zone.<from>.<to>.`), so a name cannot be split at the
 * last dot, nor by matching a suffix alone: the cluster part is matched against the proxy's known
 * cluster names (and their stat names), longest first; only for a name no known cluster explains
 * does meshtop fall back to the known stat suffixes, refusing sub-tree stats.
 */

/** The cluster statistics meshtop reads, by the key it stores them under. */
export const CLUSTER_COUNTERS = {
  upstream_rq_total: 'rqTotal',
  upstream_rq_2xx: 'rq2xx',
  upstream_rq_3xx: 'rq3xx',
  upstream_rq_4xx: 'rq4xx',
  upstream_rq_5xx: 'rq5xx',
  upstream_rq_retry: 'rqRetry',
  upstream_rq_timeout: 'rqTimeout',
  upstream_rq_pending_overflow: 'rqPendingOverflow',
} as const;

export const CLUSTER_GAUGES = {
  upstream_cx_active: 'cxActive',
  upstream_rq_active: 'rqActive',
  'outlier_detection.ejections_active': 'ejectionsActive',
} as const;

/** `upstream_rq_time`: request time in ms, the histogram behind p50/p99. */
export const REQUEST_TIME_HISTOGRAM = 'upstream_rq_time';

export type ClusterCounterKey = (typeof CLUSTER_COUNTERS)[keyof typeof CLUSTER_COUNTERS];
export type ClusterGaugeKey = (typeof CLUSTER_GAUGES)[keyof typeof CLUSTER_GAUGES];

/** Where a stat name points: the cluster (its real name) and the stat under `cluster.<name>.`. */
export interface ClusterStatName {
  cluster: string;
  stat: string;
}

const KNOWN_STATS = new Set<string>([...Object.keys(CLUSTER_COUNTERS), ...Object.keys(CLUSTER_GAUGES), REQUEST_TIME_HISTOGRAM]);
const SUBTREE = /\.(retry|canary|internal|external|zone\.[^.]+\.[^.]+)$/;

/**
 * Splits `cluster.<name>.<stat>` names for one proxy. Built from the proxy's cluster names and
 * their stat names (`alt_stat_name`, `/clusters` `observability_name`); results are cached per
 * stat name, since a proxy reports the same names every sample.
 */
export class ClusterStatResolver {
  /** Stat prefix (name or alt stat name) → cluster name. */
  private readonly prefixes = new Map<string, string>();
  private readonly cache = new Map<string, ClusterStatName | null>();

  constructor(clusters: Iterable<{ name: string; statName?: string }> = []) {
    for (const c of clusters) this.add(c.name, c.statName);
  }

  /** A cluster and, when it differs, the name its stats use. */
  add(name: string, statName?: string): void {
    if (!name) return;
    this.prefixes.set(name, name);
    // Istio gives InboundPassthroughCluster the stat name `PassthroughCluster;`: the stats are
    // shared, and belong to the cluster that has that name.
    if (statName && statName !== name && (!this.prefixes.has(statName) || statName.replace(/;$/, '') === name)) this.prefixes.set(statName, name);
    this.cache.clear();
  }

  /** The cluster and stat of a `cluster.*` name, or null when it is not one. */
  resolve(statName: string): ClusterStatName | null {
    const hit = this.cache.get(statName);
    if (hit !== undefined) return hit;
    const parsed = this.parse(statName);
    if (this.cache.size > 200_000) this.cache.clear();
    this.cache.set(statName, parsed);
    return parsed;
  }

  private parse(statName: string): ClusterStatName | null {
    if (!statName.startsWith('cluster.')) return null;
    const rest = statName.slice('cluster.'.length);
    for (let dot = rest.lastIndexOf('.'); dot > 0; dot = rest.lastIndexOf('.', dot - 1)) {
      const prefix = rest.slice(0, dot);
      const cluster = this.prefixes.get(prefix) ?? (prefix.endsWith(';') ? this.prefixes.get(prefix.slice(0, -1)) : undefined);
      if (cluster !== undefined) return { cluster, stat: rest.slice(dot + 1) };
    }
    return fallback(rest);
  }
}

/** The resolver for a proxy: its clusters with their `alt_stat_name`, and /clusters' `observability_name`. */
export function clusterStatResolver(config: ProxyConfig): ClusterStatResolver {
  const resolver = new ClusterStatResolver();
  for (const cluster of config.clusters) {
    const alt = cluster.raw.alt_stat_name;
    resolver.add(cluster.name, typeof alt === 'string' ? alt : undefined);
  }
  for (const status of config.hostStatus) resolver.add(status.name, status.observabilityName);
  return resolver;
}

/** For a cluster the proxy's config does not name: Istio's `;.` delimiter, else a known stat suffix. */
function fallback(rest: string): ClusterStatName | null {
  const delimited = rest.indexOf(';.');
  if (delimited > 0) return { cluster: rest.slice(0, delimited), stat: rest.slice(delimited + 2) };
  for (const stat of KNOWN_STATS) {
    if (rest.length > stat.length + 1 && rest.endsWith(`.${stat}`)) {
      const cluster = rest.slice(0, rest.length - stat.length - 1);
      return SUBTREE.test(cluster) ? null : { cluster, stat };
    }
  }
  return null;
}
