import { asArray, asObject, asString } from '../envoy/json.ts';
import type { AnalyzerMessage } from '../istio/analyze.ts';
import type { Analyzer } from './analyzer.ts';
import { DestinationRuleSubsetNotSelectPods, UnknownDestinationRuleHost } from './catalogue.ts';
import { message, ofKind, type Resource, stringMapOf } from './resource.ts';
import { destinationHost, serviceEntryHostMap, stringList } from './service-lookup.ts';

/**
 * destinationrule.SubsetSelectPodAnalyzer (istio/istio pkg/config/analysis/analyzers/destinationrule/
 * subset.go, PodNotSelectedAnalyzer): a DestinationRule whose host resolves to no Service or
 * ServiceEntry is IST0174; otherwise each subset's labels (merged over the ServiceEntry's workload
 * selector) must select some pod, in any namespace, whose labels are extended with its node's
 * topology labels as pilot does (serviceregistry/util/label AugmentLabels) — else IST0173.
 */
const REGION = 'topology.kubernetes.io/region';
const ZONE = 'topology.kubernetes.io/zone';
const SUBZONE = 'topology.istio.io/subzone';
const HOSTNAME = 'kubernetes.io/hostname';

/** The pod's labels plus region/zone/subzone from its node (LocalityToString then SplitLocalityLabel) and the node name. */
export function augmentedPodLabels(pod: Resource, nodeLabels: Map<string, Record<string, string>>): Record<string, string> {
  const out = { ...pod.labels };
  const nodeName = asString(pod.spec.nodeName) ?? '';
  const node = nodeLabels.get(nodeName);
  if (node !== undefined) {
    // LocalityToString stops at the first empty level; SplitLocalityLabel reads it back.
    const region = node[REGION] ?? '';
    const zone = node[ZONE] ?? '';
    const subzone = node[SUBZONE] ?? '';
    const parts = zone === '' ? [region] : subzone === '' ? [region, zone] : [region, zone, subzone];
    if (parts[0]) out[REGION] = parts[0];
    if (parts[1]) out[ZONE] = parts[1];
    if (parts[2]) out[SUBZONE] = parts[2];
  }
  if (nodeName !== '') out[HOSTNAME] = nodeName;
  return out;
}

function selects(selector: Record<string, string>, labels: Record<string, string>): boolean {
  return Object.entries(selector).every(([k, v]) => labels[k] === v);
}

export const subsetSelectPodAnalyzer: Analyzer = {
  name: 'destinationrule.SubsetSelectPodAnalyzer',
  description: 'Checks if pods are selected by subsets in destination rules.',
  analyze(input) {
    const out: AnalyzerMessage[] = [];
    const services = serviceEntryHostMap(input);
    const nodeLabels = new Map(ofKind(input, 'Node').map((n) => [n.name, n.labels] as const));
    const pods = ofKind(input, 'Pod').map((p) => augmentedPodLabels(p, nodeLabels));
    for (const dr of ofKind(input, 'DestinationRule')) {
      const host = asString(dr.spec.host) ?? '';
      const se = destinationHost(dr.namespace, stringList(dr.spec.exportTo), host, services);
      if (se === undefined) {
        out.push(message(UnknownDestinationRuleHost, dr, host));
        continue;
      }
      for (const subset of asArray(dr.spec.subsets)) {
        const s = asObject(subset);
        const selector = { ...se.workloadLabels, ...(stringMapOf(s?.labels) ?? {}) };
        if (!pods.some((labels) => selects(selector, labels))) out.push(message(DestinationRuleSubsetNotSelectPods, dr, asString(s?.name) ?? ''));
      }
    }
    return out;
  },
};
