import type { HealthStatus } from './enums.ts';
import type { Cluster, ClusterLoadAssignment, LbEndpoint, Locality, ProxyConfig } from './types.ts';

/** One endpoint of a cluster as EDS and /clusters describe it. */
export interface ClusterEndpoint {
  address: string;
  port: number;
  workload: string | null;
  namespace: string | null;
  locality: string | null;
  health: HealthStatus;
  /** From /clusters data (failed_outlier_check); false when no such data was given. */
  ejected: boolean;
  weight: number | null;
}

/**
 * The endpoints behind the chosen cluster: EDS gives identity and configured health; /clusters
 * (when given) gives the live view, including outlier ejection (`failed_outlier_check`).
 */
export interface EndpointsView {
  endpoints: ClusterEndpoint[];
  /** Endpoints that can take traffic: healthy (or unknown/degraded) and not ejected. */
  usable: number;
  /** Where the data came from: `EDS`, `/clusters`, `EDS + /clusters`, or `none`. */
  source: string;
  /** Set when no source said anything about this cluster. */
  unknown: boolean;
}

const USABLE: ReadonlySet<HealthStatus> = new Set(['HEALTHY', 'UNKNOWN', 'DEGRADED']);

/** Whether an endpoint can take traffic: healthy (or unknown/degraded) and not ejected. */
export function usableEndpoint(e: ClusterEndpoint): boolean {
  return USABLE.has(e.health) && !e.ejected;
}

function localityText(l: Locality | undefined): string | null {
  if (!l?.region) return null;
  return [l.region, l.zone, l.subZone].filter(Boolean).join('/');
}

/** The ClusterLoadAssignment for a cluster: by its EDS service_name, else its name, else inline. */
export function loadAssignmentFor(config: ProxyConfig, cluster: Cluster | undefined, name: string): ClusterLoadAssignment | undefined {
  const byIndex = config.index.endpointsByCluster;
  return (cluster?.edsServiceName ? byIndex.get(cluster.edsServiceName) : undefined) ?? byIndex.get(name) ?? cluster?.loadAssignment;
}

function fromEds(cla: ClusterLoadAssignment): { ep: LbEndpoint; locality: Locality }[] {
  return cla.localities.value.flatMap((l) => l.endpoints.map((ep) => ({ ep, locality: l.locality })));
}

export function endpointsFor(config: ProxyConfig, name: string): EndpointsView {
  const cluster = config.index.clusterByName.get(name);
  const cla = loadAssignmentFor(config, cluster, name);
  const status = config.index.hostStatusByCluster.get(name);
  const eds = cla ? fromEds(cla) : [];
  const byAddress = new Map(eds.map((e) => [`${e.ep.address.address}:${e.ep.address.port}`, e]));
  let endpoints: ClusterEndpoint[];
  if (status) {
    endpoints = status.hosts.map((h) => {
      const known = byAddress.get(`${h.address.address}:${h.address.port}`);
      return {
        address: h.address.address,
        port: h.address.port,
        workload: known?.ep.identity.workload ?? null,
        namespace: known?.ep.identity.namespace ?? null,
        locality: localityText(h.locality) ?? localityText(known?.locality),
        health: h.failedActiveHealthCheck ? 'UNHEALTHY' : h.healthStatus,
        ejected: h.outlierEjected,
        weight: h.weight ?? known?.ep.weight ?? null,
      };
    });
  } else {
    endpoints = eds.map(({ ep, locality }) => ({
      address: ep.address.address,
      port: ep.address.port,
      workload: ep.identity.workload ?? null,
      namespace: ep.identity.namespace ?? null,
      locality: localityText(locality),
      health: ep.healthStatus,
      ejected: false,
      weight: ep.weight ?? null,
    }));
  }
  const usable = endpoints.filter(usableEndpoint).length;
  const source = status && cla ? 'EDS + /clusters' : status ? '/clusters' : cla ? 'EDS' : 'none';
  const needsEds = cluster === undefined || cluster.type === 'EDS';
  return { endpoints, usable, source, unknown: !status && !cla && needsEds && !config.sections.endpoints };
}
