import { type LabelSelector, matchesLabels } from '../core/istio/label-selector.ts';
import type { MeshSource, ProxySummary } from './mesh-source.ts';

/**
 * Which proxies meshtop watches: the ones named (`POD.NS...`), or every proxy of proxy-status in
 * a namespace (`-n`) and/or with matching pod labels (`-l`). A selection by namespace or label is
 * listed again now and then, so pods that come (a rollout) and go are followed.
 */
export type TopSelection = { kind: 'named'; proxies: string[] } | { kind: 'query'; namespace?: string; selector: LabelSelector; text: string };

/** Gateways and waypoints are proxies too; meshtop watches what the selection says, whatever the type. */
function selectProxies(proxies: readonly ProxySummary[], selection: Extract<TopSelection, { kind: 'query' }>): string[] {
  return proxies
    .filter((p) => (selection.namespace === undefined || p.namespace === selection.namespace) && matchesLabels(selection.selector, p.labels ?? {}))
    .map((p) => p.name);
}

/** The proxies to poll now. A query that matches nothing is not an error here: the view says so. */
export async function resolveSelection(source: MeshSource, selection: TopSelection, signal?: AbortSignal): Promise<string[]> {
  if (selection.kind === 'named') return selection.proxies;
  return selectProxies(await source.listProxies(signal), selection);
}

/** For the header: what is being watched. */
export function describeSelection(selection: TopSelection): string {
  if (selection.kind === 'named') return selection.proxies.join(', ');
  const parts = [selection.namespace === undefined ? 'all namespaces' : `namespace ${selection.namespace}`];
  if (selection.text) parts.push(`-l ${selection.text}`);
  return parts.join(' ');
}
