import { emptyList } from '../collect.ts';
import { checkEnum, enumOr, HEADER_APPEND_ACTION } from '../enums.ts';
import type { IssueSink } from '../issues.ts';
import { asArray, asNumber, asObject, asString, isObject, type JsonObject, unwrap } from '../json.ts';
import type { HeaderValueOption } from '../route-types.ts';

/**
 * Small readers shared by the route-config parsers: protobuf wrapper values, string lists,
 * header mutations, typed_per_filter_config and filter_metadata.
 */

/** A google.protobuf.BoolValue written bare or as `{value: x}`; `fallback` when absent. */
export function boolValue(value: unknown, fallback: boolean): boolean {
  const v = unwrap(value);
  if (typeof v === 'boolean') return v;
  if (v === 'true') return true;
  if (v === 'false') return false;
  return fallback;
}

/** A UInt32Value/UInt64Value written bare, as a string, or as `{value: x}`. */
export function numberValue(value: unknown): number | undefined {
  return asNumber(unwrap(value));
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/**
 * A protojson int64: a JSON number (exact only below 2^53) or a decimal string (how protojson
 * and the YAML reader carry larger values). Undefined when absent or not an int64.
 */
export function int64Value(value: unknown): bigint | undefined {
  const v = unwrap(value);
  let n: bigint | undefined;
  if (typeof v === 'number' && Number.isInteger(v)) n = BigInt(v);
  else if (typeof v === 'bigint') n = v;
  else if (typeof v === 'string' && /^-?[0-9]+$/.test(v.trim())) n = BigInt(v.trim());
  return n !== undefined && n >= INT64_MIN && n <= INT64_MAX ? n : undefined;
}

export function stringList(value: unknown): string[] {
  if (!Array.isArray(value) || value.length === 0) return emptyList();
  return value.filter((v): v is string => typeof v === 'string');
}

const HEADER_VALUE_OPTION = new Set(['header', 'append', 'append_action', 'keep_empty_value']);
const HEADER_VALUE = new Set(['key', 'value', 'raw_value']);

/**
 * `request_headers_to_add` / `response_headers_to_add`: envoy.config.core.v3.HeaderValueOption.
 * The deprecated `append: false` means OVERWRITE_IF_EXISTS_OR_ADD; `raw_value` is base64 bytes.
 */
export function headerValueOptions(value: unknown, sink: IssueSink, where: string): HeaderValueOption[] {
  if (!Array.isArray(value) || value.length === 0) return emptyList();
  const out: HeaderValueOption[] = [];
  for (const item of asArray(value)) {
    const option = asObject(item);
    const header = asObject(option?.header);
    if (!option || !header) continue;
    sink.unknownFields('header_value_option', where, option, HEADER_VALUE_OPTION);
    sink.unknownFields('header_value', where, header, HEADER_VALUE);
    checkEnum(HEADER_APPEND_ACTION, option.append_action, 'APPEND_IF_EXISTS_OR_ADD', sink, where, 'append_action');
    let appendAction: HeaderValueOption['appendAction'] = enumOr(HEADER_APPEND_ACTION, option.append_action, 'APPEND_IF_EXISTS_OR_ADD');
    if (option.append_action === undefined && boolValue(option.append, true) === false) appendAction = 'OVERWRITE_IF_EXISTS_OR_ADD';
    const raw = asString(header.raw_value);
    out.push({
      key: (asString(header.key) ?? '').toLowerCase(),
      value: asString(header.value) ?? (raw !== undefined ? decodeBase64Utf8(raw) : ''),
      appendAction,
      keepEmptyValue: boolValue(option.keep_empty_value, false),
    });
  }
  return out;
}

/** Lower-cased header names, as in `request_headers_to_remove`. */
export function headerNames(value: unknown): string[] {
  if (!Array.isArray(value) || value.length === 0) return emptyList();
  return stringList(value).map((name) => name.toLowerCase());
}

const NO_ENTRIES: Record<string, JsonObject> = Object.freeze({}) as Record<string, JsonObject>;

/**
 * `typed_per_filter_config`: filter name → the Any (or FilterConfig wrapper) as JSON. The input
 * object itself when every value is an object (the usual case), one shared frozen object when empty.
 */
export function typedPerFilterConfig(value: unknown): Record<string, JsonObject> {
  const obj = asObject(value);
  if (!obj) return NO_ENTRIES;
  let entries = 0;
  for (const name in obj) {
    if (!isObject(obj[name])) return copyObjects(obj);
    entries++;
  }
  return entries === 0 ? NO_ENTRIES : (obj as Record<string, JsonObject>);
}

function copyObjects(obj: JsonObject): Record<string, JsonObject> {
  const out: Record<string, JsonObject> = {};
  for (const [name, config] of Object.entries(obj)) if (isObject(config)) out[name] = config;
  return out;
}

/** `metadata.filter_metadata`: namespace → Struct. */
export function filterMetadata(metadata: unknown): Record<string, JsonObject> {
  return typedPerFilterConfig(asObject(metadata)?.filter_metadata);
}

/** Decodes protojson `bytes` (standard or URL-safe base64) as UTF-8 text. */
export function decodeBase64Utf8(text: string): string {
  try {
    const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/').replace(/\s+/g, ''));
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return new TextDecoder().decode(bytes);
  } catch {
    return text;
  }
}
