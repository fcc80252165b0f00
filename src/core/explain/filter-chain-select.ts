import type { CidrRange, FilterChain, Listener } from '../envoy/types.ts';

/**
 * Envoy's filter chain match for a new connection, in its order: destination port, destination IP
 * (longest prefix), server name, transport protocol, application protocols. At each stage the most
 * specific chains win and chains that leave the criterion empty are the fallback. Nothing left →
 * the listener's default_filter_chain. The connection meshscope explains is the application's own
 * plaintext HTTP/1.1 (the sidecar's http_inspector reports `http/1.1`), with no SNI.
 */
export interface ConnectionFacts {
  destinationPort: number;
  destinationIp?: string;
  transportProtocol: 'raw_buffer' | 'tls';
  applicationProtocols: string[];
  serverName?: string;
}

export interface FilterChainChoice {
  chain?: FilterChain;
  reason: string;
}

function ipToInt(ip: string): number | undefined {
  const parts = ip.split('.').map(Number);
  if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255)) return undefined;
  return ((parts[0]! << 24) >>> 0) + (parts[1]! << 16) + (parts[2]! << 8) + parts[3]!;
}

/** Length of the longest range containing ip; -1 when the chain names ranges and none contains it. */
function prefixScore(ranges: CidrRange[], ip: string | undefined): number {
  if (ranges.length === 0) return 0;
  const value = ip === undefined ? undefined : ipToInt(ip);
  let best = -1;
  for (const r of ranges) {
    const base = ipToInt(r.addressPrefix);
    if (value === undefined || base === undefined) continue;
    const mask = r.prefixLen === 0 ? 0 : (~0 << (32 - r.prefixLen)) >>> 0;
    if ((value & mask) >>> 0 === (base & mask) >>> 0) best = Math.max(best, r.prefixLen + 1);
  }
  return best;
}

type Stage = { name: string; score: (c: FilterChain) => number };

function stages(facts: ConnectionFacts): Stage[] {
  return [
    { name: 'destination port', score: (c) => (c.match.destinationPort === undefined ? 0 : c.match.destinationPort === facts.destinationPort ? 1 : -1) },
    { name: 'destination IP', score: (c) => prefixScore(c.match.prefixRanges, facts.destinationIp) },
    {
      name: 'server name',
      score: (c) => (c.match.serverNames.length === 0 ? 0 : facts.serverName !== undefined && c.match.serverNames.includes(facts.serverName) ? 1 : -1),
    },
    {
      name: 'transport protocol',
      score: (c) =>
        c.match.transportProtocol === undefined || c.match.transportProtocol === '' ? 0 : c.match.transportProtocol === facts.transportProtocol ? 1 : -1,
    },
    {
      name: 'application protocols',
      score: (c) => (c.match.applicationProtocols.length === 0 ? 0 : c.match.applicationProtocols.some((p) => facts.applicationProtocols.includes(p)) ? 1 : -1),
    },
  ];
}

function describe(facts: ConnectionFacts): string {
  const parts = [`port ${facts.destinationPort}`];
  if (facts.destinationIp) parts.push(`IP ${facts.destinationIp}`);
  parts.push(facts.transportProtocol === 'tls' ? 'TLS' : 'plaintext', facts.applicationProtocols.join('/') || 'no ALPN');
  return parts.join(', ');
}

export function selectFilterChain(listener: Listener, facts: ConnectionFacts): FilterChainChoice {
  let candidates = listener.filterChains;
  for (const stage of stages(facts)) {
    const scored = candidates.map((c) => ({ c, s: stage.score(c) })).filter((x) => x.s >= 0);
    if (scored.length === 0) {
      candidates = [];
      break;
    }
    const top = Math.max(...scored.map((x) => x.s));
    candidates = scored.filter((x) => x.s === top).map((x) => x.c);
  }
  const label = (c: FilterChain): string => c.name || `chain #${listener.filterChains.indexOf(c)}`;
  if (candidates.length > 0) {
    const chosen = candidates[0]!;
    const tie = candidates.length > 1 ? ` (${candidates.length} chains tie; Envoy rejects such a listener, the first is shown)` : '';
    return { chain: chosen, reason: `${label(chosen)} matches the connection (${describe(facts)})${tie}` };
  }
  if (listener.defaultFilterChain) {
    return { chain: listener.defaultFilterChain, reason: `no filter chain matches (${describe(facts)}): default_filter_chain` };
  }
  return { reason: `no filter chain matches (${describe(facts)}) and there is no default_filter_chain: Envoy closes the connection` };
}
