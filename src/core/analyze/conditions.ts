import type { ObjectKind } from '../config/objects.ts';
import { asArray, asObject, asString } from '../envoy/json.ts';
import type { AnalyzerMessage } from '../istio/analyze.ts';
import type { Analyzer } from './analyzer.ts';
import { NegativeConditionStatus } from './catalogue.ts';
import { message, ofKind, type Resource } from './resource.ts';

/**
 * conditions.ConditionAnalyzer (istio/istio pkg/config/analysis/analyzers/conditions/conditions.go):
 * a status condition whose type is one of the kind's watched types with the negative status
 * (`False`) is IST0171; so is an AuthorizationPolicy's `WaypointAccepted` with reason
 * `PartiallyInvalid`. Conditions are `status.conditions`, or `status.parents[].conditions` for
 * HTTPRoute and GRPCRoute. As upstream's map lookup, a condition of an unwatched type with an empty
 * status also matches (the zero value).
 */
const FALSE = 'False';
const ROUTE = { Accepted: FALSE, Programmed: FALSE, ResolvedRefs: FALSE };
const WATCHED: [ObjectKind, Record<string, string>][] = [
  ['Service', { 'istio.io/WaypointBound': FALSE }],
  ['ServiceEntry', { 'istio.io/WaypointBound': FALSE }],
  ['WorkloadEntry', { 'istio.io/WaypointBound': FALSE }],
  ['AuthorizationPolicy', { ZtunnelAccepted: FALSE, WaypointAccepted: FALSE }],
  ['KubernetesGateway', ROUTE],
  ['HTTPRoute', ROUTE],
  ['GRPCRoute', ROUTE],
];

interface Condition {
  type: string;
  status: string;
  reason: string;
  message: string;
}

function conditionsOf(r: Resource): Condition[] {
  const status = r.status;
  if (status === undefined) return [];
  const lists = r.kind === 'HTTPRoute' || r.kind === 'GRPCRoute' ? asArray(status.parents).map((p) => asObject(p)?.conditions) : [status.conditions];
  return lists.flatMap((list) =>
    asArray(list).flatMap((c) => {
      const o = asObject(c);
      if (o === undefined) return [];
      return [{ type: asString(o.type) ?? '', status: asString(o.status) ?? '', reason: asString(o.reason) ?? '', message: asString(o.message) ?? '' }];
    }),
  );
}

export const conditionAnalyzer: Analyzer = {
  name: 'conditions.ConditionAnalyzer',
  description: 'Checks for negative status conditions on resources',
  analyze(input) {
    const out: AnalyzerMessage[] = [];
    for (const [kind, watched] of WATCHED) {
      for (const r of ofKind(input, kind)) {
        for (const c of conditionsOf(r)) {
          if ((Object.hasOwn(watched, c.type) ? watched[c.type] : '') === c.status) out.push(message(NegativeConditionStatus, r, c.type, c.reason, c.message));
          if (kind === 'AuthorizationPolicy' && c.type === 'WaypointAccepted' && c.reason === 'PartiallyInvalid')
            out.push(message(NegativeConditionStatus, r, c.type, c.reason, c.message));
        }
      }
    }
    return out;
  },
};
