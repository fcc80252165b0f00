import { formatClusterName } from '../../envoy/cluster-name.ts';
import { lbPolicyName } from '../../envoy/cluster-policies.ts';
import type { Cluster } from '../../envoy/types.ts';
import type { Analyzer } from '../analyzer.ts';
import { type Finding, type FindingType, finding } from '../finding.ts';
import { usedClusters } from '../used-clusters.ts';

const UNUSED_SUBSET_POLICY: FindingType = {
  code: 'MS115',
  name: 'UnusedSubsetPolicy',
  severity: 'info',
  hint: "a subset's trafficPolicy applies only to requests routed to that subset: route to it (http[].route[].destination.subset in a VirtualService) or put the policy in the DestinationRule's top-level trafficPolicy",
};

function tls(c: Cluster): string {
  return `${c.tlsMode}${c.autoMtls ? ' (auto mTLS)' : ''}`;
}

/** The policies (load balancer, outlier detection, circuit breakers, TLS) in which `subset` differs from `service`, in words. */
export function policyDifferences(subset: Cluster, service: Cluster): string[] {
  const out: string[] = [];
  if (lbPolicyName(subset) !== lbPolicyName(service)) out.push(`load balancer ${lbPolicyName(subset)} (service: ${lbPolicyName(service)})`);
  if (JSON.stringify(subset.outlierDetection) !== JSON.stringify(service.outlierDetection))
    out.push(subset.outlierDetection ? 'outlier detection' : 'no outlier detection');
  if (JSON.stringify(subset.circuitBreakers) !== JSON.stringify(service.circuitBreakers)) out.push('circuit breakers (connectionPool)');
  if (tls(subset) !== tls(service)) out.push(`TLS ${tls(subset)} (service: ${tls(service)})`);
  return out;
}

/**
 * A DestinationRule subset whose cluster (`outbound|PORT|SUBSET|HOST`) has a traffic policy
 * other than the service's own cluster (`outbound|PORT||HOST`) while nothing on this proxy sends
 * or mirrors to it (see `usedClusters`). Istio builds a cluster for every subset of every
 * DestinationRule a proxy sees, its policy the subset's `trafficPolicy` merged over the
 * DestinationRule's (pilot/pkg/networking/core/cluster_builder.go `buildSubsetCluster`,
 * pilot/pkg/networking/util/util.go `MergeSubsetTrafficPolicy`), but only a route whose destination names the subset sends to that
 * cluster (route.go `GetDestinationCluster`): the subset's policy never applies to this proxy's
 * requests. Envoy applies a cluster's lb_policy, outlier_detection, circuit_breakers and
 * transport socket only to the requests routed to that cluster.
 */
export const unusedSubsetPolicy: Analyzer = {
  name: 'cluster.unused-subset-policy',
  description: 'subset traffic policies no route of this proxy uses',
  reads: ['listeners', 'routes', 'clusters'],
  reports: [UNUSED_SUBSET_POLICY],
  proxy(config) {
    if (!config.sections.clusters) return [];
    const known = usedClusters(config);
    if (!('used' in known)) return [];
    const out: Finding[] = [];
    for (const [name, cluster] of config.index.clusterByName) {
      const id = cluster.istioName;
      if (id?.form !== 'pipe' || id.direction !== 'outbound' || !id.subset || known.used.has(name)) continue;
      const serviceName = formatClusterName('outbound', id.port, '', id.host);
      const service = config.index.clusterByName.get(serviceName);
      if (!service) continue;
      const diffs = policyDifferences(cluster, service);
      if (diffs.length === 0) continue;
      const rule = cluster.destinationRule ? ` of DestinationRule ${cluster.destinationRule.display}` : '';
      const instead = known.used.has(serviceName) ? ` (they send to ${serviceName})` : '';
      out.push(
        finding(
          UNUSED_SUBSET_POLICY,
          `subset ${id.subset}${rule} (cluster ${name}) sets its own ${diffs.join(', ')}, but no route of this proxy sends or mirrors to it${instead}: the subset's policy never applies to this proxy's requests`,
          [name, serviceName],
        ),
      );
    }
    return out;
  },
};
