import { isObject, type Json, type JsonObject } from '../envoy/json.ts';
import { HeaderMap } from './header-map.ts';
import type { DynamicMetadataEntry, ToolInput } from './test-schema.ts';

/** The request router_check_tool routes for one test, before any route is applied. */
export interface ToolRequest {
  headers: HeaderMap;
  /** Seeded from `additional_response_headers`; the local reply and response mutations add to it. */
  responseHeaders: HeaderMap;
  /** The random value handed to `route()`: picks weighted clusters and gates runtime fractions. */
  randomValue: bigint;
  /** The runtime key the tool's runtime mock treats as enabled ('' for none). */
  runtimeKey: string;
  /** The stream's untyped dynamic metadata (filter_metadata), namespace → Struct. */
  dynamicMetadata: Record<string, JsonObject>;
  ssl: boolean;
  internal: boolean;
}

/**
 * The tool stores `random_value` (a uint64) in an `int` before passing it to `route()` as a
 * uint64 again, so values of 2^31 and above wrap: 2^31 becomes 2^64 - 2^31.
 */
export function toolRandomValue(value: bigint): bigint {
  return BigInt.asUintN(64, BigInt.asIntN(32, value));
}

/**
 * The set_metadata filter's merge of an untyped value into an existing namespace: keys that are
 * new are copied; scalars and values of another type are replaced; lists are appended to; nested
 * structs merge recursively.
 */
function mergeStruct(into: JsonObject, from: JsonObject): JsonObject {
  const out: JsonObject = { ...into };
  for (const [key, value] of Object.entries(from)) {
    const have = out[key];
    if (isObject(have) && isObject(value)) out[key] = mergeStruct(have, value);
    else if (Array.isArray(have) && Array.isArray(value)) out[key] = [...have, ...value] as Json[];
    else out[key] = value;
  }
  return out;
}

/**
 * Applies the test's `dynamic_metadata` entries in order, as set_metadata filters would: a new
 * namespace is set; an existing one is merged only when `allow_overwrite`. Typed values do not
 * reach route `dynamic_metadata` matchers (they read filter_metadata), so they are left out.
 */
export function dynamicMetadata(entries: readonly DynamicMetadataEntry[]): Record<string, JsonObject> {
  const out: Record<string, JsonObject> = {};
  for (const entry of entries) {
    if (!entry.value) continue;
    const existing = out[entry.namespace];
    if (existing === undefined) out[entry.namespace] = entry.value;
    else if (entry.allowOverwrite) out[entry.namespace] = mergeStruct(existing, entry.value);
  }
  return out;
}

/**
 * Builds the request headers like ToolConfig::create: `:authority`, `:path`, `:method`,
 * `x-forwarded-proto` and `:scheme` (https when `ssl`), `x-envoy-internal: true` when `internal`,
 * then `additional_request_headers` in order (a name may repeat).
 */
export function buildToolRequest(input: ToolInput): ToolRequest {
  const scheme = input.ssl ? 'https' : 'http';
  const headers = new HeaderMap([
    [':authority', input.authority],
    [':path', input.path],
    [':method', input.method],
    ['x-forwarded-proto', scheme],
    [':scheme', scheme],
  ]);
  if (input.internal) headers.add('x-envoy-internal', 'true');
  for (const { key, value } of input.additionalRequestHeaders) headers.add(key, value);
  return {
    headers,
    responseHeaders: new HeaderMap(input.additionalResponseHeaders.map(({ key, value }) => [key, value] as const)),
    randomValue: toolRandomValue(input.randomValue),
    runtimeKey: input.runtime,
    dynamicMetadata: dynamicMetadata(input.dynamicMetadata),
    ssl: input.ssl,
    internal: input.internal,
  };
}
