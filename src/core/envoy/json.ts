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
  if (typeof value === 'string') {
    const m = /^(-?\d+(?:\.\d+)?)s$/.exec(value.trim());
    return m ? Math.round(Number(m[1]) * 1000 * 1e6) / 1e6 : undefined;
  }
  if (isObject(value)) {
    const seconds = asNumber(value.seconds) ?? 0;
    const nanos = asNumber(value.nanos) ?? 0;
    return seconds * 1000 + nanos / 1e6;
  }
  return undefined;
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
