import { HTTP_CONNECTION_MANAGER, TCP_PROXY } from '../../envoy/filter-names.ts';
import { asString, isObject, type JsonObject } from '../../envoy/json.ts';
import { filterChainsOf } from '../../envoy/listener-chains.ts';
import type { FilterChain, Listener } from '../../envoy/types.ts';
import { goSortSlice, goStringLess } from '../go-sort.ts';
import { cells, tabulate } from '../tabwriter.ts';
import { describeFilters, isBlackHoleTcpProxy } from './listener-destination.ts';
import { describeChainMatch } from './listener-match.ts';

/**
 * `istioctl proxy-config listeners`: verbose (default) one row per filter chain with its match
 * and destination; `--verbose=false` one row per listener with its type (HTTP, TCP, HTTP+TCP).
 */
export interface ListenerFilter {
  /** Case-insensitive, against the main and the additional addresses. */
  address?: string;
  port?: number;
  /** HTTP, TCP, HTTP+TCP or UNKNOWN, case-insensitive. */
  type?: string;
  verbose?: boolean;
}

/** The socket address, or the pipe path; '' for an internal listener. */
function listenerAddress(l: Listener): string {
  return l.address?.pipe ?? l.address?.address ?? '';
}

/** istioctl only reads the socket address of additional addresses. */
function listenerAdditionalAddresses(l: Listener): string[] {
  return l.additionalAddresses.map((a) => (a.pipe === undefined && a.internalListener === undefined ? a.address : ''));
}

export function listenerPort(l: Listener): number {
  return l.address?.pipe === undefined ? (l.address?.port ?? 0) : 0;
}

function rawFilters(chain: FilterChain): JsonObject[] {
  const filters = chain.raw.filters;
  return Array.isArray(filters) ? filters.filter(isObject) : [];
}

const typeCache = new WeakMap<Listener, string>();

/** HTTP, TCP, HTTP+TCP or UNKNOWN from the chains' HTTP connection managers and TCP proxies. */
function listenerType(l: Listener): string {
  let type = typeCache.get(l);
  if (type === undefined) {
    type = countListenerType(l);
    typeCache.set(l, type);
  }
  return type;
}

function countListenerType(l: Listener): string {
  let http = 0;
  let tcp = 0;
  for (const chain of filterChainsOf(l)) {
    for (const filter of rawFilters(chain)) {
      const name = asString(filter.name);
      if (name === HTTP_CONNECTION_MANAGER) http++;
      else if (name === TCP_PROXY && !isBlackHoleTcpProxy(filter)) tcp++;
    }
  }
  if (http > 0) return tcp === 0 ? 'HTTP' : 'HTTP+TCP';
  return tcp > 0 ? 'TCP' : 'UNKNOWN';
}

export function listenerMatches(l: Listener, filter: ListenerFilter): boolean {
  if (filter.address) {
    const want = filter.address.toLowerCase();
    if (![...listenerAdditionalAddresses(l), listenerAddress(l)].some((a) => a.toLowerCase() === want)) return false;
  }
  if (filter.port && listenerPort(l) !== filter.port) return false;
  if (filter.type && listenerType(l).toLowerCase() !== filter.type.toLowerCase()) return false;
  return true;
}

/** Active dynamic listeners, then static ones, filtered and sorted by port, address, type. */
function sortedListeners(listeners: readonly Listener[], filter: ListenerFilter = {}): Listener[] {
  const list = [...listeners.filter((l) => l.meta.state === 'active'), ...listeners.filter((l) => l.meta.state === 'static')].filter((l) =>
    listenerMatches(l, filter),
  );
  return goSortSlice(list, (a, b) => {
    const ap = listenerPort(a);
    const bp = listenerPort(b);
    if (ap !== bp) return ap < bp;
    const aa = listenerAddress(a);
    const ba = listenerAddress(b);
    if (aa !== ba) return goStringLess(aa, ba);
    return goStringLess(listenerType(a), listenerType(b));
  });
}

export function renderListeners(listeners: readonly Listener[], filter: ListenerFilter = {}, withType = false): string {
  const verbose = filter.verbose ?? true;
  const header = `${withType ? 'NAME\t' : ''}ADDRESSES\tPORT${verbose ? '\tMATCH\tDESTINATION' : '\tTYPE'}`;
  const lines = [header];
  for (const l of sortedListeners(listeners, filter)) {
    const prefix = [...(withType ? [`listener/${l.name}`] : []), [listenerAddress(l), ...listenerAdditionalAddresses(l)].join(','), listenerPort(l)];
    if (!verbose) {
      lines.push(cells([...prefix, listenerType(l)]));
      continue;
    }
    const chains = filterChainsOf(l).map((chain) => ({ match: describeChainMatch(chain.match), destination: describeFilters(rawFilters(chain)) }));
    goSortSlice(chains, (a, b) => goStringLess(b.destination, a.destination));
    for (const chain of chains) lines.push(cells([...prefix, chain.match, chain.destination]));
  }
  return tabulate(lines, 1);
}
