import type { ProxyConfig } from '../envoy/types.ts';
import type { ExplainResult } from '../explain/result.ts';
import type { AnalyzerMessage } from '../istio/analyze.ts';

/**
 * The `istioctl analyze` messages about the Istio resources one explained request went through:
 * the VirtualService of the matched route, the DestinationRules of its destinations and mirror
 * targets, and the Services behind those clusters. Messages keep analyze's order.
 */
export function relevantAnalyzerMessages(messages: AnalyzerMessage[], result: ExplainResult, config: ProxyConfig): AnalyzerMessage[] {
  const involved = new Set<string>();
  const add = (kind: string, display: string | null | undefined) => {
    if (!display) return;
    const dot = display.lastIndexOf('.');
    if (dot > 0) involved.add(`${kind} ${display.slice(dot + 1)}/${display.slice(0, dot)}`);
  };
  add('VirtualService', result.virtualService);
  add('DestinationRule', result.destinationRule);
  const clusters = new Set<string>([...result.destinations.map((d) => d.cluster), ...result.policies.mirrors.map((m) => m.cluster)]);
  if (result.cluster) clusters.add(result.cluster);
  for (const d of result.destinations) add('DestinationRule', d.destinationRule);
  for (const name of clusters) {
    const cluster = config.index.clusterByName.get(name);
    if (!cluster) continue;
    add('DestinationRule', cluster.destinationRule?.display);
    for (const s of cluster.services) if (s.name && s.namespace) involved.add(`Service ${s.namespace}/${s.name}`);
  }
  return messages.filter((m) => m.kind !== undefined && m.name !== undefined && involved.has(`${m.kind} ${m.namespace ?? ''}/${m.name}`));
}
