import type { Analyzer } from '../analyzer.ts';
import { andMore } from '../cluster-refs.ts';
import { type FindingType, finding } from '../finding.ts';

const MISSING_CLUSTER: FindingType = {
  code: 'MS102',
  name: 'MissingCluster',
  severity: 'error',
  hint: 'check the destination host and subset: the DestinationRule must define the subset and the host must exist in the registry (istioctl analyze: IST0101)',
};

/** A route sends to a cluster CDS does not have: Envoy answers 503 NC. Silent when the input has no clusters section. */
export const missingCluster: Analyzer = {
  name: 'cluster.missing',
  description: 'clusters routes send to that are not in CDS',
  reads: ['routes', 'clusters'],
  reports: [MISSING_CLUSTER],
  cluster(config, name, routes, use) {
    // A cluster routes only mirror to: no client gets its 503 (MS108 reports the lost copies).
    if (use.mirrorOnly) return [];
    if (!config.sections.clusters || config.index.clusterByName.has(name)) return [];
    return [
      finding(MISSING_CLUSTER, `${routes[0] ?? 'a route'}${andMore(routes)} sends to cluster ${name}, which is not in CDS: Envoy answers 503 (NC)`, [
        name,
        ...routes,
      ]),
    ];
  },
};
