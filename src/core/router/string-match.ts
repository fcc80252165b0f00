import type { StringMatch } from '../envoy/route-types.ts';
import { fullMatch, regexError } from '../text/regex.ts';

/** ASCII-only lower-casing, as absl's case-insensitive compares (non-ASCII bytes compare as-is). */
export function asciiLower(value: string): string {
  return value.replace(/[A-Z]+/g, (s) => s.toLowerCase());
}

/**
 * Envoy's StringMatcherImpl: exact / prefix / suffix / contains, ASCII case-insensitive when
 * `ignore_case`; safe_regex is a full RE2 match and ignores `ignore_case`.
 */
export function matchString(match: StringMatch, value: string): boolean {
  if (match.kind === 'safe_regex') return fullMatch(match.regex, value);
  if (match.kind === 'unsupported') return false;
  const want = match.ignoreCase ? asciiLower(match.value) : match.value;
  const have = match.ignoreCase ? asciiLower(value) : value;
  switch (match.kind) {
    case 'exact':
      return have === want;
    case 'prefix':
      return have.startsWith(want);
    case 'suffix':
      return have.endsWith(want);
    case 'contains':
      return have.includes(want);
  }
}

/** `exact "jason"`, `prefix "/api" (ignore case)`, `regex "^v[0-9]+$"`. */
export function describeStringMatch(match: StringMatch): string {
  if (match.kind === 'unsupported') return `unsupported matcher (${match.field})`;
  if (match.kind === 'safe_regex') {
    const error = regexError(match.regex);
    return error ? `regex ${JSON.stringify(match.regex)} (invalid RE2: ${error}; never matches)` : `regex ${JSON.stringify(match.regex)}`;
  }
  const text = `${match.kind} ${JSON.stringify(match.value)}`;
  return match.ignoreCase ? `${text} (ignore case)` : text;
}
