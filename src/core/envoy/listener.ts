import { checkAddress, parseAdditionalAddresses, parseAddress } from './address.ts';
import { checkEnum, enumValue, TRAFFIC_DIRECTION } from './enums.ts';
import { listField } from './field-checks.ts';
import { parseFilterChain } from './filter-chain.ts';
import type { IssueSink } from './issues.ts';
import { asArray, asBool, asObject, asString, isObject, type JsonObject, unwrap } from './json.ts';
import { LISTENER } from './known-fields.ts';
import type { FilterChain, Listener, ResourceMeta } from './types.ts';

/**
 * An envoy.config.listener.v3.Listener: where it binds (socket address, pipe, or an internal
 * listener with no address), its filter chains and default chain, and the listener filters
 * (tls_inspector, http_inspector, original_dst) that feed the chain match.
 */
export function parseListener(raw: JsonObject, meta: ResourceMeta, sink: IssueSink): Listener {
  const name = asString(raw.name) ?? '';
  const where = `listeners[${name}]`;
  sink.unknownFields('listener', where, raw, LISTENER);
  const filterChains: FilterChain[] = [];
  const chains = listField(raw.filter_chains, sink, where, 'filter_chains');
  for (let i = 0; i < chains.length; i++) {
    const chain = chains[i];
    if (isObject(chain)) filterChains.push(parseFilterChain(chain, false, sink, `${where}.filter_chains[${i}]`));
  }
  const listenerFilters: string[] = [];
  for (const item of asArray(raw.listener_filters)) {
    const filterName = asString(asObject(item)?.name);
    if (filterName !== undefined) listenerFilters.push(filterName);
  }
  const listener: Listener = {
    name,
    additionalAddresses: parseAdditionalAddresses(raw.additional_addresses),
    filterChains,
    useOriginalDst: asBool(unwrap(raw.use_original_dst)) === true,
    internal: isObject(raw.internal_listener),
    listenerFilters,
    // Envoy's shouldBindToPort (source/common/listener_manager/listener_impl.cc): both the v3
    // field and the v2 leftover `deprecated_v1.bind_to_port` (still in the v3 Listener) must allow it.
    bindToPort: asBool(unwrap(raw.bind_to_port)) !== false && asBool(unwrap(asObject(raw.deprecated_v1)?.bind_to_port)) !== false,
    meta,
    raw,
  };
  const address = parseAddress(raw.address);
  checkAddress(raw.address, sink, 'listeners', where);
  if (address) listener.address = address;
  const defaultChain = asObject(raw.default_filter_chain);
  if (defaultChain) listener.defaultFilterChain = parseFilterChain(defaultChain, true, sink, `${where}.default_filter_chain`);
  const direction = enumValue(TRAFFIC_DIRECTION, raw.traffic_direction);
  if (direction) listener.trafficDirection = direction;
  checkEnum(TRAFFIC_DIRECTION, raw.traffic_direction, 'UNSPECIFIED', sink, where, 'traffic_direction');
  const matcher = asObject(raw.filter_chain_matcher);
  if (matcher) listener.filterChainMatcher = matcher;
  return listener;
}
