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

/** Protobuf JSON writes 64-bit integers as strings and 32-bit ones as numbers; accept both. */
export function asNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.trim() !== '' && !Number.isNaN(Number(value))) return Number(value);
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

const isDigit = (code: number): boolean => code >= 48 && code <= 57;

/** `-?digits(.digits)?s` in milliseconds (checked by hand: a regex per duration costs on large dumps). */
function durationText(text: string): number | undefined {
  const end = text.length - 1;
  if (end < 1 || text.charCodeAt(end) !== 115) return undefined;
  let i = text.charCodeAt(0) === 45 ? 1 : 0;
  const digits = i;
  while (i < end && isDigit(text.charCodeAt(i))) i++;
  if (i === digits) return undefined;
  if (i < end) {
    if (text.charCodeAt(i) !== 46) return undefined;
    const fraction = ++i;
    while (i < end && isDigit(text.charCodeAt(i))) i++;
    if (i === fraction || i < end) return undefined;
  }
  return Math.round(Number(text.slice(0, end)) * 1000 * 1e6) / 1e6;
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
