import type { ClusterStatus, HostStatus } from '../../src/core/envoy/types.ts';
import type { HostStatusInput, StatsInput } from '../../src/core/top/sample.ts';

/** Compact builders for meshtop's inputs: Envoy stats and /clusters host stats. */

export const reviews = (subset = '') => `outbound|9080|${subset}|reviews.bookinfo.svc.cluster.local`;
export const ratings = (subset = '') => `outbound|9080|${subset}|ratings.bookinfo.svc.cluster.local`;

/** Per-cluster stat values: `{rq_total: 100, rq_5xx: 2, ...}` become `cluster.<name>;.upstream_…`. */
export interface ClusterStatSpec {
  rq_total?: number;
  rq_2xx?: number;
  rq_4xx?: number;
  rq_5xx?: number;
  rq_retry?: number;
  rq_timeout?: number;
  rq_pending_overflow?: number;
  cx_active?: number;
  ejections_active?: number;
  p50?: number;
  p99?: number;
}

export function stats(fetchedAt: number, clusters: Record<string, ClusterStatSpec>, uptime?: number, delimiter = ';'): StatsInput {
  const out: StatsInput = { fetchedAt, counters: {}, gauges: {}, histograms: {} };
  for (const [name, spec] of Object.entries(clusters)) {
    const prefix = `cluster.${name}${delimiter}.`;
    for (const [key, value] of Object.entries(spec)) {
      if (value === undefined) continue;
      if (key === 'p50' || key === 'p99') {
        out.histograms[`${prefix}upstream_rq_time`] = { ...out.histograms[`${prefix}upstream_rq_time`], [key.toUpperCase()]: value };
      } else if (key === 'cx_active') out.gauges[`${prefix}upstream_cx_active`] = value;
      else if (key === 'ejections_active') out.gauges[`${prefix}outlier_detection.ejections_active`] = value;
      else out.counters[`${prefix}upstream_${key}`] = value;
    }
  }
  if (uptime !== undefined) out.gauges['server.uptime'] = uptime;
  return out;
}

export interface HostSpec {
  address: string;
  rq_total?: number;
  rq_success?: number;
  rq_error?: number;
  rq_timeout?: number;
  cx_active?: number;
  ejected?: boolean;
  zone?: string;
}

export function host(spec: HostSpec): HostStatus {
  const [address, port] = spec.address.split(':');
  const stats: Record<string, number> = {};
  for (const key of ['rq_total', 'rq_success', 'rq_error', 'rq_timeout', 'cx_active'] as const) if (spec[key] !== undefined) stats[key] = spec[key]!;
  return {
    address: { address: address!, port: Number(port) },
    locality: spec.zone ? { region: 'us-east1', zone: spec.zone } : {},
    healthStatus: 'HEALTHY',
    outlierEjected: spec.ejected === true,
    failedActiveHealthCheck: false,
    pendingDynamicRemoval: false,
    failedActiveDegradedCheck: false,
    pendingActiveHc: false,
    excludedViaImmediateHcFail: false,
    activeHcTimeout: false,
    stats,
  };
}

export function hosts(fetchedAt: number, clusters: Record<string, HostSpec[]>): HostStatusInput {
  const list: ClusterStatus[] = Object.entries(clusters).map(([name, specs]) => ({
    name,
    addedViaApi: true,
    hosts: specs.map(host),
    circuitBreakers: [],
    observabilityName: `${name};`,
    raw: {},
  }));
  return { fetchedAt, clusters: list };
}
