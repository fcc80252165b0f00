import { asArray, asObject, asString } from '../envoy/json.ts';
import type { AnalyzerMessage } from '../istio/analyze.ts';
import type { Analyzer } from './analyzer.ts';
import { ReferencedResourceNotFound } from './catalogue.ts';
import { message, ofKind } from './resource.ts';
import { resourceNameFromHost } from './service-lookup.ts';
import { mirrorDestinations, routeDestinations } from './vs-destinations.ts';

/**
 * virtualservice.DestinationRuleAnalyzer (istio/istio pkg/config/analysis/analyzers/virtualservice/
 * destinationrules.go): a destination or mirror `subset` must be defined by a DestinationRule for
 * the same host, both hosts read as FullNames (GetResourceNameFromHost) in their object's namespace.
 */
export const destinationRuleAnalyzer: Analyzer = {
  name: 'virtualservice.DestinationRuleAnalyzer',
  description: 'Checks the destination rules associated with each virtual service',
  analyze(input) {
    const known = new Set<string>(); // initDestHostsAndSubsets: `FullName|subset`
    for (const dr of ofKind(input, 'DestinationRule')) {
      const host = asString(dr.spec.host) ?? '';
      for (const ss of asArray(dr.spec.subsets)) known.add(`${resourceNameFromHost(dr.namespace, host)}|${asString(asObject(ss)?.name) ?? ''}`);
    }
    const out: AnalyzerMessage[] = [];
    for (const r of ofKind(input, 'VirtualService')) {
      for (const [list, reftype] of [
        [routeDestinations(r.spec), 'host+subset in destinationrule'],
        [mirrorDestinations(r.spec), 'mirror+subset in destinationrule'],
      ] as const) {
        for (const d of list) {
          if (d.subset === '' || known.has(`${resourceNameFromHost(r.namespace, d.host)}|${d.subset}`)) continue;
          out.push(message(ReferencedResourceNotFound, r, reftype, `${d.host}+${d.subset}`));
        }
      }
    }
    return out;
  },
};
