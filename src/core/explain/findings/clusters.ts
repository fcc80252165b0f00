import type { ProxyConfig } from '../../envoy/types.ts';
import { endpointsFor } from '../endpoints-stage.ts';
import { finding, type Finding } from './finding.ts';
import { routeDestinations, routeMirrors } from './destinations.ts';

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
 * Clusters behind routes: missing from CDS (Envoy answers 503 NC), with no endpoints (503 UH:
 * typically a subset whose labels select no pod), or with every endpoint ejected or unhealthy.
 */
export function clusterFindings(config: ProxyConfig): Finding[] {
  const out: Finding[] = [];
  for (const [name, routes] of referencedClusters(config)) {
    const cluster = config.index.clusterByName.get(name);
    if (!cluster) {
      if (config.sections.clusters) {
        out.push(
          finding('MissingCluster', `${routes[0]}${more(routes)} sends to cluster ${name}, which is not in CDS: Envoy answers 503 (NC)`, [name, ...routes],
            'check the destination host and subset: the DestinationRule must define the subset and the host must exist in the registry (istioctl analyze: IST0101)'),
        );
      }
      continue;
    }
    if (cluster.type !== 'EDS' && !cluster.loadAssignment) continue;
    const view = endpointsFor(config, name);
    if (view.unknown) continue;
    const subset = cluster.istioName?.subset;
    if (view.endpoints.length === 0) {
      out.push(
        finding('NoEndpoints', `cluster ${name} has no endpoints: requests to it fail with 503 UH (no healthy upstream)`, [name, ...routes],
          subset ? `no pod has the labels of subset "${subset}" in the DestinationRule: check the subset labels against the pods (istioctl analyze: IST0173)` : 'the Service selects no ready pod: check its selector and the pods\' readiness'),
      );
    } else if (view.usable === 0) {
      const ejected = view.endpoints.filter((e) => e.ejected).length;
      out.push(
        finding('AllEndpointsUnavailable', `all ${view.endpoints.length} endpoints of ${name} are unavailable (${ejected} ejected by outlier detection): 503 UH`, [name, ...routes],
          ejected ? 'the pods return errors: look at them; outlierDetection.maxEjectionPercent caps how many can be ejected' : 'the endpoints fail health checks or are draining'),
      );
    }
  }
  return out;
}
