import type { FilterChain, Listener } from '../envoy/types.ts';

/** A chain's label as Envoy's stats and Istio name it, or its position. */
export function chainLabel(listener: Listener, chain: FilterChain): string {
  return chain.name || `chain #${listener.filterChains.indexOf(chain)}`;
}

/** A chain's match in words: `tls, ALPN istio-http/1.0,istio-http/1.1,istio-h2, terminates ISTIO_MUTUAL`. */
export function describeChainMatch(chain: FilterChain): string {
  const m = chain.match;
  const parts: string[] = [];
  if (m.destinationPort) parts.push(`port ${m.destinationPort}`);
  parts.push(m.transportProtocol ?? 'any transport');
  if (m.serverNames.length) parts.push(`server names ${m.serverNames.join(',')}`);
  parts.push(m.applicationProtocols.length ? `ALPN ${m.applicationProtocols.join(',')}` : 'any ALPN');
  if (chain.tls) parts.push(`terminates ${chain.tls.mode}`);
  return parts.join(', ');
}

type Field = [string, (c: FilterChain) => string];

/** The criteria of Envoy's filter chain match an inbound chain sets, in Envoy's order (FilterChainManagerImpl). */
const FIELDS: readonly Field[] = [
  ['destination port', (c) => String(c.match.destinationPort ?? '')],
  ['destination IP', (c) => c.match.prefixRanges.map((r) => `${r.addressPrefix}/${r.prefixLen}`).join(',')],
  ['server name', (c) => c.match.serverNames.join(',')],
  ['transport protocol', (c) => c.match.transportProtocol ?? ''],
  ['application protocols', (c) => c.match.applicationProtocols.join(',')],
];

/** The first criterion, in Envoy's order, where `other` asks for something else than `chosen`. */
function firstDifference(chosen: FilterChain, other: FilterChain): string | undefined {
  for (const [name, get] of FIELDS) if (get(chosen) !== get(other)) return name;
  return undefined;
}

/**
 * What the other chains at the port needed, and the criterion that decided: the latest criterion
 * (in Envoy's order) that set the chosen chain apart from one of its neighbours.
 */
export function otherChains(listener: Listener, chosen: FilterChain | undefined, atPort: readonly FilterChain[]): { decidedBy?: string; others: string } {
  const rest = atPort.filter((c) => c !== chosen);
  let decided = -1;
  for (const c of rest) {
    const diff = chosen ? firstDifference(chosen, c) : undefined;
    const at = FIELDS.findIndex(([n]) => n === diff);
    decided = Math.max(decided, at);
  }
  const others = rest.map((c) => `${chainLabel(listener, c)} (${describeChainMatch(c)})`).join('; ');
  const out: { decidedBy?: string; others: string } = { others: others || 'none' };
  if (decided >= 0) out.decidedBy = FIELDS[decided]![0];
  return out;
}
