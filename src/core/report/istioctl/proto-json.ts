import { isObject, type Json, type JsonObject } from '../../envoy/json.ts';
import { toCamelCase } from '../../envoy/protojson.ts';
import { goStringLess } from '../go-sort.ts';

/**
 * istioctl's `-o json`: Envoy resources re-marshalled by Go's legacy `jsonpb` (lowerCamelCase
 * json_names, proto map fields and google.protobuf.Struct keys sorted, Any's `@type` first),
 * then either re-indented by `encoding/json` (`json.MarshalIndent`, which also escapes `<`, `>`
 * and `&`) or indented by jsonpb itself (`protomarshal.ToJSONWithIndent`, which indents Struct
 * values one level deeper than their key: a quirk the bootstrap golden shows).
 *
 * Without the proto descriptors, field order is the dump's order (Envoy writes fields in
 * declaration order too) and map/Struct fields are recognised by name.
 */

/** Proto map fields (camelCase) whose keys jsonpb sorts. */
const MAP_FIELDS = new Set(['filterMetadata', 'typedFilterMetadata', 'typedPerFilterConfig', 'typedExtensionProtocolOptions', 'keyValues']);
const STRUCT_ANY_TYPES = new Set([
  'type.googleapis.com/google.protobuf.Struct',
  'type.googleapis.com/udpa.type.v1.TypedStruct',
  'type.googleapis.com/xds.type.v3.TypedStruct',
]);

/** True when `obj[key]` (an object) is a google.protobuf.Struct in Envoy's API. */
function isStructField(parentKey: string | undefined, obj: JsonObject, key: string): boolean {
  if (key === 'metadata' && (parentKey === 'node' || parentKey === 'userAgentBuildVersion')) return true;
  if (key === 'staticLayer') return true;
  return key === 'value' && typeof obj['@type'] === 'string' && STRUCT_ANY_TYPES.has(obj['@type']);
}

function sortedEntries(obj: JsonObject): [string, Json][] {
  return Object.entries(obj).sort(([a], [b]) => (goStringLess(a, b) ? -1 : goStringLess(b, a) ? 1 : 0));
}

function sortDeep(value: Json): Json {
  if (Array.isArray(value)) return value.map(sortDeep);
  if (!isObject(value)) return value;
  return Object.fromEntries(sortedEntries(value).map(([k, v]) => [k, sortDeep(v)]));
}

function sortMaps(value: Json, parentKey?: string): Json {
  if (Array.isArray(value)) return value.map((item) => sortMaps(item, parentKey));
  if (!isObject(value)) return value;
  const out: JsonObject = {};
  for (const [key, child] of Object.entries(value)) {
    if (isObject(child) && isStructField(parentKey, value, key)) out[key] = sortDeep(child);
    else if (isObject(child) && MAP_FIELDS.has(key)) {
      // filter_metadata is map<string, Struct>: its values are Structs, sorted all the way down.
      out[key] = Object.fromEntries(sortedEntries(child).map(([k, v]) => [k, key === 'filterMetadata' ? sortDeep(v) : sortMaps(v, key)]));
    } else out[key] = sortMaps(child, key);
  }
  return out;
}

/**
 * One resource as istioctl's `-o json` shows it: lowerCamelCase, the Any wrapper's `@type`
 * dropped (the resource is unpacked), map and Struct keys sorted.
 */
export function protoJsonView(raw: JsonObject, keepType = false): JsonObject {
  const { '@type': type, ...rest } = raw;
  const body = keepType && type !== undefined ? raw : rest;
  return sortMaps(toCamelCase(body)) as JsonObject;
}

/** A JSON string as Go's encoding/json writes it (HTML-safe, U+2028/9 escaped, lone surrogates replaced). */
export function goJsonString(text: string): string {
  return JSON.stringify(text).replace(/\\(u[0-9a-f]{4}|.)|[<>&\u2028\u2029]/g, (match: string, escaped: string | undefined) => {
    if (escaped !== undefined) return /^ud[89a-f]/.test(escaped) ? '\\ufffd' : match;
    return `\\u${match.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
}

function scalar(value: Json): string {
  return typeof value === 'string' ? goJsonString(value) : JSON.stringify(value);
}

/** Go's `json.MarshalIndent(v, "", indent)` / `json.Indent` layout: `{}` and `[]` when empty. */
export function goJsonIndent(value: Json, indent = '    ', at = ''): string {
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    const inner = at + indent;
    return `[\n${value.map((item) => inner + goJsonIndent(item, indent, inner)).join(',\n')}\n${at}]`;
  }
  if (isObject(value)) {
    const entries = Object.entries(value);
    if (entries.length === 0) return '{}';
    const inner = at + indent;
    return `{\n${entries.map(([k, v]) => `${inner}${goJsonString(k)}: ${goJsonIndent(v, indent, inner)}`).join(',\n')}\n${at}}`;
  }
  return scalar(value);
}

/** Legacy jsonpb with `Indent` (see `github.com/golang/protobuf/jsonpb`'s jsonWriter). */
class JsonpbWriter {
  constructor(private readonly unit: string) {}

  message(obj: JsonObject, at: string, parentKey?: string): string {
    const fields = Object.entries(obj).map(([key, value]) => `${at}${this.unit}${goJsonString(key)}: ${this.field(obj, key, value, at, parentKey)}`);
    return `{\n${fields.join(',\n')}\n${at}}`;
  }

  private field(obj: JsonObject, key: string, value: Json, at: string, parentKey?: string): string {
    const i = this.unit;
    if (isObject(value) && isStructField(parentKey, obj, key)) return this.struct(value, at + i);
    if (isObject(value) && MAP_FIELDS.has(key)) {
      const entries = Object.entries(value).map(([k, v]) => {
        const text = isObject(v) && key === 'filterMetadata' ? this.struct(v, at + i + i) : this.singular(v, at + i, k);
        return `\n${at}${i}${i}${goJsonString(k)}: ${text}`;
      });
      return `{${entries.join(',')}\n${at}${i}}`;
    }
    if (Array.isArray(value)) {
      return `[${value.map((item) => `\n${at}${i}${i}${this.singular(item, at + i, key)}`).join(',')}\n${at}${i}]`;
    }
    return this.singular(value, at, key);
  }

  private singular(value: Json, at: string, key?: string): string {
    return isObject(value) ? this.message(value, at + this.unit, key) : scalar(value);
  }

  /** A Struct marshalled at indent `at`: entries two levels in, closing one level in. */
  private struct(obj: JsonObject, at: string): string {
    const i = this.unit;
    const entries = Object.entries(obj).map(([k, v]) => `\n${at}${i}${i}${goJsonString(k)}: ${this.value(v, at + i + i)}`);
    return `{${entries.join(',')}\n${at}${i}}`;
  }

  /** A google.protobuf.Value marshalled at indent `at`. */
  private value(value: Json, at: string): string {
    const i = this.unit;
    if (isObject(value)) return this.struct(value, at + i);
    if (Array.isArray(value)) {
      const list = at + i;
      return `[${value.map((item) => `\n${list}${i}${i}${this.value(item, list + i + i)}`).join(',')}\n${list}${i}]`;
    }
    return scalar(value);
  }
}

/** `protomarshal.ToJSONWithIndent(msg, indent)`: legacy jsonpb's own indentation. */
export function jsonpbIndent(obj: JsonObject, indent = '    '): string {
  return new JsonpbWriter(indent).message(obj, '');
}
