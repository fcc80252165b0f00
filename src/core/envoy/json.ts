/** Plain JSON values as they come out of JSON.parse or a YAML parser. */
export type Json = null | boolean | number | string | Json[] | JsonObject;
export interface JsonObject {
  [key: string]: Json;
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function asObject(value: unknown): JsonObject | undefined {
  return isObject(value) ? value : undefined;
}

export function asArray(value: unknown): Json[] {
  return Array.isArray(value) ? value : [];
}

export function asString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/**
 * Protobuf JSON writes 64-bit integers as strings and 32-bit ones as numbers; accept both. Only
 * finite numbers: JSON.parse reads `1e400` as Infinity (reported by `json-text-issues.ts`), which
 * no field meshscope reads can hold and JSON output would print as `null`.
 */
export function asNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  return undefined;
}

export function asBool(value: unknown): boolean | undefined {
  return typeof value === 'boolean' ? value : undefined;
}

/** A google.protobuf.UInt32Value/BoolValue may be written bare or as `{value: x}`. */
export function unwrap(value: unknown): unknown {
  return isObject(value) && 'value' in value && Object.keys(value).length === 1 ? value.value : value;
}

/**
 * A google.protobuf.Duration in milliseconds: protojson writes `"1.500s"`, YAML configs may
 * write `{seconds: 1, nanos: 500000000}`.
 */
export function durationMs(value: unknown): number | undefined {
  if (typeof value === 'string') return durationText(value.trim());
  if (isObject(value)) {
    const seconds = asNumber(value.seconds) ?? 0;
    const nanos = asNumber(value.nanos) ?? 0;
    return seconds * 1000 + nanos / 1e6;
  }
  return undefined;
}

const DURATION = /^-?\d+(?:\.\d+)?s$/;

/** `-?digits(.digits)?s` in milliseconds (a regex test, no match array: it runs for every cluster and route). */
function durationText(text: string): number | undefined {
  return DURATION.test(text) ? Math.round(Number(text.slice(0, -1)) * 1000 * 1e6) / 1e6 : undefined;
}

/** Formats milliseconds the way protojson writes a Duration: `15s`, `0.250s`, `1.000500s`. */
export function formatDuration(ms: number): string {
  const nanos = Math.round(ms * 1e6);
  const seconds = Math.trunc(nanos / 1e9);
  const frac = Math.abs(nanos % 1e9);
  if (frac === 0) return `${seconds}s`;
  const digits = String(frac).padStart(9, '0');
  const text = frac % 1e6 === 0 ? digits.slice(0, 3) : frac % 1e3 === 0 ? digits.slice(0, 6) : digits;
  return `${nanos < 0 && seconds === 0 ? '-' : ''}${seconds}.${text}s`;
}

/** Two objects with the same keys and identical (`===`) values: nested objects compare unequal. */
export function sameFlat(a: JsonObject, b: JsonObject): boolean {
  let keys = 0;
  for (const key in a) {
    if (a[key] !== b[key]) return false;
    keys++;
  }
  for (const _ in b) keys--;
  return keys === 0;
}

/** Deep equality of two JSON values (key order ignored): finds values a dump repeats, to share their model. */
export function sameJson(a: Json, b: Json): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameJson(a[i]!, b[i]!)) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  let keys = 0;
  for (const key in a) {
    const other = b[key];
    if (other === undefined || !sameJson(a[key]!, other)) return false;
    keys++;
  }
  for (const _ in b) keys--;
  return keys === 0;
}
