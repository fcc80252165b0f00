import { mapObjects } from './collect.ts';
import { reportBad, uint32Field, uint32Value } from './field-checks.ts';
import type { IssueSink } from './issues.ts';
import { asNumber, asObject, asString, type JsonObject, unwrap } from './json.ts';
import type { CidrRange, Locality, SocketAddress } from './types.ts';

/**
 * Readers for envoy.config.core.v3 values that listeners, clusters, endpoints and /clusters
 * all share: Address, CidrRange, Locality.
 */

/**
 * An envoy.config.core.v3.Address: `socket_address {address, port_value}`, `pipe {path}` or
 * `envoy_internal_address {server_listener_name, endpoint_id}`. Undefined when none is set.
 */
export function parseAddress(value: unknown): SocketAddress | undefined {
  const obj = asObject(value);
  if (!obj) return undefined;
  const socket = asObject(obj.socket_address);
  if (socket) {
    // A port outside 0–65535 is reported by `checkAddress`; the model holds 0 (no port), never `:-1`.
    return { address: asString(socket.address) ?? '', port: uint32Value(socket.port_value, 0, MAX_PORT) ?? 0 };
  }
  const pipe = asObject(obj.pipe);
  if (pipe) return { address: '', port: 0, pipe: asString(pipe.path) ?? '' };
  const internal = asObject(obj.envoy_internal_address);
  if (internal) {
    const out: SocketAddress = { address: '', port: 0, internalListener: asString(internal.server_listener_name) ?? '' };
    const id = asString(internal.endpoint_id);
    if (id) out.endpointId = id;
    return out;
  }
  return undefined;
}

/** address.proto SocketAddress: `uint32 port_value = 3 [(validate.rules).uint32 = {lte: 65535}]`. */
const MAX_PORT = 65_535;
const PORT = { max: MAX_PORT, rule: 'SocketAddress.port_value uint32 lte 65535', fallback: 0 };

/**
 * Reports what Envoy's schema rejects in an Address (the port) at `where`; `place` names the
 * object when `where` is wider (a listener's port decides which listener takes every connection,
 * so it is reported at `listeners`, on every explain's path).
 */
export function checkAddress(value: unknown, sink: IssueSink, where: string, place?: string): void {
  const socket = asObject(asObject(value)?.socket_address);
  if (!socket) return;
  if (socket.port_value !== undefined)
    uint32Field(socket.port_value, sink, where, 'socket_address.port_value', place === undefined ? PORT : { ...PORT, place });
  // address.proto SocketAddress: `string address = 2 [(validate.rules).string = {min_len: 1}]`.
  if (typeof socket.address !== 'string') reportBad(sink, where, 'socket_address.address', socket.address ?? null, 'a string', 'empty', place);
}

/** `additional_addresses: [{address: Address}]` of a listener or an endpoint. */
export function parseAdditionalAddresses(value: unknown): SocketAddress[] {
  return mapObjects(value, (item) => parseAddress(item.address) ?? { address: '', port: 0 });
}

/** A list of envoy.config.core.v3.CidrRange; `prefix_len` is a UInt32Value (0 when absent). */
export function parseCidrRanges(value: unknown): CidrRange[] {
  return mapObjects(value, (range) => ({ addressPrefix: asString(range.address_prefix) ?? '', prefixLen: asNumber(unwrap(range.prefix_len)) ?? 0 }));
}

const NO_LOCALITY: Locality = Object.freeze({});

/** An envoy.config.core.v3.Locality; empty strings are left out. Shared (frozen) when empty. */
export function parseLocality(value: unknown): Locality {
  const obj = asObject(value);
  if (!obj || (!obj.region && !obj.zone && !obj.sub_zone)) return NO_LOCALITY;
  const out: Locality = {};
  const region = asString(obj.region);
  const zone = asString(obj.zone);
  const subZone = asString(obj.sub_zone);
  if (region) out.region = region;
  if (zone) out.zone = zone;
  if (subZone) out.subZone = subZone;
  return out;
}

/** The `@type` of an Any, or a TypedStruct's inner `type_url`. */
export function typeUrlOf(typedConfig: JsonObject | undefined): string | undefined {
  if (!typedConfig) return undefined;
  const type = asString(typedConfig['@type']);
  if (type && (type.endsWith('udpa.type.v1.TypedStruct') || type.endsWith('xds.type.v3.TypedStruct'))) {
    return asString(typedConfig.type_url) ?? type;
  }
  return type;
}
