import { parseLocality } from '../envoy/address.ts';
import type { Locality, ProxyConfig } from '../envoy/types.ts';
import { type LbHost, localityKey } from './hosts.ts';

/**
 * Why an Istio cluster's endpoints sit at different EDS priorities. With locality load
 * balancing on (the mesh default) and outlier detection set, istiod ranks each locality against
 * the proxy's (pilot/pkg/networking/core/loadbalancer/loadbalancer.go, `applyLocalityFailover`,
 * with `util.LbPriority`): same region, zone and sub-zone 0; same zone 1; same region 2; another
 * region 3 (4 when a `failover` rule names another target), then renumbers the ranks in use to
 * 0..N. Without outlier detection Envoy would never leave priority 0, so istiod does not do it.
 */
export interface FailoverExplanation {
  /** The proxy's locality (bootstrap `node.locality`), `region/zone[/sub_zone]`. */
  proxyLocality: string;
  /** True when the EDS priorities are exactly Istio's ranking of the localities against the proxy's. */
  matchesIstio: boolean;
  /** Per priority: which localities it holds, in words (`the proxy's zone us-east1-b`). */
  priorities: string[];
  /** One sentence for the trace. */
  text: string;
}

/** `util.LbPriority`: how close an endpoint's locality is to the proxy's. */
export function istioRank(proxy: Locality, endpoint: Locality): number {
  if ((proxy.region ?? '') !== (endpoint.region ?? '')) return 3;
  if ((proxy.zone ?? '') !== (endpoint.zone ?? '')) return 2;
  if ((proxy.subZone ?? '') !== (endpoint.subZone ?? '')) return 1;
  return 0;
}

const RANK_WORDS = ["the proxy's locality", 'another sub-zone of its zone', 'another zone of its region', 'another region'];

function rankWords(rank: number, l: Locality): string {
  const where = localityKey(l) || 'no locality';
  return rank === 0 ? `${RANK_WORDS[0]} (${where})` : `${RANK_WORDS[rank] ?? 'another region'} (${where})`;
}

/** The proxy's locality from its bootstrap node. */
export function proxyLocality(config: ProxyConfig): Locality | undefined {
  const l = parseLocality(config.node?.raw.locality);
  return l.region || l.zone || l.subZone ? l : undefined;
}

/** Explains the priorities of `hosts` in Istio's terms; undefined when there is only priority 0 or no proxy locality. */
export function explainFailover(config: ProxyConfig, hosts: readonly LbHost[], outlierDetection: boolean): FailoverExplanation | undefined {
  const proxy = proxyLocality(config);
  const max = hosts.reduce((m, h) => Math.max(m, h.priority), 0);
  if (!proxy || max === 0) return undefined;
  const ranks = hosts.map((h) => istioRank(proxy, h.localityOf));
  const used = [...new Set(ranks)].sort((a, b) => a - b);
  const matchesIstio = hosts.every((h, i) => used.indexOf(ranks[i]!) === h.priority);
  const priorities = Array.from({ length: max + 1 }, (_, p) => {
    const words = new Set(hosts.map((h, i) => (h.priority === p ? rankWords(ranks[i]!, h.localityOf) : '')).filter(Boolean));
    return [...words].join(', ') || 'no hosts';
  });
  const list = priorities.map((w, p) => `priority ${p}: ${w}`).join('; ');
  const here = localityKey(proxy);
  const why = outlierDetection ? ' (outlier detection is set)' : '';
  const text = matchesIstio
    ? `Istio's locality failover${why} ranks the localities against the proxy's (${here}): ${list}`
    : `the EDS priorities are not Istio's default ranking against the proxy's locality ${here} (a DestinationRule's failover or failoverPriority?): ${list}`;
  return { proxyLocality: here, matchesIstio, priorities, text };
}
