import { parseCidrRanges } from './address.ts';
import { parseDownstreamTls } from './downstream-tls.ts';
import { CONNECTION_SOURCE_TYPE, checkEnum, enumValue } from './enums.ts';
import type { IssueSink } from './issues.ts';
import { asArray, asNumber, asObject, asString, isObject, type JsonObject, unwrap } from './json.ts';
import { FILTER_CHAIN, FILTER_CHAIN_MATCH } from './known-fields.ts';
import { parseNetworkFilter } from './network-filters.ts';
import { redactTlsContext } from './redact.ts';
import type { FilterChain, FilterChainMatch, NetworkFilter } from './types.ts';

/**
 * An envoy.config.listener.v3.FilterChain and its `filter_chain_match`: the criteria Envoy uses
 * to pick the chain for a new connection (destination port and IP, SNI, transport protocol, ALPN,
 * source).
 */
const NO_STRINGS: string[] = [];

function strings(value: unknown): string[] {
  const list = asArray(value);
  return list.length === 0 ? NO_STRINGS : list.filter((v): v is string => typeof v === 'string');
}

function parseFilterChainMatch(value: unknown, sink: IssueSink, where: string): FilterChainMatch {
  const m = asObject(value) ?? {};
  sink.unknownFields('filter_chain_match', where, m, FILTER_CHAIN_MATCH);
  const match: FilterChainMatch = {
    prefixRanges: parseCidrRanges(m.prefix_ranges),
    sourcePrefixRanges: parseCidrRanges(m.source_prefix_ranges),
    sourcePorts: asArray(m.source_ports).map((p) => asNumber(p) ?? 0),
    directSourcePrefixRanges: parseCidrRanges(m.direct_source_prefix_ranges),
    serverNames: strings(m.server_names),
    applicationProtocols: strings(m.application_protocols),
  };
  const port = asNumber(unwrap(m.destination_port));
  if (port !== undefined) match.destinationPort = port;
  const transport = asString(m.transport_protocol);
  if (transport) match.transportProtocol = transport;
  const sourceType = enumValue(CONNECTION_SOURCE_TYPE, m.source_type);
  if (sourceType) match.sourceType = sourceType;
  checkEnum(CONNECTION_SOURCE_TYPE, m.source_type, 'ANY', sink, where, 'filter_chain_match.source_type');
  return match;
}

export function parseFilterChain(raw: JsonObject, isDefault: boolean, sink: IssueSink, where: string): FilterChain {
  sink.unknownFields('filter_chain', where, raw, FILTER_CHAIN);
  const filters: NetworkFilter[] = [];
  for (const item of asArray(raw.filters)) if (isObject(item)) filters.push(parseNetworkFilter(item, sink, where));
  const chain: FilterChain = { match: parseFilterChainMatch(raw.filter_chain_match, sink, where), filters, isDefault, raw };
  const name = asString(raw.name);
  if (name !== undefined) chain.name = name;
  const socket = asObject(raw.transport_socket);
  if (socket) {
    chain.transportSocket = asString(socket.name) ?? '';
    const typed = asObject(socket.typed_config);
    if (typed) redactTlsContext(typed);
    const tls = parseDownstreamTls(socket);
    if (tls) chain.tls = tls;
  }
  return chain;
}
