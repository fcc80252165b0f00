import { parseCidrRanges } from './address.ts';
import { asArray, asBool, asObject, asString, isObject, type JsonObject } from './json.ts';
import type { FieldMatcher, IpRangeMatcher, Matcher, MatcherTree, OnMatch, Predicate, TypedExtension } from './matcher-tree-types.ts';
import { parseStringMatcher } from './routes/string-matcher.ts';

const TYPE_PREFIX = 'type.googleapis.com/';

/** The custom matchers meshscope evaluates: Envoy's IP range matcher (`envoy.matching.custom_matchers.ip_range_matcher`). */
const IP_MATCHER_TYPES = new Set(['xds.type.matcher.v3.IPMatcher']);

/** A `typed_extension_config` (`{name, typed_config: {@type, value?}}`). */
export function parseTypedExtension(raw: unknown): TypedExtension {
  const obj = asObject(raw) ?? {};
  const config = asObject(obj.typed_config) ?? {};
  const type = (asString(config['@type']) ?? '').replace(TYPE_PREFIX, '');
  const out: TypedExtension = { name: asString(obj.name) ?? '', type, config };
  const value = asString(config.value);
  if (value !== undefined) out.value = value;
  return out;
}

function parseOnMatch(raw: unknown): OnMatch {
  const obj = asObject(raw) ?? {};
  const keepMatching = asBool(obj.keep_matching) === true;
  if (isObject(obj.matcher)) return { kind: 'matcher', matcher: parseMatcher(obj.matcher), keepMatching };
  if (isObject(obj.action)) return { kind: 'action', action: parseTypedExtension(obj.action), keepMatching };
  return { kind: 'empty', keepMatching };
}

function parseMap(raw: unknown): Map<string, OnMatch> {
  const map = new Map<string, OnMatch>();
  const entries = asObject(asObject(raw)?.map) ?? {};
  for (const key of Object.keys(entries)) map.set(key, parseOnMatch(entries[key]));
  return map;
}

function parseTree(raw: JsonObject): MatcherTree {
  const input = parseTypedExtension(raw.input);
  if (isObject(raw.exact_match_map)) return { kind: 'exact', input, map: parseMap(raw.exact_match_map) };
  if (isObject(raw.prefix_match_map)) return { kind: 'prefix', input, map: parseMap(raw.prefix_match_map) };
  const custom = isObject(raw.custom_match) ? parseTypedExtension(raw.custom_match) : undefined;
  if (custom && IP_MATCHER_TYPES.has(custom.type)) {
    const config = asObject(asObject(raw.custom_match)?.typed_config) ?? {};
    const rangeMatchers: IpRangeMatcher[] = [];
    for (const item of asArray(config.range_matchers)) {
      const rm = asObject(item) ?? {};
      rangeMatchers.push({ ranges: parseCidrRanges(rm.ranges), exclusive: asBool(rm.exclusive) === true, onMatch: parseOnMatch(rm.on_match) });
    }
    return { kind: 'ip', input, rangeMatchers };
  }
  const what = custom ? `custom matcher ${custom.type || custom.name}` : 'a matcher_tree without exact_match_map, prefix_match_map or custom_match';
  return { kind: 'unsupported', input, what };
}

function parsePredicate(raw: unknown): Predicate {
  const obj = asObject(raw) ?? {};
  const single = asObject(obj.single_predicate);
  if (single) {
    const input = parseTypedExtension(single.input);
    const value = asObject(single.value_match);
    if (value) return { kind: 'single', input, match: parseStringMatcher(value) };
    const custom = parseTypedExtension(single.custom_match);
    return { kind: 'unsupported', what: `a predicate's custom_match ${custom.type || custom.name || '(empty)'}` };
  }
  for (const kind of ['or', 'and'] as const) {
    const list = asObject(obj[`${kind}_matcher`]);
    if (list) return { kind, predicates: asArray(list.predicate).map(parsePredicate) };
  }
  if (isObject(obj.not_matcher)) return { kind: 'not', predicate: parsePredicate(obj.not_matcher) };
  return { kind: 'unsupported', what: `a predicate with none of single_predicate, or_matcher, and_matcher, not_matcher` };
}

/**
 * Parses a unified matcher, as Envoy's MatchTreeFactory reads it (source/common/matcher/matcher.h):
 * `matcher_tree` (input + exact/prefix map or custom matcher) or `matcher_list`, then `on_no_match`.
 */
export function parseMatcher(raw: JsonObject): Matcher {
  const onNoMatch = isObject(raw.on_no_match) ? parseOnMatch(raw.on_no_match) : undefined;
  const extra = onNoMatch ? { onNoMatch } : {};
  if (isObject(raw.matcher_tree)) return { kind: 'tree', tree: parseTree(raw.matcher_tree), ...extra };
  const list = asObject(raw.matcher_list);
  if (list) {
    const matchers: FieldMatcher[] = asArray(list.matchers).map((m) => {
      const obj = asObject(m) ?? {};
      return { predicate: parsePredicate(obj.predicate), onMatch: parseOnMatch(obj.on_match) };
    });
    return { kind: 'list', matchers, ...extra };
  }
  return { kind: 'unsupported', what: 'a matcher with neither matcher_tree nor matcher_list', ...extra };
}
