import { isObject, type Json, type JsonObject, unwrap } from '../envoy/json.ts';
import { camelToSnake } from '../envoy/protojson.ts';

/**
 * router_check_tool loads its inputs strictly, like every Envoy config: an unknown field, a
 * value of the wrong type or a broken validation rule stops the run. These helpers give the same
 * verdicts with messages that name the message type and the field, in Envoy's wording.
 */
export class SchemaError extends Error {
  override readonly name = 'SchemaError';
}

/** Envoy's unknown-field message, e.g. for a test file passed as the route config. */
export function unknownFieldMessage(type: string, field: string): string {
  return `Protobuf message (type ${type} reason INVALID_ARGUMENT:${field}: Cannot find field.) has unknown fields`;
}

/**
 * The fields of `value` (a message of proto type `type` at `where`) with lowerCamelCase json
 * names folded to the proto names; throws on a field not in `known`.
 */
export function messageFields(value: Json | undefined, type: string, where: string, known: readonly string[]): JsonObject {
  if (value === undefined || value === null) return {};
  if (!isObject(value)) throw new SchemaError(`INVALID_ARGUMENT: ${where}: expected a ${type} message, got ${describe(value)}`);
  const out: JsonObject = {};
  for (const [key, child] of Object.entries(value)) {
    const name = known.includes(key) ? key : camelToSnake(key);
    if (!known.includes(name)) throw new SchemaError(unknownFieldMessage(type, key));
    out[name] = child;
  }
  return out;
}

export function violation(where: string, rule: string): SchemaError {
  return new SchemaError(`Proto constraint validation failed (${where}: ${rule})`);
}

function describe(value: Json): string {
  if (Array.isArray(value)) return 'a list';
  if (value === null) return 'null';
  return `${typeof value} ${JSON.stringify(value)}`;
}

/** A proto3 `string`: absent → ''. */
export function stringField(value: Json | undefined, where: string): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw new SchemaError(`INVALID_ARGUMENT: ${where}: expected a string, got ${describe(value)}`);
}

/** A proto3 `bool`: absent → false; protojson also accepts "true"/"false". */
export function boolField(value: Json | undefined, where: string): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value === 'boolean') return value;
  if (value === 'true' || value === 'false') return value === 'true';
  throw new SchemaError(`INVALID_ARGUMENT: ${where}: expected true or false, got ${describe(value)}`);
}

/** A proto3 unsigned integer (uint32 / uint64, string or number in protojson). */
export function unsignedField(value: Json | undefined, where: string, bits: 32 | 64): bigint {
  if (value === undefined || value === null) return 0n;
  const text = typeof value === 'number' ? (Number.isInteger(value) ? value.toFixed(0) : String(value)) : typeof value === 'string' ? value.trim() : undefined;
  if (text === undefined || !/^\d+$/.test(text)) throw new SchemaError(`INVALID_ARGUMENT: ${where}: expected an unsigned integer, got ${describe(value)}`);
  const n = BigInt(text);
  if (n >= 1n << BigInt(bits)) throw new SchemaError(`INVALID_ARGUMENT: ${where}: ${text} does not fit in uint${bits}`);
  return n;
}

/** A google.protobuf.StringValue: bare, or `{value: x}` (text proto); `{}` is the empty string. */
export function stringWrapper(value: Json | undefined, where: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (isObject(value)) return stringField(messageFields(value, 'google.protobuf.StringValue', where, ['value']).value, where);
  return stringField(unwrap(value) as Json, where);
}

/** A google.protobuf.UInt32Value: bare, or `{value: n}`. */
export function uint32Wrapper(value: Json | undefined, where: string): number | undefined {
  if (value === undefined || value === null) return undefined;
  const inner = isObject(value) ? messageFields(value, 'google.protobuf.UInt32Value', where, ['value']).value : value;
  return Number(unsignedField(inner, where, 32));
}

/** A repeated field: absent → []. */
export function listField(value: Json | undefined, where: string): Json[] {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return value;
  throw new SchemaError(`INVALID_ARGUMENT: ${where}: expected a list, got ${describe(value)}`);
}
