import { asObject } from '../envoy/json.ts';
import type { AnalyzerMessage } from '../istio/analyze.ts';
import type { Analyzer } from './analyzer.ts';
import { ConflictingSidecarWorkloadSelectors, IneffectivePolicy, MultipleSidecarsWithoutWorkloadSelectors, ReferencedResourceNotFound } from './catalogue.ts';
import { message, ofKind, type Resource, selectorString, stringMapOf } from './resource.ts';

/**
 * sidecar.SelectorAnalyzer (istio/istio pkg/config/analysis/analyzers/sidecar/selector.go): a
 * Sidecar's workload selector must match a pod of its namespace (IST0101); a pod selected by
 * several Sidecars makes each IST0110; several selector-less Sidecars in a namespace make each
 * IST0111; a Sidecar selecting an ambient pod, or a selector-less one in an ambient namespace, is
 * IST0167 (once per Sidecar).
 */
/** util.PodInAmbientMode: the CNI's `ambient.istio.io/redirection: enabled` annotation. */
function podInAmbient(pod: Resource | undefined): boolean {
  return pod?.annotations['ambient.istio.io/redirection'] === 'enabled';
}

/** util.NamespaceInAmbientMode: `istio.io/dataplane-mode: ambient`, unless injection is on (`istio-injection: enabled` or an `istio.io/rev`). */
function namespaceInAmbient(ns: Resource | undefined): boolean {
  if (ns === undefined) return false;
  if (ns.labels['istio-injection'] === 'enabled') return false;
  if ((ns.labels['istio.io/rev'] ?? '') !== '') return false;
  return ns.labels['istio.io/dataplane-mode'] === 'ambient';
}

/** getNames: the Sidecars' names (without namespace), sorted. */
function names(list: Resource[]): string[] {
  return list.map((r) => r.name).sort();
}

export const sidecarSelectorAnalyzer: Analyzer = {
  name: 'sidecar.SelectorAnalyzer',
  description:
    "Validates that sidecars that define a workload selector match at least one pod, and that there aren't multiple sidecar resources that select overlapping pods",
  analyze(input) {
    const out: AnalyzerMessage[] = [];
    const pods = ofKind(input, 'Pod');
    const podsToSidecars = new Map<string, { pod: Resource; sidecars: Resource[] }>();
    const namespaceWide = new Map<string, Resource[]>();
    for (const sc of ofKind(input, 'Sidecar')) {
      const selector = stringMapOf(asObject(sc.spec.workloadSelector)?.labels) ?? {};
      if (Object.keys(selector).length === 0) {
        namespaceWide.set(sc.namespace, [...(namespaceWide.get(sc.namespace) ?? []), sc]);
        continue;
      }
      let found = false;
      for (const pod of pods) {
        if (pod.namespace !== sc.namespace) continue;
        if (!Object.entries(selector).every(([k, v]) => pod.labels[k] === v)) continue;
        found = true;
        const entry = podsToSidecars.get(pod.fullName) ?? { pod, sidecars: [] };
        entry.sidecars.push(sc);
        podsToSidecars.set(pod.fullName, entry);
      }
      if (!found) out.push(message(ReferencedResourceNotFound, sc, 'selector', selectorString(selector)));
    }
    const namespaces = new Map(ofKind(input, 'Namespace').map((n) => [n.name, n] as const));
    const reported = new Set<string>();
    for (const { pod, sidecars } of podsToSidecars.values()) {
      const ambient = podInAmbient(pod);
      if (sidecars.length === 1 && !ambient) continue;
      for (const sc of sidecars) {
        if (ambient) {
          if (!reported.has(sc.fullName)) out.push(message(IneffectivePolicy, sc, 'selected workload is in ambient mode, the policy has no impact'));
          reported.add(sc.fullName);
          continue;
        }
        out.push(message(ConflictingSidecarWorkloadSelectors, sc, names(sidecars), pod.namespace, pod.name));
      }
    }
    for (const [ns, list] of namespaceWide) {
      if (namespaceInAmbient(namespaces.get(ns))) {
        for (const sc of list) {
          if (!reported.has(sc.fullName)) out.push(message(IneffectivePolicy, sc, 'namespace is in ambient mode, the policy has no impact'));
          reported.add(sc.fullName);
        }
        continue;
      }
      if (list.length > 1) for (const sc of list) out.push(message(MultipleSidecarsWithoutWorkloadSelectors, sc, names(list), ns));
    }
    return out;
  },
};
