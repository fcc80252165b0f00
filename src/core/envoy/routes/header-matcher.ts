import type { IssueSink } from '../issues.ts';
import { asObject, asString, type JsonObject } from '../json.ts';
import { ROUTE_FIELDS } from '../route-known-fields.ts';
import type { HeaderMatcher, HeaderMatchSpec } from '../route-types.ts';
import { boolValue, int64Value } from './common.ts';
import { parseRegexMatcher, parseStringMatcher } from './string-matcher.ts';

/** The deprecated single-purpose fields, still written by older control planes and dumps. */
const LEGACY = [
  ['exact_match', 'exact'],
  ['prefix_match', 'prefix'],
  ['suffix_match', 'suffix'],
  ['contains_match', 'contains'],
] as const;

function spec(obj: JsonObject, sink: IssueSink, where: string): HeaderMatchSpec | undefined {
  const string = asObject(obj.string_match);
  if (string) return { kind: 'string', match: parseStringMatcher(string, sink, where) };
  for (const [field, kind] of LEGACY) {
    const value = asString(obj[field]);
    // Envoy's legacy exact_match "" matches any value (HeaderDataExactMatch); a prefix "" says the same.
    if (value === '' && kind === 'exact') return { kind: 'string', match: { kind: 'prefix', value: '', ignoreCase: false } };
    if (value !== undefined) return { kind: 'string', match: { kind, value, ignoreCase: false } };
  }
  if (obj.safe_regex_match !== undefined) {
    const regex = parseRegexMatcher(obj.safe_regex_match, sink, where);
    if (regex !== undefined) return { kind: 'string', match: { kind: 'safe_regex', regex, ignoreCase: false } };
    return { kind: 'unsupported', field: 'safe_regex_match' };
  }
  const range = asObject(obj.range_match);
  if (range) {
    // envoy.type.v3.Int64Range: compared as int64 in HeaderUtility::matchHeaders, so read exactly.
    const bound = (field: 'start' | 'end'): bigint => {
      if (range[field] === undefined) return 0n;
      const n = int64Value(range[field]);
      if (n === undefined)
        sink.report({
          severity: 'warning',
          code: 'bad-value',
          message: `range_match ${field} ${JSON.stringify(range[field])} is not an int64; read as 0`,
          where,
        });
      return n ?? 0n;
    };
    return { kind: 'range', start: bound('start'), end: bound('end') };
  }
  if (obj.present_match !== undefined) return { kind: 'present', present: boolValue(obj.present_match, true) };
  if (obj.regex_match !== undefined) {
    sink.report({
      severity: 'warning',
      code: 'unsupported',
      kind: 'route-matcher',
      message: 'header matcher regex_match (removed from Envoy) is not evaluated; it never matches',
      where,
    });
    return { kind: 'unsupported', field: 'regex_match' };
  }
  return undefined;
}

/**
 * An envoy.config.route.v3.HeaderMatcher. A matcher with only a `name` requires the header to
 * be present. Header names are lower-cased, as Envoy stores them.
 */
export function parseHeaderMatcher(obj: JsonObject, sink: IssueSink, where: string): HeaderMatcher {
  sink.routeFields('header_matcher', where, obj, ROUTE_FIELDS.HeaderMatcher);
  return {
    name: (asString(obj.name) ?? '').toLowerCase(),
    spec: spec(obj, sink, where),
    invert: boolValue(obj.invert_match, false),
    treatMissingAsEmpty: boolValue(obj.treat_missing_header_as_empty, false),
    raw: obj,
  };
}
