import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { IssueSink } from '../src/core/envoy/issues.ts';
import type { JsonObject } from '../src/core/envoy/json.ts';
import { parseHeaderMatcher } from '../src/core/envoy/routes/header-matcher.ts';
import { evaluateHeaderMatcher, headerMatches } from '../src/core/router/header-match.ts';
import { parseRequest } from '../src/core/router/request.ts';

/**
 * Issue 12, rules 1 and 2, restated from Envoy's HeaderUtility::matchHeaders
 * (source/common/http/header_utility.cc) and test/common/http/header_utility_test.cc.
 */
const matcher = (json: JsonObject) => parseHeaderMatcher(json, new IssueSink(), 'test');

describe('rule 1: treat_missing_header_as_empty applies to every header matcher (HeaderUtility::matchHeaders)', () => {
  // [MatchHeadersTest.<name> in header_utility_test.cc, matcher, header value (undefined = absent), matches]
  const T = { treat_missing_header_as_empty: true };
  const cases: [string, JsonObject, string | undefined, boolean][] = [
    ['HeaderPresenceTreatMissingAsEmpty: present', { name: 'm', ...T }, 'value', true],
    ['HeaderPresenceTreatMissingAsEmpty: absent', { name: 'm', ...T }, undefined, true],
    ['HeaderPresentMatchWithTrueValueTreatMissingAsEmpty: absent', { name: 'm', present_match: true, ...T }, undefined, true],
    ['HeaderPresentMatchWithFalseValue: present', { name: 'm', present_match: false }, '123', false],
    ['HeaderPresentMatchWithFalseValue: absent', { name: 'm', present_match: false }, undefined, true],
    // The missing header is present with "": present_match false never matches.
    ['HeaderPresentMatchWithFalseValueTreatMissingAsEmpty: present', { name: 'm', present_match: false, ...T }, '123', false],
    ['HeaderPresentMatchWithFalseValueTreatMissingAsEmpty: absent', { name: 'm', present_match: false, ...T }, undefined, false],
    ['HeaderPresentInverseMatchWithTrueValue: absent', { name: 'm', present_match: true, invert_match: true }, undefined, true],
    ['HeaderPresentInverseMatchWithTrueValue: present', { name: 'm', present_match: true, invert_match: true }, '123', false],
    ['HeaderPresentInverseMatchWithTrueValueTreatMissingAsEmpty: absent', { name: 'm', present_match: true, invert_match: true, ...T }, undefined, false],
    ['HeaderPresentInverseMatchWithFalseValue: absent', { name: 'm', present_match: false, invert_match: true }, undefined, false],
    ['HeaderPresentInverseMatchWithFalseValue: present', { name: 'm', present_match: false, invert_match: true }, '123', true],
    [
      'present_match false inverted with treat missing: absent (present_ false != invert)',
      { name: 'm', present_match: false, invert_match: true, ...T },
      undefined,
      true,
    ],
    ['HeaderExactMatchInverseTreatMissingAsEmpty: other-value', { name: 'm', exact_match: 'match-value', invert_match: true, ...T }, 'other-value', true],
    ['HeaderExactMatchInverseTreatMissingAsEmpty: match-value', { name: 'm', exact_match: 'match-value', invert_match: true, ...T }, 'match-value', false],
    ['HeaderExactMatchInverseTreatMissingAsEmpty: empty headers', { name: 'm', exact_match: 'match-value', invert_match: true, ...T }, undefined, true],
    ['HeaderExactMatchInverse: empty headers', { name: 'm', exact_match: 'match-value', invert_match: true }, undefined, false],
    ['HeaderSafeRegexInverseMatchTreatMissingAsEmpty: 1234', { name: 'm', safe_regex_match: { regex: '\\d{3}' }, invert_match: true, ...T }, '1234', true],
    ['HeaderSafeRegexInverseMatchTreatMissingAsEmpty: 123', { name: 'm', safe_regex_match: { regex: '\\d{3}' }, invert_match: true, ...T }, '123', false],
    [
      'HeaderSafeRegexInverseMatchTreatMissingAsEmpty: empty headers',
      { name: 'm', safe_regex_match: { regex: '\\d{3}' }, invert_match: true, ...T },
      undefined,
      true,
    ],
    ['HeaderSafeRegexInverseMatch: empty headers', { name: 'm', safe_regex_match: { regex: '\\d{3}' }, invert_match: true }, undefined, false],
    ['HeaderRangeInverseMatchTreatMissingAsEmpty: 0', { name: 'm', range_match: { start: -10, end: 0 }, invert_match: true, ...T }, '0', true],
    ['HeaderRangeInverseMatchTreatMissingAsEmpty: -1', { name: 'm', range_match: { start: -10, end: 0 }, invert_match: true, ...T }, '-1', false],
    [
      'HeaderRangeInverseMatchTreatMissingAsEmpty: empty headers',
      { name: 'm', range_match: { start: -10, end: 0 }, invert_match: true, ...T },
      undefined,
      true,
    ],
    ['HeaderRangeInverseMatch: empty headers', { name: 'm', range_match: { start: -10, end: 0 }, invert_match: true }, undefined, false],
    // route_components.proto HeaderMatcher.treat_missing_header_as_empty examples (header3/header4: regex ^$).
    ['proto doc header3: regex ^$ with treat missing, absent', { name: 'm', string_match: { safe_regex: { regex: '^$' } }, ...T }, undefined, true],
    ['proto doc header4: regex ^$ without it, absent', { name: 'm', string_match: { safe_regex: { regex: '^$' } } }, undefined, false],
  ];
  for (const [name, json, value, expected] of cases) {
    it(`${name} → ${expected}`, () => assert.equal(headerMatches(matcher(json), value), expected));
  }

  it('names the empty reading in the failure reason', () => {
    const verdict = evaluateHeaderMatcher(matcher({ name: 'h', present_match: false, treat_missing_header_as_empty: true }), parseRequest('http://a/'));
    assert.deepEqual(verdict, { ok: false, reason: 'header h: absent, read as "" (treat_missing_header_as_empty), wanted absent' });
  });
});

describe('rule 2: range_match compares int64 bounds with absl::SimpleAtoi (HeaderUtility::matchHeaders)', () => {
  const INT64_MAX = '9223372036854775807';
  // [case, range, header value, matches]
  const cases: [string, JsonObject, string, boolean][] = [
    // MatchHeadersTest.HeaderRangeMatch: [-10, 0) matches -1, not 0, 10 or "somestring".
    ['HeaderRangeMatch -1 in [-10,0)', { start: -10, end: 0 }, '-1', true],
    ['HeaderRangeMatch 0 not in [-10,0)', { start: -10, end: 0 }, '0', false],
    ['HeaderRangeMatch somestring', { start: -10, end: 0 }, 'somestring', false],
    ['HeaderRangeMatch 10.9 is not an integer', { start: -10, end: 11 }, '10.9', false],
    ['HeaderRangeMatch -1somestring', { start: -10, end: 0 }, '-1somestring', false],
    // Bounds near 2^63 written as protojson strings: exact, no float rounding.
    ['end INT64_MAX excludes INT64_MAX', { start: '9223372036854775806', end: INT64_MAX }, INT64_MAX, false],
    ['end INT64_MAX includes INT64_MAX-1', { start: '9223372036854775806', end: INT64_MAX }, '9223372036854775806', true],
    ['start INT64_MAX-1 excludes INT64_MAX-2', { start: '9223372036854775806', end: INT64_MAX }, '9223372036854775805', false],
    // absl::SimpleAtoi: a leading '+' and surrounding ASCII whitespace are accepted; overflow fails.
    ['SimpleAtoi accepts +5', { start: 0, end: 10 }, '+5', true],
    ['SimpleAtoi accepts surrounding spaces', { start: 0, end: 10 }, ' 5 ', true],
    ['SimpleAtoi rejects int64 overflow', { start: 0, end: INT64_MAX }, '9223372036854775808', false],
    ['SimpleAtoi rejects an empty value', { start: -1, end: 1 }, '', false],
  ];
  for (const [name, range, value, expected] of cases) {
    it(`${name} → ${expected}`, () => assert.equal(headerMatches(matcher({ name: 'x', range_match: range }), value), expected));
  }

  it('keeps the bounds exact and reports one that is not an int64', () => {
    const sink = new IssueSink();
    const m = parseHeaderMatcher({ name: 'x', range_match: { start: '-9223372036854775808', end: '9223372036854775808' } }, sink, 'here');
    assert.deepEqual(m.spec, { kind: 'range', start: -(2n ** 63n), end: 0n });
    assert.match(sink.finish()[0]?.message ?? '', /range_match end "9223372036854775808" is not an int64/);
  });
});
