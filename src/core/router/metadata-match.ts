import { asArray, asNumber, asObject, isObject, type Json, type JsonObject } from '../envoy/json.ts';
import type { MetadataMatcher } from '../envoy/route-types.ts';
import { parseStringMatcher } from '../envoy/routes/string-matcher.ts';
import type { Verdict } from './header-match.ts';
import { describeStringMatch, matchString } from './string-match.ts';

/** The value at `filter` + `path` in the stream's dynamic metadata; undefined when any step is missing. */
function metadataValue(metadata: Record<string, JsonObject> | undefined, filter: string, path: readonly string[]): Json | undefined {
  let value: Json | undefined = metadata?.[filter];
  for (const key of path) {
    if (!isObject(value)) return undefined;
    value = value[key];
  }
  return value;
}

/**
 * An envoy.type.matcher.v3.ValueMatcher: null_match, double_match (exact or [start, end)),
 * string_match, bool_match, present_match, list_match (any element), or_match.
 * A missing value matches nothing (present_match: false included, as in Envoy).
 */
function valueMatches(matcher: JsonObject, value: Json | undefined): boolean {
  if (matcher.null_match !== undefined) return value === null;
  const double = asObject(matcher.double_match);
  if (double) {
    if (typeof value !== 'number') return false;
    const exact = asNumber(double.exact);
    if (exact !== undefined) return value === exact;
    const range = asObject(double.range);
    return range !== undefined && value >= (asNumber(range.start) ?? -Infinity) && value < (asNumber(range.end) ?? Infinity);
  }
  const string = asObject(matcher.string_match);
  if (string) return typeof value === 'string' && matchString(parseStringMatcher(string), value);
  if (matcher.bool_match !== undefined) return typeof value === 'boolean' && value === matcher.bool_match;
  if (matcher.present_match !== undefined) return matcher.present_match === true && value !== undefined;
  const list = asObject(matcher.list_match);
  if (list) {
    const oneOf = asObject(list.one_of);
    return Array.isArray(value) && oneOf !== undefined && value.some((item) => valueMatches(oneOf, item));
  }
  const or = asObject(matcher.or_match);
  if (or) return asArray(or.value_matchers).some((m) => isObject(m) && valueMatches(m, value));
  return false;
}

function describeValueMatcher(matcher: JsonObject): string {
  const string = asObject(matcher.string_match);
  if (string) return describeStringMatch(parseStringMatcher(string));
  return JSON.stringify(matcher);
}

/** One `dynamic_metadata` matcher of a route (Envoy's Matchers::MetadataMatcher), with `invert`. */
export function evaluateMetadataMatcher(matcher: MetadataMatcher, metadata: Record<string, JsonObject> | undefined): Verdict {
  const value = metadataValue(metadata, matcher.filter, matcher.path);
  if (valueMatches(matcher.value, value) !== matcher.invert) return { ok: true };
  const where = [matcher.filter, ...matcher.path].join('.');
  const want = `${matcher.invert ? 'not ' : ''}${describeValueMatcher(matcher.value)}`;
  if (value === undefined) return { ok: false, reason: `dynamic_metadata ${where}: absent, wanted ${want}` };
  return { ok: false, reason: `dynamic_metadata ${where}: wanted ${want}, has ${JSON.stringify(value)}` };
}
