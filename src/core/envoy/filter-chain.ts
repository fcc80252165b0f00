import { parseCidrRanges } from './address.ts';
import { parseDownstreamTls } from './downstream-tls.ts';
import { CONNECTION_SOURCE_TYPE, checkEnum, enumValue } from './enums.ts';
import { listField, stringListField, uint32Field } from './field-checks.ts';
import type { IssueSink } from './issues.ts';
import { asArray, asObject, asString, isObject, type JsonObject } from './json.ts';
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

function _strings(value: unknown): string[] {
  const list = asArray(value);
  return list.length === 0 ? NO_STRINGS : list.filter((v): v is string => typeof v === 'string');
}

/**
 * listener_components.proto FilterChainMatch: `destination_port = 8 [(validate.rules).uint32 =
 * {lte: 65535 gte: 1}]`, `repeated uint32 source_ports = 7 [(validate.rules).repeated = {items
 * {uint32 {lte: 65535 gte: 1}}}]`; address.proto CidrRange `prefix_len [(validate.rules).uint32 =
 * {lte: 128}]`. A bad port is read as 0, which no connection has.
 */
const PORT = { min: 1, max: 65_535, rule: 'FilterChainMatch ports uint32 gte 1 lte 65535', fallback: 0 };
const PREFIX_LEN = { max: 128, rule: 'CidrRange.prefix_len uint32 lte 128', fallback: 0, effect: 'given' };
const CIDR_LISTS = ['prefix_ranges', 'source_prefix_ranges', 'direct_source_prefix_ranges'] as const;

function checkCidrs(m: JsonObject, sink: IssueSink, where: string): void {
  for (const field of CIDR_LISTS) {
    const list = listField(m[field], sink, where, `filter_chain_match.${field}`);
    for (let i = 0; i < list.length; i++) {
      const range = asObject(list[i]);
      if (range?.prefix_len !== undefined) uint32Field(range.prefix_len, sink, where, `filter_chain_match.${field}[${i}].prefix_len`, PREFIX_LEN);
    }
  }
}

function parseFilterChainMatch(value: unknown, sink: IssueSink, where: string): FilterChainMatch {
  const m = asObject(value) ?? {};
  sink.unknownFields('filter_chain_match', where, m, FILTER_CHAIN_MATCH);
  checkCidrs(m, sink, where);
  const match: FilterChainMatch = {
    prefixRanges: parseCidrRanges(m.prefix_ranges),
    sourcePrefixRanges: parseCidrRanges(m.source_prefix_ranges),
    sourcePorts: listField(m.source_ports, sink, where, 'filter_chain_match.source_ports').map(
      (p, i) => uint32Field(p, sink, where, `filter_chain_match.source_ports[${i}]`, PORT) ?? 0,
    ),
    directSourcePrefixRanges: parseCidrRanges(m.direct_source_prefix_ranges),
    serverNames: m.server_names === undefined ? NO_STRINGS : stringListField(m.server_names, sink, where, 'filter_chain_match.server_names'),
    applicationProtocols:
      m.application_protocols === undefined ? NO_STRINGS : stringListField(m.application_protocols, sink, where, 'filter_chain_match.application_protocols'),
  };
  const port = uint32Field(m.destination_port, sink, where, 'filter_chain_match.destination_port', PORT);
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
  for (const item of listField(raw.filters, sink, where, 'filters')) if (isObject(item)) filters.push(parseNetworkFilter(item, sink, where));
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
