import { asArray, asNumber, asObject, asString } from '../envoy/json.ts';
import type { AnalyzerMessage } from '../istio/analyze.ts';
import type { Analyzer } from './analyzer.ts';
import { Deprecated } from './catalogue.ts';
import { message, ofKind } from './resource.ts';

/**
 * deprecation.DeprecationAnalyzer (istio/istio pkg/config/analysis/analyzers/deprecation/
 * deprecation.go, FieldAnalyzer): IST0002 for `http[].fault.delay.percent` above 0 in a
 * VirtualService (use `percentage`), a Sidecar's `outboundTrafficPolicy.egressProxy` (ignored),
 * and CRDs of the removed rbac.istio.io kinds.
 */
const REMOVED_RBAC = ['ClusterRbacConfig', 'RbacConfig', 'ServiceRole', 'ServiceRoleBinding'];

export const deprecationAnalyzer: Analyzer = {
  name: 'deprecation.DeprecationAnalyzer',
  description: 'Checks for deprecated Istio types and fields',
  analyze(input) {
    const out: AnalyzerMessage[] = [];
    for (const r of ofKind(input, 'VirtualService')) {
      for (const rule of asArray(r.spec.http)) {
        const delay = asObject(asObject(asObject(rule)?.fault)?.delay);
        if ((asNumber(delay?.percent) ?? 0) > 0)
          out.push(message(Deprecated, r, 'HTTPRoute.fault.delay.percent is deprecated; use HTTPRoute.fault.delay.percentage'));
      }
    }
    for (const r of ofKind(input, 'Sidecar')) {
      const egress = asObject(r.spec.outboundTrafficPolicy)?.egressProxy;
      if (egress !== undefined && egress !== null) out.push(message(Deprecated, r, 'OutboundTrafficPolicy.EgressProxy ignored'));
    }
    for (const r of ofKind(input, 'CustomResourceDefinition')) {
      const group = asString(r.spec.group);
      const kind = asString(asObject(r.spec.names)?.kind) ?? '';
      if (group === 'rbac.istio.io' && REMOVED_RBAC.includes(kind)) out.push(message(Deprecated, r, `Custom resource type rbac.istio.io ${kind} is removed`));
    }
    return out;
  },
};
