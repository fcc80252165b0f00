import type { ClusterStatus, HostStatus } from '../../envoy/types.ts';
import { goSortSlice, goStringLess } from '../go-sort.ts';
import { row, tabulate } from '../tabwriter.ts';
import type { EndpointFilter } from './eds.ts';

/**
 * `istioctl proxy-config endpoints`: live host state from Envoy's `/clusters?format=json`, one
 * row per host with its EDS health and whether outlier detection ejected it.
 */
interface Row {
  address: string;
  port: number;
  cluster: string;
  status: string;
  ejected: boolean;
}

/** The host's address without port: an IP, `unix://<path>` or `envoy://<listener>/<id>`. */
export function hostAddress(host: HostStatus): string {
  if (host.address.pipe !== undefined) return `unix://${host.address.pipe}`;
  if (host.address.internalListener !== undefined) return `envoy://${host.address.internalListener}/${host.address.endpointId ?? ''}`;
  return host.address.address;
}

function hostMatches(host: HostStatus, cluster: string, filter: EndpointFilter): boolean {
  if (filter.address && hostAddress(host).toLowerCase() !== filter.address.toLowerCase()) return false;
  if (filter.port && host.address.port !== filter.port) return false;
  if (filter.cluster && cluster.toLowerCase() !== filter.cluster.toLowerCase()) return false;
  if (filter.status && host.healthStatus.toLowerCase() !== filter.status.toLowerCase()) return false;
  return true;
}

/** The cluster statuses istioctl's `-o json` prints: those with a matching host, each whole. */
export function matchingClusterStatuses(statuses: readonly ClusterStatus[], filter: EndpointFilter = {}): ClusterStatus[] {
  return statuses.filter((cs) => cs.hosts.some((h) => hostMatches(h, cs.name, filter)));
}

export function renderEndpoints(statuses: readonly ClusterStatus[], filter: EndpointFilter = {}): string {
  const rows: Row[] = [];
  for (const cs of statuses) {
    for (const host of cs.hosts) {
      if (!hostMatches(host, cs.name, filter)) continue;
      rows.push({ address: hostAddress(host), port: host.address.port, cluster: cs.name, status: host.healthStatus, ejected: host.outlierEjected });
    }
  }
  goSortSlice(rows, (a, b) => {
    if (a.address === b.address) {
      if (a.port === b.port) return goStringLess(a.cluster, b.cluster);
      return a.port < b.port;
    }
    return goStringLess(a.address, b.address);
  });
  const lines = ['ENDPOINT\tSTATUS\tOUTLIER CHECK\tCLUSTER'];
  for (const r of rows) lines.push(row`${r.port !== 0 ? `${r.address}:${r.port}` : r.address}\t${r.status}\t${r.ejected ? 'FAILED' : 'OK'}\t${r.cluster}`);
  return tabulate(lines, 5);
}
