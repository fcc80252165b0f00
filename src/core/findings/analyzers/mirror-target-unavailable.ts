import type { Analyzer } from '../analyzer.ts';
import { andMore } from '../cluster-refs.ts';
import { knownEndpoints } from '../endpoints-of.ts';
import { type FindingType, finding } from '../finding.ts';

const MIRROR_TARGET_UNAVAILABLE: FindingType = {
  code: 'MS108',
  name: 'MirrorTargetUnavailable',
  severity: 'warning',
  hint: "check the VirtualService's mirror host and subset: the DestinationRule must define the subset and its labels must select ready pods",
};

/**
 * A cluster routes only mirror to is missing from CDS or has no usable endpoint. Envoy's
 * RequestMirrorPolicy shadows "fire and forget" (`Router::ShadowWriter` in envoy/router/shadow_writer.h;
 * Envoy's ShadowPolicyIntegrationTest): clients get the primary
 * cluster's answer and never the mirror's, so nothing fails for them — the mirrored copies are lost
 * and whoever reads the mirror sees no traffic. (MS102–MS104 leave such clusters alone.)
 */
export const mirrorTargetUnavailable: Analyzer = {
  name: 'cluster.mirror-target',
  description: 'clusters routes only mirror to that are missing or have no usable endpoint',
  reads: ['routes', 'clusters', 'endpoints', 'hostStatus'],
  reports: [MIRROR_TARGET_UNAVAILABLE],
  cluster(config, name, routes, use) {
    if (!use.mirrorOnly) return [];
    const by = `${routes[0] ?? 'a route'}${andMore(routes)}`;
    const lost = 'the mirrored copies are lost (clients are not affected: Envoy does not wait for a mirror)';
    if (config.sections.clusters && !config.index.clusterByName.has(name))
      return [finding(MIRROR_TARGET_UNAVAILABLE, `${by} mirrors to cluster ${name}, which is not in CDS: ${lost}`, [name, ...routes])];
    const view = knownEndpoints(config, name)?.view;
    if (!view || view.usable > 0) return [];
    const state = view.endpoints.length === 0 ? 'has no endpoints' : `has no usable endpoint (${view.endpoints.length} unhealthy or ejected)`;
    return [finding(MIRROR_TARGET_UNAVAILABLE, `cluster ${name}, which ${by} only mirrors to, ${state}: ${lost}`, [name, ...routes])];
  },
};
