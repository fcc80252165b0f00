import type { Analyzer } from '../analyzer.ts';
import { knownEndpoints } from '../endpoints-of.ts';
import { type FindingType, finding } from '../finding.ts';

const ALL_ENDPOINTS_UNAVAILABLE: FindingType = {
  code: 'MS104',
  name: 'AllEndpointsUnavailable',
  severity: 'error',
  hint: 'the endpoints fail health checks or are draining',
};

/** Every endpoint of a cluster routes use is unhealthy or ejected by outlier detection: 503 UH. */
export const endpointsUnavailable: Analyzer = {
  name: 'cluster.endpoints-unavailable',
  description: 'clusters routes send to whose endpoints are all unhealthy or ejected',
  reads: ['routes', 'clusters', 'endpoints', 'hostStatus'],
  reports: [ALL_ENDPOINTS_UNAVAILABLE],
  cluster(config, name, routes, use) {
    // A cluster routes only mirror to: no client gets its 503 (MS108 reports the lost copies).
    if (use.mirrorOnly) return [];
    const view = knownEndpoints(config, name)?.view;
    if (!view || view.endpoints.length === 0 || view.usable > 0) return [];
    const ejected = view.endpoints.filter((e) => e.ejected).length;
    return [
      finding(
        ALL_ENDPOINTS_UNAVAILABLE,
        `all ${view.endpoints.length} endpoints of ${name} are unavailable (${ejected} ejected by outlier detection): 503 UH`,
        [name, ...routes],
        ejected ? 'the pods return errors: look at them; outlierDetection.maxEjectionPercent caps how many can be ejected' : undefined,
      ),
    ];
  },
};
