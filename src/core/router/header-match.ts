import type { HeaderMatcher } from '../envoy/route-types.ts';
import { abslSimpleAtoi } from '../text/atoi.ts';
import { type HttpRequest, headerValue } from './request.ts';
import { describeStringMatch, matchString } from './string-match.ts';

/** The result of one predicate: matched, or why not, in words a person can check. */
export type Verdict = { ok: true } | { ok: false; reason: string };

export const PASS: Verdict = { ok: true };

/** What the matcher wants, e.g. `exact "jason"`, `range [0, 10)`, `present`. */
export function describeHeaderMatcher(matcher: HeaderMatcher): string {
  const spec = matcher.spec;
  let text: string;
  if (!spec) text = 'present';
  else if (spec.kind === 'present') text = spec.present ? 'present' : 'absent';
  else if (spec.kind === 'range') text = `range [${spec.start}, ${spec.end})`;
  else if (spec.kind === 'unsupported') text = `unsupported matcher (${spec.field})`;
  else text = describeStringMatch(spec.match);
  return matcher.invert ? `not ${text} (invert_match)` : text;
}

function specMatches(matcher: HeaderMatcher, value: string): boolean {
  const spec = matcher.spec;
  if (!spec || spec.kind === 'present') return true;
  if (spec.kind === 'unsupported') return false;
  if (spec.kind === 'range') {
    const n = abslSimpleAtoi(value, 'int64');
    return n !== undefined && n >= spec.start && n < spec.end;
  }
  return matchString(spec.match, value);
}

/**
 * Envoy's HeaderMatcher against a value (undefined = header absent; repeated headers already
 * joined with ","), as HeaderUtility::matchHeaders: absent headers never match a value matcher,
 * inverted or not, unless `treat_missing_header_as_empty`, which applies to every matcher kind;
 * `present_match` compares presence, then `invert_match` flips.
 */
export function headerMatches(matcher: HeaderMatcher, value: string | undefined): boolean {
  const spec = matcher.spec;
  const presence = !spec || spec.kind === 'present';
  const wantPresent = spec?.kind === 'present' ? spec.present : true;
  if (value === undefined) {
    // HeaderUtility::matchHeaders: without treat_missing_header_as_empty an absent header only
    // matches a present_match (false, or true inverted).
    if (!matcher.treatMissingAsEmpty) return presence && wantPresent === matcher.invert;
    // With it the header is present with the value "": every matcher kind, present_match
    // included, sees "" (so `present_match: false` never matches, inverted it always does).
    value = '';
  }
  if (presence) return wantPresent !== matcher.invert;
  return specMatches(matcher, value) !== matcher.invert;
}

/** Evaluates one header matcher against the request, with the reason when it fails. */
export function evaluateHeaderMatcher(matcher: HeaderMatcher, request: HttpRequest): Verdict {
  const value = headerValue(request, matcher.name);
  if (headerMatches(matcher, value)) return PASS;
  const want = describeHeaderMatcher(matcher);
  if (value === undefined && matcher.treatMissingAsEmpty)
    return { ok: false, reason: `header ${matcher.name}: absent, read as "" (treat_missing_header_as_empty), wanted ${want}` };
  if (value === undefined) return { ok: false, reason: `header ${matcher.name}: absent, wanted ${want}` };
  return { ok: false, reason: `header ${matcher.name}: wanted ${want}, request has ${JSON.stringify(value)}` };
}
