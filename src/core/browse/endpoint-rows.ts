import { loadAssignmentFor } from '../envoy/cluster-endpoints.ts';
import type { HealthStatus } from '../envoy/enums.ts';
import type { JsonObject } from '../envoy/json.ts';
import type { Cluster, HostStatus, ProxyConfig, SocketAddress } from '../envoy/types.ts';
import { localityLabel } from './labels.ts';

/**
 * One upstream host of one cluster: EDS says who it is and its configured health; /clusters (when
 * captured) says whether outlier detection ejected it and what its counters are.
 */
export interface EndpointRow {
  id: string;
  /** The lb_endpoint of EDS, else the host of /clusters, as the dump holds it (for the raw view, `y`). */
  raw?: JsonObject;
  cluster: string;
  subset: string;
  /** `10.244.1.10:9080`, a pipe path, or an internal listener. */
  address: string;
  workload: string;
  namespace: string;
  locality: string;
  /** EDS priority (0 is the highest); null when unknown. */
  priority: number | null;
  /** EDS health, or the /clusters view of it. */
  health: HealthStatus;
  /** Ejected by outlier detection; null when there is no /clusters data for this cluster. */
  ejected: boolean | null;
  /** rq_total, rq_error, cx_active from /clusters; null without it. */
  requests: number | null;
  errors: number | null;
  activeConnections: number | null;
  /** Success rate 0–100 over the last outlier-detection interval, when Envoy computed one. */
  successRate: number | null;
}

function addressText(a: SocketAddress): string {
  if (a.pipe !== undefined) return a.pipe;
  if (a.internalListener !== undefined) return `internal:${a.internalListener}`;
  return `${a.address}:${a.port}`;
}

function liveFields(h: HostStatus | undefined): Pick<EndpointRow, 'ejected' | 'requests' | 'errors' | 'activeConnections' | 'successRate'> {
  if (!h) return { ejected: null, requests: null, errors: null, activeConnections: null, successRate: null };
  return {
    ejected: h.outlierEjected,
    requests: h.stats.rq_total ?? 0,
    errors: h.stats.rq_error ?? 0,
    activeConnections: h.stats.cx_active ?? 0,
    successRate: h.successRate ?? null,
  };
}

/** The endpoints of one cluster: EDS (or inline) hosts joined with /clusters by address. */
export function endpointRowsOf(config: ProxyConfig, cluster: Cluster): EndpointRow[] {
  const name = cluster.name;
  const subset = cluster.istioName?.subset ?? cluster.istioSubset ?? '';
  const cla = loadAssignmentFor(config, cluster, name);
  const status = config.index.hostStatusByCluster.get(name);
  const live = new Map((status?.hosts ?? []).map((h) => [addressText(h.address), h]));
  const rows: EndpointRow[] = [];
  for (const group of cla?.localities.value ?? []) {
    for (const ep of group.endpoints) {
      const address = addressText(ep.address);
      const h = live.get(address);
      live.delete(address);
      const fields = liveFields(h);
      rows.push({
        id: `${name}\u0000${address}`,
        raw: ep.raw,
        cluster: name,
        subset,
        address,
        workload: ep.identity.workload ?? ep.hostname ?? '',
        namespace: ep.identity.namespace ?? '',
        locality: localityLabel(group.locality),
        priority: group.priority,
        health: h?.failedActiveHealthCheck ? 'UNHEALTHY' : (h?.healthStatus ?? ep.healthStatus),
        ...fields,
        ejected: status ? (fields.ejected ?? false) : null,
      });
    }
  }
  for (const [address, h] of live) {
    rows.push({
      id: `${name}\u0000${address}`,
      cluster: name,
      subset,
      address,
      workload: h.hostname ?? '',
      namespace: '',
      locality: localityLabel(h.locality),
      priority: h.priority ?? null,
      health: h.failedActiveHealthCheck ? 'UNHEALTHY' : h.healthStatus,
      ...liveFields(h),
    });
  }
  return rows;
}

/** `endpointRowsOf` by cluster name, none for a cluster the config (if any) does not have. */
export function endpointRowsByName(config: ProxyConfig | undefined): (cluster: string) => EndpointRow[] {
  return (name) => {
    const cluster = config?.index.clusterByName.get(name);
    return cluster && config ? endpointRowsOf(config, cluster) : [];
  };
}

/** Every endpoint of every cluster, clusters in the dump's order. */
export function endpointRows(config: ProxyConfig): EndpointRow[] {
  const rows: EndpointRow[] = [];
  for (const cluster of config.clusters) for (const row of endpointRowsOf(config, cluster)) rows.push(row);
  return rows;
}
