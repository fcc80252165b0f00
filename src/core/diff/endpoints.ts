import type { ClusterLoadAssignment, HostStatus, LbEndpoint, ProxyConfig } from '../envoy/types.ts';
import { change, type DiffChange } from './change.ts';

/**
 * Endpoint differences per cluster: endpoints added or removed in EDS, their EDS health and
 * priority (Istio's locality failover) changes, and from /clusters the live state: outlier
 * ejections starting or ending and active health-check failures.
 */
interface EdsEndpoint {
  ep: LbEndpoint;
  priority: number;
}

const addressOf = (a: { address: string; port: number; pipe?: string }): string =>
  a.pipe ? a.pipe : `${a.address.includes(':') ? `[${a.address}]` : a.address}:${a.port}`;

function edsEndpoints(cla: ClusterLoadAssignment): Map<string, EdsEndpoint> {
  const out = new Map<string, EdsEndpoint>();
  for (const l of cla.localities.value) for (const ep of l.endpoints) out.set(addressOf(ep.address), { ep, priority: l.priority });
  return out;
}

const byName = <T extends { clusterName?: string; name?: string }>(items: T[], name: (t: T) => string): Map<string, T> =>
  new Map(items.map((t) => [name(t), t]));

function diffEds(a: ProxyConfig, b: ProxyConfig): DiffChange[] {
  const out: DiffChange[] = [];
  const ea = byName(a.endpoints, (e) => e.clusterName);
  const eb = byName(b.endpoints, (e) => e.clusterName);
  for (const cluster of [...new Set([...ea.keys(), ...eb.keys()])].sort()) {
    const before = ea.has(cluster) ? edsEndpoints(ea.get(cluster)!) : new Map<string, EdsEndpoint>();
    const after = eb.has(cluster) ? edsEndpoints(eb.get(cluster)!) : new Map<string, EdsEndpoint>();
    const who = (e: EdsEndpoint) => (e.ep.identity.workload ? ` (${e.ep.identity.workload})` : '');
    for (const [addr, e] of after)
      if (!before.has(addr)) out.push(change('endpoints', 'endpoint-added', `${addr} in ${cluster}`, `endpoint ${addr}${who(e)} added to ${cluster}`));
    for (const [addr, e] of before)
      if (!after.has(addr)) out.push(change('endpoints', 'endpoint-removed', `${addr} in ${cluster}`, `endpoint ${addr}${who(e)} removed from ${cluster}`));
    for (const [addr, x] of before) {
      const y = after.get(addr);
      if (!y) continue;
      if (x.ep.healthStatus !== y.ep.healthStatus)
        out.push(
          change(
            'endpoints',
            'health-changed',
            `${addr} in ${cluster}`,
            `EDS health of ${addr} in ${cluster}: ${x.ep.healthStatus} → ${y.ep.healthStatus}`,
            x.ep.healthStatus,
            y.ep.healthStatus,
          ),
        );
      if (x.priority !== y.priority)
        out.push(
          change(
            'endpoints',
            'priority-changed',
            `${addr} in ${cluster}`,
            `priority of ${addr} in ${cluster}: ${x.priority} → ${y.priority} (locality failover)`,
            String(x.priority),
            String(y.priority),
          ),
        );
    }
  }
  return out;
}

function liveState(h: HostStatus): string {
  const parts: string[] = [h.healthStatus];
  if (h.outlierEjected) parts.push('ejected');
  if (h.failedActiveHealthCheck) parts.push('failed active health check');
  return parts.join(', ');
}

function diffHostStatus(a: ProxyConfig, b: ProxyConfig, edsCompared: boolean): DiffChange[] {
  const out: DiffChange[] = [];
  for (const sb of b.hostStatus) {
    const sa = a.index.hostStatusByCluster.get(sb.name);
    if (!sa) continue;
    const ha = new Map(sa.hosts.map((h) => [addressOf(h.address), h]));
    const hb = new Map(sb.hosts.map((h) => [addressOf(h.address), h]));
    if (!edsCompared) {
      for (const addr of hb.keys())
        if (!ha.has(addr)) out.push(change('endpoints', 'endpoint-added', `${addr} in ${sb.name}`, `endpoint ${addr} added to ${sb.name}`));
      for (const addr of ha.keys())
        if (!hb.has(addr)) out.push(change('endpoints', 'endpoint-removed', `${addr} in ${sb.name}`, `endpoint ${addr} removed from ${sb.name}`));
    }
    for (const [addr, x] of ha) {
      const y = hb.get(addr);
      if (!y) continue;
      const at = `${addr} in ${sb.name}`;
      if (x.outlierEjected !== y.outlierEjected) {
        out.push(
          change(
            'endpoints',
            'ejection-changed',
            at,
            `${addr} ${y.outlierEjected ? 'ejected by outlier detection' : 'no longer ejected'} in ${sb.name}`,
            x.outlierEjected ? 'ejected' : 'not ejected',
            y.outlierEjected ? 'ejected' : 'not ejected',
          ),
        );
      } else if (liveState(x) !== liveState(y)) {
        out.push(change('endpoints', 'health-changed', at, `health of ${addr} in ${sb.name}: ${liveState(x)} → ${liveState(y)}`, liveState(x), liveState(y)));
      }
    }
  }
  return out;
}

export function diffEndpoints(a: ProxyConfig, b: ProxyConfig): DiffChange[] {
  const eds = a.sections.endpoints && b.sections.endpoints;
  return [...(eds ? diffEds(a, b) : []), ...diffHostStatus(a, b, eds)];
}
