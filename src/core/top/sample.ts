import type { HealthStatus } from '../envoy/enums.ts';
import type { FetchedStats } from '../envoy/stats.ts';
import type { ClusterStatus, SocketAddress } from '../envoy/types.ts';
import {
  CLUSTER_COUNTERS,
  CLUSTER_GAUGES,
  type ClusterCounterKey,
  type ClusterGaugeKey,
  type ClusterStatResolver,
  REQUEST_TIME_HISTOGRAM,
} from './cluster-stats.ts';

/**
 * One reading of one proxy's counters, the unit meshtop computes rates from: the cluster stats
 * (`istioctl x envoy-stats POD -o json`, i.e. Envoy's /stats) and the per-host stats of /clusters
 * (`istioctl proxy-config endpoints POD -o json`). Each part keeps its own read time, because the
 * two are fetched separately and either may fail.
 */

/** Envoy stats as read, with the read time. */
export type StatsInput = FetchedStats;

/** /clusters as read: per-host counters and health. */
export interface HostStatusInput {
  fetchedAt: number;
  clusters: readonly ClusterStatus[];
}

/** Per-host counters of /clusters (Envoy HostStats): rq_error counts 5xx responses, rq_success the rest. */
export interface HostCounters {
  rqTotal: number;
  rqSuccess: number;
  rqError: number;
  rqTimeout: number;
}

export interface HostSample {
  /** `10.244.1.10:9080`: the endpoint's address as istioctl prints it. */
  address: string;
  /** `failed_outlier_check`: ejected by outlier detection right now. */
  ejected: boolean;
  /** EDS health status, as /clusters reports it. */
  health: HealthStatus;
  zone?: string;
  counters: HostCounters;
  cxActive: number;
  rqActive: number;
}

export type ClusterCounters = Partial<Record<ClusterCounterKey, number>>;

export interface ClusterSample {
  name: string;
  /** From `cluster.<name>.*`; a stat Istio's stats matcher left out is undefined, not 0. */
  counters: ClusterCounters;
  gauges: Partial<Record<ClusterGaugeKey, number>>;
  p50Ms?: number;
  p99Ms?: number;
  /** The cluster's hosts in /clusters; undefined when this sample has no /clusters data for it. */
  hosts?: HostSample[];
  /** The /clusters read behind `hosts`, for the load balancer's shares (core/lb). */
  status?: ClusterStatus;
}

export interface WorkloadSample {
  /** `pod.namespace`. */
  proxy: string;
  /** When the cluster stats were read (epoch ms); undefined when they could not be. */
  statsAt?: number;
  /** When /clusters was read. */
  hostsAt?: number;
  /** `server.uptime` (s): a smaller value than last time means Envoy restarted. */
  uptimeSec?: number;
  clusters: Map<string, ClusterSample>;
  /** What failed while reading this sample, one line each. */
  errors: string[];
}

const finite = (n: unknown): number | undefined => (typeof n === 'number' && Number.isFinite(n) ? n : undefined);

/** A quantile from a histogram summary, whatever spelling the source used (`P50`, `p50`, `50`, `0.5`). */
export function quantile(summary: Record<string, number> | undefined, percentile: number): number | undefined {
  if (!summary) return undefined;
  for (const key of [`P${percentile}`, `p${percentile}`, `${percentile}`, `${percentile / 100}`, `P${percentile}.0`]) {
    const value = finite(summary[key]);
    if (value !== undefined) return value;
  }
  return undefined;
}

function formatEndpoint(address: SocketAddress): string {
  if (address.pipe) return address.pipe;
  if (address.internalListener) return `envoy://${address.internalListener}`;
  return address.address.includes(':') ? `[${address.address}]:${address.port}` : `${address.address}:${address.port}`;
}

function clusterOf(clusters: Map<string, ClusterSample>, name: string): ClusterSample {
  let c = clusters.get(name);
  if (!c) {
    c = { name, counters: {}, gauges: {} };
    clusters.set(name, c);
  }
  return c;
}

function addStats(clusters: Map<string, ClusterSample>, resolver: ClusterStatResolver, values: Record<string, number>): void {
  // Object.keys, not for…in: a proxy's stats are one object with tens of thousands of keys.
  for (const name of Object.keys(values)) {
    const parsed = resolver.resolve(name);
    if (!parsed) continue;
    const counter = CLUSTER_COUNTERS[parsed.stat as keyof typeof CLUSTER_COUNTERS];
    const gauge = CLUSTER_GAUGES[parsed.stat as keyof typeof CLUSTER_GAUGES];
    if (counter === undefined && gauge === undefined) continue;
    const value = finite(values[name]);
    if (value === undefined) continue;
    const c = clusterOf(clusters, parsed.cluster);
    if (counter !== undefined) c.counters[counter] = value;
    else c.gauges[gauge!] = value;
  }
}

function hostSample(host: ClusterStatus['hosts'][number]): HostSample {
  const s = host.stats;
  const sample: HostSample = {
    address: formatEndpoint(host.address),
    ejected: host.outlierEjected,
    health: host.healthStatus,
    counters: { rqTotal: s.rq_total ?? 0, rqSuccess: s.rq_success ?? 0, rqError: s.rq_error ?? 0, rqTimeout: s.rq_timeout ?? 0 },
    cxActive: s.cx_active ?? 0,
    rqActive: s.rq_active ?? 0,
  };
  if (host.locality.zone) sample.zone = host.locality.zone;
  return sample;
}

/** Builds one proxy's sample from what was read; either part may be missing (a failed call). */
export function buildWorkloadSample(
  proxy: string,
  resolver: ClusterStatResolver,
  stats?: StatsInput,
  hosts?: HostStatusInput,
  errors: string[] = [],
): WorkloadSample {
  const clusters = new Map<string, ClusterSample>();
  const sample: WorkloadSample = { proxy, clusters, errors };
  if (stats) {
    sample.statsAt = stats.fetchedAt;
    addStats(clusters, resolver, stats.counters);
    addStats(clusters, resolver, stats.gauges);
    const uptime = finite(stats.gauges['server.uptime'] ?? stats.counters['server.uptime']);
    if (uptime !== undefined) sample.uptimeSec = uptime;
    for (const name in stats.histograms) {
      const parsed = resolver.resolve(name);
      if (!parsed || parsed.stat !== REQUEST_TIME_HISTOGRAM) continue;
      const c = clusterOf(clusters, parsed.cluster);
      const p50 = quantile(stats.histograms[name], 50);
      const p99 = quantile(stats.histograms[name], 99);
      if (p50 !== undefined) c.p50Ms = p50;
      if (p99 !== undefined) c.p99Ms = p99;
    }
  }
  if (hosts) {
    sample.hostsAt = hosts.fetchedAt;
    for (const status of hosts.clusters) {
      const c = clusterOf(clusters, status.name);
      c.hosts = status.hosts.map(hostSample);
      c.status = status;
    }
  }
  return sample;
}
