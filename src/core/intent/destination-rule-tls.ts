import { type ConfigObject, type ConfigSet, namespaceOf, objectRef } from '../config/objects.ts';
import { asArray, asNumber, asObject, asString, type JsonObject } from '../envoy/json.ts';

export interface DestinationRuleTls {
  ref: string;
  /** The field whose `tls` is in effect (`spec.subsets[v1].trafficPolicy.tls`), or where the policy is left without one. */
  field: string;
  /** `tls.mode` in effect, or null when no `tls` applies (Istio's auto mTLS decides). */
  mode: string | null;
}

function portLevel(policy: JsonObject | undefined, port: number): JsonObject | undefined {
  for (const p of asArray(policy?.portLevelSettings)) {
    const o = asObject(p);
    if (o && asNumber(asObject(o.port)?.number) === port) return o;
  }
  return undefined;
}

/**
 * The `tls` of a DestinationRule for a subset and service port, merged as istiod merges it
 * (pilot/pkg/networking/util/util.go MergeSubsetTrafficPolicy → GetPortLevelTrafficPolicy, and
 * pilot/pkg/model/destination_rule.go MergeTrafficPolicy): a `portLevelSettings` entry for the port
 * replaces the level's policy wholesale (its `tls`, or none); a subset's policy overrides the
 * top level's `tls` when it sets one, or always when it has a port-level entry for the port.
 */
export function destinationRuleTls(dr: ConfigObject, subset: string | undefined, port: number): DestinationRuleTls {
  const ref = objectRef(dr);
  const top = asObject(dr.spec.trafficPolicy);
  const topPort = portLevel(top, port);
  let field = topPort ? `spec.trafficPolicy.portLevelSettings[${port}].tls` : 'spec.trafficPolicy.tls';
  let tls = asObject((topPort ?? top)?.tls);
  if (subset !== undefined) {
    const s = asArray(dr.spec.subsets)
      .map(asObject)
      .find((x) => x !== undefined && asString(x.name) === subset);
    const policy = asObject(s?.trafficPolicy);
    const subPort = portLevel(policy, port);
    if (subPort) {
      tls = asObject(subPort.tls);
      field = `spec.subsets[${subset}].trafficPolicy.portLevelSettings[${port}].tls`;
    } else if (asObject(policy?.tls)) {
      tls = asObject(policy?.tls);
      field = `spec.subsets[${subset}].trafficPolicy.tls`;
    }
  }
  return { ref, field, mode: tls ? (asString(tls.mode) ?? 'DISABLE') : null };
}

/** The DestinationRule object a cluster's `istio.config` metadata names, when the set holds it. */
export function findDestinationRule(set: ConfigSet, name: string, namespace: string): ConfigObject | undefined {
  return set.objects.find((o) => o.kind === 'DestinationRule' && o.metadata.name === name && namespaceOf(o) === namespace);
}
