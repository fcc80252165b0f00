import { endpointsFor } from '../envoy/cluster-endpoints.ts';
import type { ProxyConfig } from '../envoy/types.ts';
import { routeDestinations, routeMirrors } from '../router/route-destinations.ts';
import { type Finding, finding } from './finding.ts';

/** Every cluster some route sends (or mirrors) traffic to, with the routes that use it. */
function referencedClusters(config: ProxyConfig): Map<string, string[]> {
  const refs = new Map<string, string[]>();
  for (const rc of config.routeConfigs) {
    for (const vh of rc.virtualHosts) {
      for (const route of vh.routes) {
        const where = `route ${rc.name}/${vh.name}/#${route.index}${route.name ? ` ${route.name}` : ''}`;
        for (const name of [...routeDestinations(route).map((d) => d.cluster), ...routeMirrors(route)]) {
          const list = refs.get(name) ?? [];
          list.push(where);
          refs.set(name, list);
        }
      }
    }
  }
  return refs;
}

function more(list: string[]): string {
  return list.length > 1 ? ` (and ${list.length - 1} more)` : '';
}

/**
 * What is wrong with one cluster that routes send to, if anything: missing from CDS (Envoy answers
 * 503 NC), no endpoints (503 UH: typically a subset whose labels select no pod), or every endpoint
 * ejected or unhealthy. `routes` names the routes that use it.
 */
export function clusterFinding(config: ProxyConfig, name: string, routes: string[]): Finding | undefined {
  const cluster = config.index.clusterByName.get(name);
  if (!cluster) {
    if (!config.sections.clusters) return undefined;
    return finding(
      'MissingCluster',
      `${routes[0] ?? 'a route'}${more(routes)} sends to cluster ${name}, which is not in CDS: Envoy answers 503 (NC)`,
      [name, ...routes],
      'check the destination host and subset: the DestinationRule must define the subset and the host must exist in the registry (istioctl analyze: IST0101)',
    );
  }
  if (cluster.type !== 'EDS' && !cluster.loadAssignment) return undefined;
  const view = endpointsFor(config, name);
  if (view.unknown) return undefined;
  const subset = cluster.istioName?.subset;
  if (view.endpoints.length === 0) {
    return finding(
      'NoEndpoints',
      `cluster ${name} has no endpoints: requests to it fail with 503 UH (no healthy upstream)`,
      [name, ...routes],
      subset
        ? `no pod has the labels of subset "${subset}" in the DestinationRule: check the subset labels against the pods (istioctl analyze: IST0173)`
        : "the Service selects no ready pod: check its selector and the pods' readiness",
    );
  }
  if (view.usable === 0) {
    const ejected = view.endpoints.filter((e) => e.ejected).length;
    return finding(
      'AllEndpointsUnavailable',
      `all ${view.endpoints.length} endpoints of ${name} are unavailable (${ejected} ejected by outlier detection): 503 UH`,
      [name, ...routes],
      ejected
        ? 'the pods return errors: look at them; outlierDetection.maxEjectionPercent caps how many can be ejected'
        : 'the endpoints fail health checks or are draining',
    );
  }
  return undefined;
}

/** Cluster findings for every cluster some route sends or mirrors to. */
export function clusterFindings(config: ProxyConfig): Finding[] {
  const out: Finding[] = [];
  for (const [name, routes] of referencedClusters(config)) {
    const f = clusterFinding(config, name, routes);
    if (f) out.push(f);
  }
  return out;
}
