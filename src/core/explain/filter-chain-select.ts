import { ipInRange, parseIp } from '../envoy/ip.ts';
import type { CidrRange, FilterChain, Listener } from '../envoy/types.ts';
import { type ConnectionFacts, describeConnection } from './connection.ts';
import { selectByMatcher } from './filter-chain-matcher.ts';

export type { ConnectionFacts } from './connection.ts';

/** The chain Envoy picks for a connection, and why; `assumptions` name facts meshscope did not know. */
export interface FilterChainChoice {
  chain?: FilterChain;
  reason: string;
  assumptions?: string[];
}

/**
 * One criterion of Envoy's filter chain match (FilterChainManagerImpl::findFilterChain,
 * source/common/listener_manager/filter_chain_manager_impl.cc), in its order: destination port,
 * destination IP, server name, transport protocol, application protocols, direct source IP,
 * source type, source IP, source port. Each narrows the candidates to the chains that match the
 * connection most specifically; chains that leave the criterion empty are the fallback, and no
 * candidate left means no chain matches.
 */
type Criterion = (chains: readonly FilterChain[], facts: ConnectionFacts, assume: (text: string) => void) => readonly FilterChain[];

const byPort: Criterion = (chains, facts) => {
  const exact = chains.filter((c) => c.match.destinationPort === facts.destinationPort);
  return exact.length > 0 ? exact : chains.filter((c) => c.match.destinationPort === undefined || c.match.destinationPort === 0);
};

/** The longest range containing `ip` (an empty list is the catch-all `/0`), or -1. */
function longestRange(ranges: readonly CidrRange[], ip: string | undefined): number {
  if (ranges.length === 0) return 0;
  const parsed = ip === undefined ? undefined : parseIp(ip);
  let best = -1;
  if (parsed === undefined) return best;
  for (const r of ranges) if (ipInRange(parsed, r)) best = Math.max(best, r.prefixLen);
  return best;
}

/** Destination (or source) IP: the most specific prefix wins, Envoy's LC-trie lookup. */
function byRange(pick: (c: FilterChain) => readonly CidrRange[], ip: (f: ConnectionFacts) => string | undefined, what: string): Criterion {
  return (chains, facts, assume) => {
    const address = ip(facts);
    if (address === undefined && chains.some((c) => pick(c).length > 0)) {
      assume(`${what} is not known: chains that name ${what} ranges were not considered`);
    }
    const scored = chains.map((c) => ({ c, s: longestRange(pick(c), address) })).filter((x) => x.s >= 0);
    const top = Math.max(-1, ...scored.map((x) => x.s));
    return scored.filter((x) => x.s === top).map((x) => x.c);
  };
}

/** Server names: exact, then the longest `*.suffix` wildcard (any depth), then chains without server names. */
const byServerName: Criterion = (chains, facts) => {
  const names = (c: FilterChain) => c.match.serverNames.map((n) => n.toLowerCase());
  const sni = facts.serverName?.toLowerCase();
  if (sni !== undefined && sni !== '') {
    const exact = chains.filter((c) => names(c).includes(sni));
    if (exact.length > 0) return exact;
    for (let dot = sni.indexOf('.', 1); dot !== -1 && dot < sni.length - 1; dot = sni.indexOf('.', dot + 1)) {
      const wildcard = `*${sni.slice(dot)}`;
      const hit = chains.filter((c) => names(c).includes(wildcard));
      if (hit.length > 0) return hit;
    }
  }
  return chains.filter((c) => c.match.serverNames.length === 0);
};

const byTransport: Criterion = (chains, facts) => {
  const exact = chains.filter((c) => c.match.transportProtocol === facts.transportProtocol);
  return exact.length > 0 ? exact : chains.filter((c) => !c.match.transportProtocol);
};

/** Application protocols: the connection's protocols in its order, the first some chain lists wins. */
const byApplicationProtocol: Criterion = (chains, facts) => {
  for (const protocol of facts.applicationProtocols) {
    const hit = chains.filter((c) => c.match.applicationProtocols.includes(protocol));
    if (hit.length > 0) return hit;
  }
  return chains.filter((c) => c.match.applicationProtocols.length === 0);
};

/** Source type: a connection from the destination's own IP or loopback is local; others are external. */
const bySourceType: Criterion = (chains, facts, assume) => {
  const typed = chains.filter((c) => c.match.sourceType !== undefined && c.match.sourceType !== 'ANY');
  if (typed.length === 0) return chains;
  if (facts.sourceIp === undefined) assume("the client's address is not known: the connection is taken as external (not from loopback or the same IP)");
  const local = facts.sourceIp !== undefined && (facts.sourceIp === facts.destinationIp || /^127\.|^::1$/.test(facts.sourceIp));
  const want = local ? 'SAME_IP_OR_LOOPBACK' : 'EXTERNAL';
  const exact = chains.filter((c) => c.match.sourceType === want);
  return exact.length > 0 ? exact : chains.filter((c) => c.match.sourceType === undefined || c.match.sourceType === 'ANY');
};

const bySourcePort: Criterion = (chains, _facts, assume) => {
  if (chains.some((c) => c.match.sourcePorts.length > 0)) assume("the client's source port is not known: chains that name source ports were not considered");
  return chains.filter((c) => c.match.sourcePorts.length === 0);
};

const CRITERIA: readonly [string, Criterion][] = [
  ['destination port', byPort],
  [
    'destination IP',
    byRange(
      (c) => c.match.prefixRanges,
      (f) => f.destinationIp,
      'the destination address',
    ),
  ],
  ['server name', byServerName],
  ['transport protocol', byTransport],
  ['application protocols', byApplicationProtocol],
  [
    'direct source IP',
    byRange(
      (c) => c.match.directSourcePrefixRanges,
      (f) => f.sourceIp,
      "the client's address",
    ),
  ],
  ['source type', bySourceType],
  [
    'source IP',
    byRange(
      (c) => c.match.sourcePrefixRanges,
      (f) => f.sourceIp,
      "the client's address",
    ),
  ],
  ['source port', bySourcePort],
];

/**
 * Envoy's filter chain match for a new connection (`filter_chains[].filter_chain_match`): every
 * criterion in order; nothing left → the listener's `default_filter_chain`, else Envoy closes the
 * connection. Two chains left at the end have the same match, which Envoy rejects at load.
 * A listener with `filter_chain_matcher` picks its chain with the matcher instead (filter-chain-matcher.ts).
 */
export function selectFilterChain(listener: Listener, facts: ConnectionFacts): FilterChainChoice {
  if (listener.filterChainMatcher) {
    const byMatcher = selectByMatcher(listener, listener.filterChainMatcher, facts);
    const extra = byMatcher.assumptions.length ? { assumptions: byMatcher.assumptions } : {};
    return byMatcher.chain ? { chain: byMatcher.chain, reason: byMatcher.reason, ...extra } : { reason: byMatcher.reason, ...extra };
  }
  const assumptions: string[] = [];
  const assume = (text: string) => {
    if (!assumptions.includes(text)) assumptions.push(text);
  };
  let candidates: readonly FilterChain[] = listener.filterChains;
  let failedAt: string | undefined;
  for (const [name, criterion] of CRITERIA) {
    candidates = criterion(candidates, facts, assume);
    if (candidates.length === 0) {
      failedAt = name;
      break;
    }
  }
  const extra = assumptions.length ? { assumptions } : {};
  const label = (c: FilterChain): string => c.name || `chain #${listener.filterChains.indexOf(c)}`;
  const connection = describeConnection(facts);
  if (candidates.length > 0) {
    const chosen = candidates[0]!;
    const tie = candidates.length > 1 ? ` (${candidates.length} chains tie; Envoy rejects such a listener, the first is shown)` : '';
    return { chain: chosen, reason: `${label(chosen)} matches the connection (${connection})${tie}`, ...extra };
  }
  const why = listener.filterChains.length === 0 ? 'the listener has no filter chains' : `no filter chain matches (${connection}; none fits its ${failedAt})`;
  if (listener.defaultFilterChain) return { chain: listener.defaultFilterChain, reason: `${why}: default_filter_chain`, ...extra };
  return { reason: `${why} and there is no default_filter_chain: Envoy closes the connection`, ...extra };
}
