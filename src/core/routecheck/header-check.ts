import type { JsonObject } from '../envoy/json.ts';
import { headerMatches } from '../router/header-match.ts';
import type { HeaderMap } from './header-map.ts';
import { actualOnlyLine, failureLine } from './report-line.ts';
import type { ExpectedHeaderMatch } from './test-schema.ts';

const SPECIFIERS = ['exact_match', 'safe_regex_match', 'range_match', 'present_match', 'prefix_match', 'suffix_match', 'contains_match', 'string_match'];
const STRING_PATTERNS = ['exact', 'prefix', 'suffix', 'safe_regex', 'contains'];

/** The matcher's kind as the tool names it in `test type`: `present_match`, `range_match`, `string_match.exact`, ... */
function matcherTypeName(raw: JsonObject): string {
  const specifier = SPECIFIERS.find((field) => raw[field] !== undefined && raw[field] !== null) ?? 'present_match';
  if (specifier !== 'string_match') return specifier;
  const pattern = raw.string_match;
  const set = typeof pattern === 'object' && pattern !== null && !Array.isArray(pattern) ? STRING_PATTERNS.find((p) => pattern[p] !== undefined) : undefined;
  return `string_match.${set ?? 'match_pattern_not_set'}`;
}

/** One failed header matcher: the printed line and the HeaderMatchFailure for the result file. */
export interface HeaderMatchFailure {
  line: string;
  failure: JsonObject;
}

/**
 * Evaluates an expected header matcher against finalized headers with Envoy's HeaderMatcher
 * semantics (repeated values joined with ","), and on failure words it like the tool's
 * matchHeaderField: exact matchers show expected and actual (`NOT` when inverted), presence
 * matchers show `has(name):true|false`, others only the actual value. The actual value printed is
 * the header's first value, or `NULL` when absent.
 */
export function checkHeaderMatch(headers: HeaderMap, expected: ExpectedHeaderMatch, testType: string): HeaderMatchFailure | undefined {
  const { matcher, raw } = expected;
  if (headerMatches(matcher, headers.joined(matcher.name))) return undefined;
  const first = headers.values(matcher.name)[0];
  const name = typeof raw.name === 'string' ? raw.name : matcher.name;
  const kind = matcherTypeName(raw);
  const type = `${testType}.${kind}`;
  const shown = `${name}: ${first ?? 'NULL'}`;
  let line: string;
  if (kind === 'present_match') {
    line = failureLine(`has(${name}):${matcher.invert ? 'false' : 'true'}`, `has(${name}):${matcher.invert ? 'true' : 'false'}`, type);
  } else if (kind === 'string_match.exact') {
    const want = (raw.string_match as JsonObject).exact;
    line = failureLine(`${name}: ${typeof want === 'string' ? want : ''}`, shown, type, !matcher.invert);
  } else {
    line = actualOnlyLine(shown, type);
  }
  return { line, failure: { header_matcher: raw, actual_header_value: first ?? '' } };
}
