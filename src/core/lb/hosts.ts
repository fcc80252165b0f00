import { loadAssignmentFor } from '../envoy/cluster-endpoints.ts';
import type { HealthStatus } from '../envoy/enums.ts';
import type { ClusterLoadAssignment, ClusterStatus, HostStatus, Locality, ProxyConfig } from '../envoy/types.ts';

/**
 * One host as Envoy's load balancer sees it: its priority, locality (and the locality's
 * weight), `load_balancing_weight`, and the coarse health the host's flags add up to
 * (`HostImplBase::coarseHealth`, source/common/upstream/upstream_impl.h): Unhealthy when
 * failing active health checks, ejected by outlier detection, or UNHEALTHY / TIMEOUT / DRAINING
 * in EDS; else Degraded when degraded by EDS or an active health check; else Healthy.
 * Excluded hosts (`excludeBasedOnHealthFlag`, upstream_impl.cc: pending their first active
 * health check, `x-envoy-immediate-health-check-fail`, EDS DRAINING) leave the health arithmetic.
 */
export interface LbHost {
  /** `ip:port`, the key explain and meshtop join on. */
  key: string;
  priority: number;
  /** `region/zone/sub_zone`, '' when the host has no locality. */
  locality: string;
  localityOf: Locality;
  /** The locality's `load_balancing_weight` in EDS; undefined when absent (or EDS not given). */
  localityWeight?: number;
  /** `load_balancing_weight`, 1 when absent. */
  weight: number;
  health: 'healthy' | 'degraded' | 'unhealthy';
  excluded: boolean;
  /** Why the host is unhealthy, degraded or excluded, in words; null for a healthy host. */
  condition: string | null;
  /** Ejected by outlier detection (`failed_outlier_check`). */
  ejected: boolean;
}

/** The hosts of one cluster, and whether /clusters (the live health) was there. */
export interface ClusterHosts {
  hosts: LbHost[];
  live: boolean;
  assignment?: ClusterLoadAssignment;
}

export const localityKey = (l: Locality | undefined): string =>
  l?.region || l?.zone || l?.subZone ? [l.region ?? '', l.zone ?? '', l.subZone ?? ''].join('/').replace(/\/+$/, '') : '';

function edsCondition(status: HealthStatus): { health: LbHost['health']; excluded: boolean; condition: string | null } {
  switch (status) {
    case 'UNHEALTHY':
    case 'TIMEOUT':
      return { health: 'unhealthy', excluded: false, condition: `EDS says ${status}` };
    case 'DRAINING':
      return { health: 'unhealthy', excluded: true, condition: 'EDS says DRAINING (excluded from load balancing)' };
    case 'DEGRADED':
      return { health: 'degraded', excluded: false, condition: 'EDS says DEGRADED' };
    default:
      return { health: 'healthy', excluded: false, condition: null };
  }
}

/** The load balancer's view of a /clusters host. */
function fromStatus(h: HostStatus): Pick<LbHost, 'health' | 'excluded' | 'condition' | 'ejected'> {
  const eds = edsCondition(h.healthStatus);
  const unhealthy: string[] = [];
  if (h.outlierEjected) unhealthy.push('ejected by outlier detection');
  if (h.failedActiveHealthCheck) unhealthy.push('failing active health checks');
  if (eds.health === 'unhealthy') unhealthy.push(eds.condition!);
  const excluded: string[] = [];
  if (h.pendingActiveHc) excluded.push('awaiting its first active health check');
  if (h.excludedViaImmediateHcFail) excluded.push('excluded by x-envoy-immediate-health-check-fail');
  const isExcluded = eds.excluded || excluded.length > 0;
  const base = { excluded: isExcluded, ejected: h.outlierEjected };
  if (unhealthy.length > 0) return { ...base, health: 'unhealthy', condition: [...unhealthy, ...excluded].join(', ') };
  const degraded = eds.health === 'degraded' || h.failedActiveDegradedCheck;
  const why = [
    ...(eds.health === 'degraded' ? [eds.condition!] : []),
    ...(h.failedActiveDegradedCheck ? ['degraded by active health checks'] : []),
    ...excluded,
  ];
  return { ...base, health: degraded ? 'degraded' : 'healthy', condition: why.length > 0 ? why.join(', ') : null };
}

/** `ip:port`: how explain, meshtop and the load balancer key a host. */
export const addressKey = (a: { address: string; port: number }): string => `${a.address}:${a.port}`;

/**
 * The hosts of `cluster`: EDS (priority, locality and its weight, endpoint weight, EDS health)
 * joined with /clusters by address (the live health: ejection, active health checks, and the
 * priority and weight Envoy holds). Without /clusters, EDS alone (ejection unknown). `status` is
 * the config's own /clusters data unless a newer read is given (meshtop's poll).
 */
export function lbHostsOf(
  config: ProxyConfig,
  clusterName: string,
  status: ClusterStatus | undefined = config.index.hostStatusByCluster.get(clusterName),
): ClusterHosts {
  const cluster = config.index.clusterByName.get(clusterName);
  const cla = loadAssignmentFor(config, cluster, clusterName);
  const eds = new Map<string, { priority: number; locality: Locality; localityWeight?: number; weight: number; health: HealthStatus }>();
  for (const group of cla?.localities.value ?? []) {
    for (const ep of group.endpoints) {
      const entry = { priority: group.priority, locality: group.locality, weight: ep.weight ?? 1, health: ep.healthStatus };
      eds.set(addressKey(ep.address), group.weight === undefined ? entry : { ...entry, localityWeight: group.weight });
    }
  }
  const out: ClusterHosts = { hosts: [], live: status !== undefined };
  if (cla) out.assignment = cla;
  if (status) {
    for (const h of status.hosts) {
      const key = addressKey(h.address);
      const known = eds.get(key);
      const locality = h.locality.region || h.locality.zone ? h.locality : (known?.locality ?? h.locality);
      const host: LbHost = {
        key,
        priority: h.priority ?? known?.priority ?? 0,
        locality: localityKey(locality),
        localityOf: locality,
        weight: h.weight ?? known?.weight ?? 1,
        ...fromStatus(h),
      };
      if (known?.localityWeight !== undefined) host.localityWeight = known.localityWeight;
      out.hosts.push(host);
    }
    return out;
  }
  for (const [key, e] of eds) {
    const host: LbHost = {
      key,
      priority: e.priority,
      locality: localityKey(e.locality),
      localityOf: e.locality,
      weight: e.weight,
      ejected: false,
      ...edsCondition(e.health),
    };
    if (e.localityWeight !== undefined) host.localityWeight = e.localityWeight;
    out.hosts.push(host);
  }
  return out;
}
