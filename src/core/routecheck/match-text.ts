import { isObject, type Json, type JsonObject } from '../envoy/json.ts';

/**
 * Prints an envoy.config.route.v3.RouteMatch in the protobuf text format, as
 * `Protobuf::TextFormat::PrintToString` does for router_check_tool's `--covall` report
 * (`Missing test for host: default, route: prefix: "/api/application_data"`). Fields come out in
 * field-number order, proto3 defaults are left out unless the field sits in a oneof, wrapper
 * messages print as blocks (`case_sensitive {\n}` for false), strings are C-escaped, and every
 * line ends with "\n".
 */
type Kind = 'string' | 'bool' | 'number' | 'enum' | Schema;
interface Field {
  name: string;
  kind: Kind;
  oneof?: boolean;
  repeated?: boolean;
  /** For enums: value names by number. */
  names?: string[];
}
type Schema = Field[];

const BOOL_VALUE: Schema = [{ name: 'value', kind: 'bool' }];
const EMPTY: Schema = [];
const REGEX: Schema = [
  { name: 'google_re2', kind: [{ name: 'max_program_size', kind: [{ name: 'value', kind: 'number' }] }] },
  { name: 'regex', kind: 'string' },
];
const STRING_MATCHER: Schema = [
  { name: 'exact', kind: 'string', oneof: true },
  { name: 'prefix', kind: 'string', oneof: true },
  { name: 'suffix', kind: 'string', oneof: true },
  { name: 'safe_regex', kind: REGEX, oneof: true },
  { name: 'ignore_case', kind: 'bool' },
  { name: 'contains', kind: 'string', oneof: true },
];
const INT64_RANGE: Schema = [
  { name: 'start', kind: 'number' },
  { name: 'end', kind: 'number' },
];
const HEADER_MATCHER: Schema = [
  { name: 'name', kind: 'string' },
  { name: 'exact_match', kind: 'string', oneof: true },
  { name: 'range_match', kind: INT64_RANGE, oneof: true },
  { name: 'present_match', kind: 'bool', oneof: true },
  { name: 'invert_match', kind: 'bool' },
  { name: 'prefix_match', kind: 'string', oneof: true },
  { name: 'suffix_match', kind: 'string', oneof: true },
  { name: 'safe_regex_match', kind: REGEX, oneof: true },
  { name: 'contains_match', kind: 'string', oneof: true },
  { name: 'string_match', kind: STRING_MATCHER, oneof: true },
  { name: 'treat_missing_header_as_empty', kind: 'bool' },
];
const QUERY_PARAMETER: Schema = [
  { name: 'name', kind: 'string' },
  { name: 'string_match', kind: STRING_MATCHER, oneof: true },
  { name: 'present_match', kind: 'bool', oneof: true },
];
const FRACTIONAL_PERCENT: Schema = [
  { name: 'numerator', kind: 'number' },
  { name: 'denominator', kind: 'enum', names: ['HUNDRED', 'TEN_THOUSAND', 'MILLION'] },
];
const RUNTIME_FRACTION: Schema = [
  { name: 'default_value', kind: FRACTIONAL_PERCENT },
  { name: 'runtime_key', kind: 'string' },
];
const VALUE_MATCHER: Schema = [
  { name: 'null_match', kind: EMPTY, oneof: true },
  {
    name: 'double_match',
    kind: [
      {
        name: 'range',
        kind: [
          { name: 'start', kind: 'number' },
          { name: 'end', kind: 'number' },
        ],
        oneof: true,
      },
      { name: 'exact', kind: 'number', oneof: true },
    ],
    oneof: true,
  },
  { name: 'string_match', kind: STRING_MATCHER, oneof: true },
  { name: 'bool_match', kind: 'bool', oneof: true },
  { name: 'present_match', kind: 'bool', oneof: true },
];
const METADATA_MATCHER: Schema = [
  { name: 'filter', kind: 'string' },
  { name: 'path', kind: [{ name: 'key', kind: 'string', oneof: true }], repeated: true },
  { name: 'value', kind: VALUE_MATCHER },
  { name: 'invert', kind: 'bool' },
];
const TYPED_EXTENSION: Schema = [
  { name: 'name', kind: 'string' },
  { name: 'typed_config', kind: EMPTY },
];
const ROUTE_MATCH: Schema = [
  { name: 'prefix', kind: 'string', oneof: true },
  { name: 'path', kind: 'string', oneof: true },
  { name: 'case_sensitive', kind: BOOL_VALUE },
  { name: 'headers', kind: HEADER_MATCHER, repeated: true },
  { name: 'query_parameters', kind: QUERY_PARAMETER, repeated: true },
  { name: 'grpc', kind: EMPTY },
  { name: 'runtime_fraction', kind: RUNTIME_FRACTION },
  { name: 'safe_regex', kind: REGEX, oneof: true },
  {
    name: 'tls_context',
    kind: [
      { name: 'presented', kind: BOOL_VALUE },
      { name: 'validated', kind: BOOL_VALUE },
    ],
  },
  { name: 'connect_matcher', kind: EMPTY, oneof: true },
  { name: 'dynamic_metadata', kind: METADATA_MATCHER, repeated: true },
  { name: 'path_separated_prefix', kind: 'string', oneof: true },
  { name: 'path_match_policy', kind: TYPED_EXTENSION, oneof: true },
];

/** protobuf's CEscape: quotes, backslash and control characters escaped; bytes >= 0x80 as octal. */
function cEscape(text: string): string {
  let out = '';
  for (const byte of new TextEncoder().encode(text)) {
    if (byte === 0x0a) out += '\\n';
    else if (byte === 0x0d) out += '\\r';
    else if (byte === 0x09) out += '\\t';
    else if (byte === 0x22) out += '\\"';
    else if (byte === 0x27) out += "\\'";
    else if (byte === 0x5c) out += '\\\\';
    else if (byte < 0x20 || byte >= 0x7f) out += `\\${byte.toString(8).padStart(3, '0')}`;
    else out += String.fromCharCode(byte);
  }
  return out;
}

function scalar(field: Field, value: Json): string | undefined {
  switch (field.kind) {
    case 'string': {
      const s = typeof value === 'string' ? value : String(value);
      return s === '' && !field.oneof ? undefined : `"${cEscape(s)}"`;
    }
    case 'bool': {
      const b = value === true || value === 'true';
      return !b && !field.oneof ? undefined : String(b);
    }
    case 'number': {
      const n = Number(value);
      return n === 0 && !field.oneof ? undefined : String(value);
    }
    case 'enum': {
      // Envoy reads enum names in any case (MessageUtil::loadFromJsonNoThrow): print the value's own name.
      const text = String(value);
      const name = typeof value === 'number' ? (field.names?.[value] ?? text) : (field.names?.find((n) => n === text.toUpperCase()) ?? text);
      return name === field.names?.[0] || name === '0' ? undefined : name;
    }
    default:
      return undefined;
  }
}

/** A wrapper message (BoolValue etc.) may be written bare in YAML: `case_sensitive: false`. */
function asMessage(schema: Schema, value: Json): JsonObject {
  if (isObject(value)) return value;
  if (schema.length === 1 && schema[0]!.name === 'value') return { value };
  return {};
}

function print(schema: Schema, message: JsonObject, indent: string): string {
  let out = '';
  for (const field of schema) {
    const value = message[field.name];
    if (value === undefined || value === null) continue;
    const items = field.repeated && Array.isArray(value) ? value : [value];
    for (const item of items) {
      if (typeof field.kind === 'object') {
        out += `${indent}${field.name} {\n${print(field.kind, asMessage(field.kind, item), `${indent}  `)}${indent}}\n`;
      } else {
        const text = scalar(field, item);
        if (text !== undefined) out += `${indent}${field.name}: ${text}\n`;
      }
    }
  }
  return out;
}

/** The text format of a RouteMatch given as snake_case protojson (e.g. `route.raw.match`). */
export function routeMatchText(match: JsonObject): string {
  return print(ROUTE_MATCH, match, '');
}
