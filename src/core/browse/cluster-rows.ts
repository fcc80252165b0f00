import { loadAssignmentFor } from '../envoy/cluster-endpoints.ts';
import { lbPolicyName } from '../envoy/cluster-policies.ts';
import type { JsonObject } from '../envoy/json.ts';
import type { Cluster, ProxyConfig } from '../envoy/types.ts';
import { durationLabel } from './labels.ts';

/** One Envoy cluster as the Clusters table shows it: the upstream policies a DestinationRule set. */
export interface ClusterRow {
  id: string;
  /** The resource as the dump holds it (snake_case), for the raw view (`y`). */
  raw?: JsonObject;
  name: string;
  /** The Kubernetes service host (`reviews.bookinfo.svc.cluster.local`), or ''. */
  host: string;
  port: string;
  /** DestinationRule subset, or ''. */
  subset: string;
  direction: string;
  /** The discovery type, or the cluster_type extension's name. */
  type: string;
  lbPolicy: string;
  /** `conn 100, pending 10`; '' when only Envoy's defaults apply. */
  circuitBreaker: string;
  /** `5×5xx / 10s → 30s, max 50%`; '' without outlier detection. */
  outlierDetection: string;
  /** The DestinationRule TLS mode, `(auto)` under auto mTLS. */
  tls: string;
  destinationRule: string;
  /** Endpoints known for the cluster (EDS or inline); null when the dump has no endpoint data for it. */
  endpoints: number | null;
  /** Hosts ejected by outlier detection (/clusters data). */
  ejected: number;
}

const UNSET = 4294967295;

function limitText(label: string, value: number | undefined): string | undefined {
  return value === undefined || value >= UNSET ? undefined : `${label} ${value}`;
}

/** Circuit breaker thresholds (DEFAULT priority) in DestinationRule connectionPool words. */
function circuitBreakerText(cluster: Cluster): string {
  const t = cluster.circuitBreakers.find((c) => c.priority === 'DEFAULT');
  if (!t) return '';
  return [limitText('conn', t.maxConnections), limitText('pending', t.maxPendingRequests), limitText('req', t.maxRequests), limitText('retries', t.maxRetries)]
    .filter((p): p is string => p !== undefined)
    .join(', ');
}

/** Outlier detection as `5×5xx / 10s → 30s, max 50%`. */
function outlierText(cluster: Cluster): string {
  const o = cluster.outlierDetection;
  if (!o) return '';
  const parts: string[] = [];
  if (o.consecutive5xx !== undefined) parts.push(`${o.consecutive5xx}×5xx`);
  if (o.consecutiveGatewayFailure !== undefined) parts.push(`${o.consecutiveGatewayFailure}×gateway`);
  let text = parts.join(' ') || 'defaults';
  if (o.intervalMs !== undefined) text += ` / ${durationLabel(o.intervalMs)}`;
  if (o.baseEjectionTimeMs !== undefined) text += ` → ${durationLabel(o.baseEjectionTimeMs)}`;
  if (o.maxEjectionPercent !== undefined) text += `, max ${o.maxEjectionPercent}%`;
  return text;
}

export function clusterRow(config: ProxyConfig, cluster: Cluster): ClusterRow {
  const cla = loadAssignmentFor(config, cluster, cluster.name);
  const status = config.index.hostStatusByCluster.get(cluster.name);
  const endpoints = cla ? cla.localities.value.reduce((n, l) => n + l.endpoints.length, 0) : status ? status.hosts.length : null;
  return {
    id: cluster.name,
    raw: cluster.raw,
    name: cluster.name,
    host: cluster.istioName?.host ?? cluster.services[0]?.host ?? '',
    port: cluster.istioName ? String(cluster.istioName.port) : '',
    subset: cluster.istioName?.subset ?? cluster.istioSubset ?? '',
    direction: cluster.istioName?.direction ?? '',
    type: cluster.customType ?? cluster.type,
    lbPolicy: lbPolicyName(cluster),
    circuitBreaker: circuitBreakerText(cluster),
    outlierDetection: outlierText(cluster),
    tls: cluster.tlsMode + (cluster.autoMtls ? ' (auto)' : ''),
    destinationRule: cluster.destinationRule?.display ?? '',
    endpoints,
    ejected: status ? status.hosts.filter((h) => h.outlierEjected).length : 0,
  };
}

/** Every cluster of the proxy, in the dump's order. */
export function clusterRows(config: ProxyConfig): ClusterRow[] {
  return config.clusters.map((c) => clusterRow(config, c));
}
