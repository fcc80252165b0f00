import type { IssueSink } from './issues.ts';
import { type Json, unwrap } from './json.ts';

/**
 * Readers of single fields that also check what Envoy's schema allows, and report a value it
 * rejects as a `bad-value` warning at the loader's path (`routes[R].virtual_hosts[V].routes[0]…`,
 * so explain's path caveats find it). Envoy NACKs a resource holding such a value (protobuf's
 * JSON parser refuses the type, or the PGV `(validate.rules)` check fails), so the proxy keeps
 * the previous version: every answer that depends on the field says so. The model holds the
 * value each reader names (`read as 0`), never a negative, fractional or infinite number.
 */
export const UINT32_MAX = 4_294_967_295;

/** A value as the warning shows it: numbers as JavaScript writes them (`Infinity`, not JSON's `null`). */
export function shown(value: unknown): string {
  if (typeof value === 'number') return String(value);
  const text = JSON.stringify(value as Json) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}

/**
 * Reports a bad value of `field` at `where` (shown beside the message by `--warnings` and in
 * caveats). `place` names the object in the message when `where` is wider than it (a listener's
 * port concerns every connection, so it is reported at `listeners`).
 */
export function reportBad(sink: IssueSink, where: string, field: string, value: unknown, expected: string, effect: string, place?: string): void {
  sink.report({
    severity: 'warning',
    code: 'bad-value',
    message: `${place === undefined ? '' : `${place}: `}${field} ${shown(value)} is not ${expected}; Envoy rejects the resource, read here as ${effect}`,
    where,
  });
}

export interface UintRule {
  /** PGV `gte` (0 when absent). */
  min?: number;
  /** PGV `lte` (uint32's maximum when absent). */
  max?: number;
  /** The proto rule, cited in the warning: `LbEndpoint.load_balancing_weight uint32 gte 1`. */
  rule: string;
  /** What the model holds after a bad value. */
  fallback: number;
  /** How the warning says it, when not the fallback's number (`Envoy's default`). */
  effect?: string;
  /** The object the message names when `where` is wider (see `reportBad`). */
  place?: string;
}

/** A uint32 in [min, max] as `uint32Field` reads it, without reporting: undefined when absent, null when bad. */
export function uint32Value(value: unknown, min = 0, max = UINT32_MAX): number | undefined | null {
  if (value === undefined || value === null) return undefined;
  const v = unwrap(value);
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\s*[0-9]+\s*$/.test(v) ? Number(v) : Number.NaN;
  return Number.isInteger(n) && n >= min && n <= max ? n : null;
}

/**
 * A protobuf uint32 (bare, a decimal string, or a UInt32Value `{value: n}`): undefined when absent,
 * the number when it is an integer in [min, max], else `rule.fallback`, reported. JSON.parse reads
 * `1e400` as Infinity; protobuf's JSON parser refuses it, and any fraction or sign, for uint32.
 */
export function uint32Field(value: unknown, sink: IssueSink, where: string, field: string, rule: UintRule): number | undefined {
  const n = uint32Value(value, rule.min, rule.max);
  if (n !== null) return n;
  const v = unwrap(value);
  const min = rule.min ?? 0;
  const max = rule.max ?? UINT32_MAX;
  reportBad(sink, where, field, v, `an integer in ${min}–${max} (${rule.rule})`, rule.effect ?? String(rule.fallback), rule.place);
  return rule.fallback;
}

/** google.protobuf.Duration's range (duration.proto: "Range: +-315,576,000,000 seconds"), and at most 9 fractional digits. */
const MAX_DURATION_SECONDS = 315_576_000_000;
const DURATION_TEXT = /^(-?)(\d+)(?:\.(\d{1,9}))?s$/;

/** A Duration in milliseconds as duration.proto allows it, without reporting: undefined when absent, null when bad. */
export function durationValue(value: unknown): number | undefined | null {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') {
    const m = DURATION_TEXT.exec(value);
    return m && Number(m[2]) <= MAX_DURATION_SECONDS ? Math.round(Number(value.slice(0, -1)) * 1000 * 1e6) / 1e6 : null;
  }
  if (typeof value !== 'object' || Array.isArray(value)) return null;
  const { seconds = 0, nanos = 0 } = value as { seconds?: unknown; nanos?: unknown };
  const s = typeof seconds === 'string' && /^-?\d+$/.test(seconds) ? Number(seconds) : seconds;
  if (typeof s !== 'number' || typeof nanos !== 'number' || !Number.isInteger(s) || !Number.isInteger(nanos)) return null;
  if (Math.abs(s) > MAX_DURATION_SECONDS || Math.abs(nanos) >= 1e9 || s * nanos < 0) return null;
  return s * 1000 + nanos / 1e6;
}

/** A PGV duration rule: `gte {}` (≥ 0) or `gt {}` (> 0), with its proto citation. */
export interface DurationRule {
  rule: string;
  positive?: boolean;
}

/**
 * A google.protobuf.Duration in milliseconds, checked against duration.proto (`<n>s`, up to 9
 * fractional digits, within ±315,576,000,000 s; `{seconds, nanos}` with |nanos| < 1e9 and one
 * sign) and the field's PGV rule: undefined when absent or bad (reported: read as absent).
 */
export function durationField(value: unknown, sink: IssueSink, where: string, field: string, rule?: DurationRule): number | undefined {
  const ms = durationValue(value);
  if (ms === null) {
    reportBad(sink, where, field, value, 'a google.protobuf.Duration (`<seconds>s`, up to 9 fractional digits, within ±315576000000s)', 'absent');
    return undefined;
  }
  if (ms !== undefined && rule && (rule.positive ? ms <= 0 : ms < 0)) {
    reportBad(sink, where, field, value, `a duration ${rule.positive ? '> 0' : '≥ 0'} (${rule.rule})`, 'absent');
    return undefined;
  }
  return ms;
}

/** A repeated field: the list, or [] when absent; a value that is not a list is reported (read as empty). */
export function listField(value: unknown, sink: IssueSink, where: string, field: string): Json[] {
  if (Array.isArray(value)) return value;
  if (value !== undefined && value !== null) reportBad(sink, where, field, value, 'a list (a repeated field)', 'an empty list');
  return [];
}

/** A repeated string field: its strings; a non-list or an item that is not a string is reported (the item left out). */
export function stringListField(value: unknown, sink: IssueSink, where: string, field: string): string[] {
  const list = listField(value, sink, where, field);
  for (const item of list) {
    if (typeof item === 'string') continue;
    reportBad(sink, where, `${field} item`, item, 'a string', 'left out');
    return list.filter((i): i is string => typeof i === 'string');
  }
  return list as string[];
}

/** A string field: the string, undefined when absent; any other value is reported (read as absent). */
export function stringField(value: unknown, sink: IssueSink, where: string, field: string): string | undefined {
  if (typeof value === 'string') return value;
  if (value !== undefined && value !== null) reportBad(sink, where, field, value, 'a string', 'absent');
  return undefined;
}
