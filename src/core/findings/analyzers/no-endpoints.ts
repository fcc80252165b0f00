import type { Analyzer } from '../analyzer.ts';
import { knownEndpoints } from '../endpoints-of.ts';
import { type FindingType, finding } from '../finding.ts';

const NO_ENDPOINTS: FindingType = {
  code: 'MS103',
  name: 'NoEndpoints',
  severity: 'error',
  hint: "the Service selects no ready pod: check its selector and the pods' readiness",
};

/** A cluster routes use has no endpoints at all: 503 UH. For a subset, typically labels that select no pod (IST0173). */
export const noEndpoints: Analyzer = {
  name: 'cluster.no-endpoints',
  description: 'clusters routes send to that have no endpoints',
  reads: ['routes', 'clusters', 'endpoints', 'hostStatus'],
  reports: [NO_ENDPOINTS],
  cluster(config, name, routes, use) {
    // A cluster routes only mirror to: no client gets its 503 (MS108 reports the lost copies).
    if (use.mirrorOnly) return [];
    const known = knownEndpoints(config, name);
    if (!known || known.view.endpoints.length > 0) return [];
    const subset = known.cluster.istioName?.subset;
    return [
      finding(
        NO_ENDPOINTS,
        `cluster ${name} has no endpoints: requests to it fail with 503 UH (no healthy upstream)`,
        [name, ...routes],
        subset
          ? `no pod has the labels of subset "${subset}" in the DestinationRule: check the subset labels against the pods (istioctl analyze: IST0173)`
          : undefined,
      ),
    ];
  },
};
