import { lbPolicyName } from '../envoy/cluster-policies.ts';
import type { Json } from '../envoy/json.ts';
import type { Cluster, ProxyConfig } from '../envoy/types.ts';
import { change, compact, type DiffChange, stableJson } from './change.ts';

/**
 * Cluster differences: clusters added or removed (a DestinationRule subset appearing or going
 * away is named as such), and the traffic policy a DestinationRule sets on a cluster: load
 * balancer, connection pool (circuit breakers, protocol options), outlier detection, TLS,
 * connect timeout, and which DestinationRule it comes from.
 */
const POLICY_FIELDS: [string, (c: Cluster) => Json | undefined][] = [
  ['DestinationRule', (c) => c.destinationRule?.display ?? null],
  ['load balancer', (c) => lbPolicyName(c)],
  ['lb config', (c) => c.raw.common_lb_config ?? c.raw.ring_hash_lb_config ?? c.raw.least_request_lb_config],
  ['circuit breakers', (c) => c.raw.circuit_breakers],
  ['outlier detection', (c) => c.raw.outlier_detection],
  ['connect timeout', (c) => c.raw.connect_timeout],
  ['protocol options', (c) => c.raw.typed_extension_protocol_options],
  ['tls', (c) => `${c.tlsMode}${c.autoMtls ? ' (auto mTLS)' : ''}${c.sni ? ` sni ${c.sni}` : ''}`],
];

function subsetOf(c: Cluster): { subset: string; host: string } | undefined {
  const subset = c.istioSubset ?? c.istioName?.subset;
  const host = c.istioName?.host ?? c.services[0]?.host;
  return subset && host ? { subset, host } : undefined;
}

function addedOrRemoved(c: Cluster, added: boolean): DiffChange {
  const s = subsetOf(c);
  const verb = added ? 'added' : 'removed';
  if (s)
    return change(
      'clusters',
      added ? 'subset-added' : 'subset-removed',
      c.name,
      `subset ${s.subset} of ${s.host} ${verb}${c.destinationRule?.display ? ` (DestinationRule ${c.destinationRule.display})` : ''}`,
    );
  return change('clusters', added ? 'cluster-added' : 'cluster-removed', c.name, `cluster ${c.name} ${verb}`);
}

export function diffClusters(a: ProxyConfig, b: ProxyConfig): DiffChange[] {
  const out: DiffChange[] = [];
  const ca = a.index.clusterByName;
  const cb = b.index.clusterByName;
  for (const [name, c] of [...cb].sort(([x], [y]) => (x < y ? -1 : 1))) if (!ca.has(name)) out.push(addedOrRemoved(c, true));
  for (const [name, c] of [...ca].sort(([x], [y]) => (x < y ? -1 : 1))) if (!cb.has(name)) out.push(addedOrRemoved(c, false));
  for (const [name, before] of [...ca].sort(([x], [y]) => (x < y ? -1 : 1))) {
    const after = cb.get(name);
    if (!after) continue;
    for (const [field, get] of POLICY_FIELDS) {
      const x = get(before);
      const y = get(after);
      if (stableJson(x) === stableJson(y)) continue;
      out.push(change('clusters', 'policy-changed', name, `${field} ${compact(x, 60)} → ${compact(y, 60)}`, compact(x), compact(y)));
    }
  }
  return out;
}
