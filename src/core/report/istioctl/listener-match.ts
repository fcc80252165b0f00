import type { FilterChainMatch } from '../../envoy/types.ts';

/**
 * istioctl's MATCH column for a filter chain (`getMatches`): SNI, transport protocol, the ALPN
 * list (named when it is one of Istio's usual sets), destination prefixes and port; `ALL` when
 * the chain matches everything. Source matches are not shown.
 */
const ALPN_SETS: [string, string[]][] = [
  ['App: HTTP TLS', ['http/1.0', 'http/1.1', 'h2c', 'istio-http/1.0', 'istio-http/1.1', 'istio-h2']],
  ['App: Istio HTTP Plain', ['istio', 'istio-http/1.0', 'istio-http/1.1', 'istio-h2']],
  ['App: TCP TLS', ['istio-peer-exchange', 'istio']],
  ['App: HTTP', ['http/1.0', 'http/1.1', 'h2c']],
];

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

export function describeChainMatch(match: FilterChainMatch): string {
  const descrs: string[] = [];
  if (match.serverNames.length > 0) descrs.push(`SNI: ${match.serverNames.join(',')}`);
  if (match.transportProtocol) descrs.push(`Trans: ${match.transportProtocol}`);
  if (match.applicationProtocols.length > 0) {
    const known = ALPN_SETS.find(([, list]) => sameList(list, match.applicationProtocols));
    descrs.push(known ? known[0] : `App: ${match.applicationProtocols.join(',')}`);
  }
  const port = match.destinationPort === undefined ? '' : `:${match.destinationPort}`;
  if (match.prefixRanges.length > 0) {
    descrs.push(`Addr: ${match.prefixRanges.map((r) => `${r.addressPrefix}/${r.prefixLen}`).join(',')}${port}`);
  } else if (port !== '') {
    descrs.push(`Addr: *${port}`);
  }
  return descrs.length === 0 ? 'ALL' : descrs.join('; ');
}
