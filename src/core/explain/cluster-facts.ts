import type { Cluster } from '../envoy/types.ts';

/**
 * One-line descriptions of a cluster's traffic policy, in DestinationRule words where they map
 * (connectionPool, outlierDetection, loadBalancer, tls), for the explain trace and tables.
 */
const UNSET = 4294967295;

function limit(value: number | undefined): string | undefined {
  return value === undefined || value >= UNSET ? undefined : String(value);
}

export function describeCircuitBreaker(cluster: Cluster): string | null {
  const t = cluster.circuitBreakers.find((c) => c.priority === 'DEFAULT');
  if (!t) return null;
  const parts = [
    ['max connections', limit(t.maxConnections)],
    ['max pending requests', limit(t.maxPendingRequests)],
    ['max requests', limit(t.maxRequests)],
    ['max retries', limit(t.maxRetries)],
  ].filter(([, v]) => v !== undefined);
  return parts.length ? parts.map(([k, v]) => `${k} ${v}`).join(', ') : null;
}

export function describeOutlierDetection(cluster: Cluster): string | null {
  const o = cluster.outlierDetection;
  if (!o) return null;
  const parts: string[] = [];
  if (o.consecutive5xx !== undefined) parts.push(`eject after ${o.consecutive5xx} consecutive 5xx`);
  if (o.consecutiveGatewayFailure !== undefined) parts.push(`${o.consecutiveGatewayFailure} consecutive gateway errors`);
  if (o.intervalMs !== undefined) parts.push(`every ${o.intervalMs / 1000}s`);
  if (o.baseEjectionTimeMs !== undefined) parts.push(`for ${o.baseEjectionTimeMs / 1000}s`);
  if (o.maxEjectionPercent !== undefined) parts.push(`at most ${o.maxEjectionPercent}% ejected`);
  return parts.length ? parts.join(', ') : 'enabled with Envoy defaults (5 consecutive 5xx, 10s interval, 30s ejection, 10%)';
}
