import type { HealthStatus } from '../envoy/enums.ts';
import type { TopMetrics } from './metrics.ts';

/**
 * A line of meshtop: workload → service → subset cluster → endpoint, as Linkerd's stat-outbound
 * shows route → backend. A service groups the Istio clusters of one `host:port`
 * (`outbound|9080||reviews…` and its subset clusters `outbound|9080|v1|reviews…`).
 */
export type TopRowKind = 'workload' | 'service' | 'cluster' | 'endpoint';

/** A cluster's configured weight in a weighted route beside the share it actually got. */
export interface TopWeight {
  /** The route with the split, `routeConfig/virtualHost/route`. */
  route: string;
  /** The configured share, 0–1 (weight / Σweights). */
  configured: number;
  /** The observed share of the split's requests over the window, 0–1; undefined with no requests. */
  observed?: number;
  /** The split's requests in the window. */
  samples: number;
  /** Beyond what the sample size explains (see divergence.ts); undefined: too few requests, or not comparable. */
  diverges?: boolean;
  /** Why the shares are not compared, when they are not: other routes or mirrors also send to these clusters. */
  notComparable?: string;
}

export interface TopRow {
  /** Unique and stable across samples: keeps selection, expansion and sparkline history. */
  key: string;
  kind: TopRowKind;
  /** `pod.namespace` of the proxy whose traffic this is. */
  proxy: string;
  /** What the row shows in its first column. */
  name: string;
  /** `host:port` of the service (service, cluster and endpoint rows). */
  service?: string;
  /** Envoy cluster name (cluster and endpoint rows). */
  cluster?: string;
  /** DestinationRule subset; null for a cluster without one. */
  subset?: string | null;
  /** `ip:port` (endpoint rows). */
  endpoint?: string;
  zone?: string;
  /** EDS health status (endpoint rows). */
  health?: HealthStatus;
  metrics: TopMetrics;
  /** RPS of the last samples, oldest first; undefined where there was no rate. */
  history: readonly (number | undefined)[];
  weight?: TopWeight;
  /** Endpoint rows: percent (0–100) of the cluster's requests Envoy's load balancer gives it now (core/lb). */
  share?: number;
  /** Endpoint rows with no share: why (ejected, another priority carries the traffic, weight 0). */
  noShare?: string;
  children: TopRow[];
}

const sum = (values: (number | undefined)[]): number | undefined => {
  let total: number | undefined;
  for (const v of values) if (v !== undefined) total = (total ?? 0) + v;
  return total;
};

/** A parent's metrics from its children's: rates and gauges add up; success is weighted by RPS; quantiles do not add. */
export function aggregateMetrics(children: readonly TopMetrics[]): TopMetrics {
  const out: TopMetrics = { reset: children.some((c) => c.reset) };
  const keys = ['rps', 'errorsPerSec', 'retriesPerSec', 'timeoutsPerSec', 'pendingOverflowPerSec', 'ejectionsActive', 'cxActive', 'picks'] as const;
  for (const key of keys) {
    const total = sum(children.map((c) => c[key]));
    if (total !== undefined) out[key] = total;
  }
  let weighted = 0;
  let weight = 0;
  for (const c of children) {
    if (c.successRate === undefined || c.rps === undefined) continue;
    weighted += c.successRate * c.rps;
    weight += c.rps;
  }
  if (weight > 0) out.successRate = weighted / weight;
  const sources = new Set(children.map((c) => c.source).filter((s) => s !== undefined));
  if (sources.size === 1) out.source = [...sources][0];
  return out;
}

export function rowKey(proxy: string, kind: TopRowKind, ...names: string[]): string {
  return [proxy, kind, ...names].join('\u0000');
}
