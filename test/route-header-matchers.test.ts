import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { IssueSink } from '../src/core/envoy/issues.ts';
import type { JsonObject } from '../src/core/envoy/json.ts';
import { parseHeaderMatcher } from '../src/core/envoy/routes/header-matcher.ts';
import { parseStringMatcher } from '../src/core/envoy/routes/string-matcher.ts';
import { evaluateHeaderMatcher } from '../src/core/router/header-match.ts';
import { parseRequest } from '../src/core/router/request.ts';
import { matchString } from '../src/core/router/string-match.ts';

describe('string matchers (envoy.type.matcher.v3.StringMatcher)', () => {
  const cases: [JsonObject, string, boolean][] = [
    [{ exact: 'jason' }, 'jason', true],
    [{ exact: 'jason' }, 'Jason', false],
    [{ exact: 'jason', ignore_case: true }, 'JASON', true],
    [{ exact: '' }, '', true],
    [{ exact: '' }, 'x', false],
    [{ prefix: '/api' }, '/api/v1', true],
    [{ prefix: '/API', ignore_case: true }, '/api/v1', true],
    [{ suffix: '.css' }, '/s/a.css', true],
    [{ suffix: '.CSS', ignore_case: { value: true } }, '/s/a.css', true],
    [{ contains: 'mobile' }, 'Mozilla mobile', true],
    [{ contains: 'MOBILE', ignore_case: true }, 'Mozilla mobile', true],
    [{ safe_regex: { google_re2: {}, regex: 'v[0-9]+' } }, 'v12', true],
    [{ safe_regex: { regex: 'v[0-9]+' } }, 'xv12', false],
    [{ safe_regex: { regex: 'abc' }, ignore_case: true }, 'ABC', false], // ignore_case has no effect on regex
    [{ exact: 'ß', ignore_case: true }, 'SS', false], // ASCII-only case folding
  ];
  for (const [json, value, expected] of cases) {
    it(`${JSON.stringify(json)} on ${JSON.stringify(value)} → ${expected}`, () => {
      assert.equal(matchString(parseStringMatcher(json), value), expected);
    });
  }

  it('reports a matcher it cannot evaluate, which never matches', () => {
    const sink = new IssueSink();
    const match = parseStringMatcher({ custom: { name: 'x' } }, sink, 'here');
    assert.equal(match.kind, 'unsupported');
    assert.equal(matchString(match, 'anything'), false);
    assert.equal(sink.finish().filter((i) => i.severity === 'warning').length, 1);
  });
});

describe('header matchers (Envoy HeaderMatcher semantics)', () => {
  // [matcher, request headers, matches?, reason when not]
  const cases: [JsonObject, string[], boolean, string?][] = [
    [{ name: 'end-user', string_match: { exact: 'jason' } }, ['end-user: jason'], true],
    [{ name: 'end-user', string_match: { exact: 'jason' } }, ['end-user: Jason'], false, 'header end-user: wanted exact "jason", request has "Jason"'],
    [{ name: 'end-user', string_match: { exact: 'jason' } }, [], false, 'header end-user: absent, wanted exact "jason"'],
    [{ name: 'End-User', exact_match: 'jason' }, ['END-USER: jason'], true], // names are case-insensitive
    [{ name: 'x', exact_match: '' }, ['x: anything'], true], // legacy empty exact_match matches any value
    [{ name: 'x', prefix_match: 'ab' }, ['x: abc'], true],
    [{ name: 'x', suffix_match: 'bc' }, ['x: abc'], true],
    [{ name: 'x', contains_match: 'b' }, ['x: abc'], true],
    [{ name: 'x', safe_regex_match: { regex: '^user=test-\\d+$' } }, ['x: user=test-1'], true],
    [{ name: 'x' }, ['x: '], true], // no specifier: presence
    [{ name: 'x' }, [], false, 'header x: absent, wanted present'],
    [{ name: 'x', present_match: true }, ['x: 1'], true],
    [{ name: 'x', present_match: false }, [], true],
    [{ name: 'x', present_match: false }, ['x: 1'], false, 'header x: wanted absent, request has "1"'],
    [{ name: 'x', present_match: true, invert_match: true }, [], true],
    [{ name: 'x', present_match: true, invert_match: true }, ['x: yes'], false, 'header x: wanted not present (invert_match), request has "yes"'],
    [{ name: 'x', string_match: { exact: 'a' }, invert_match: true }, ['x: b'], true],
    [{ name: 'x', string_match: { exact: 'a' }, invert_match: true }, ['x: a'], false, 'header x: wanted not exact "a" (invert_match), request has "a"'],
    [{ name: 'x', string_match: { exact: 'a' }, invert_match: true }, [], false], // absent header is ignored, even inverted
    [{ name: 'x', range_match: { start: 0, end: 10 }, invert_match: true, treat_missing_header_as_empty: true }, [], true],
    [{ name: 'x', safe_regex_match: { regex: '^$' }, treat_missing_header_as_empty: true }, [], true],
    [{ name: 'x', safe_regex_match: { regex: '^$' } }, [], false],
    [{ name: 'x', range_match: { start: '-10', end: '0' } }, ['x: -1'], true],
    [{ name: 'x', range_match: { start: -10, end: 0 } }, ['x: 0'], false, 'header x: wanted range [-10, 0), request has "0"'],
    [{ name: 'x', range_match: { start: -10, end: 0 } }, ['x: -1somestring'], false],
    [{ name: 'x', range_match: { start: 0, end: 100 } }, ['x: 10.9'], false],
    [{ name: 'x', range_match: { start: 0, end: 100 } }, ['x: +42'], true],
    [{ name: 'x', string_match: { exact: 'a,b' } }, ['x: a', 'x: b'], true], // repeated headers joined with ","
    [{ name: ':method', string_match: { exact: 'POST' } }, [], false, 'header :method: wanted exact "POST", request has "GET"'],
    [{ name: ':authority', string_match: { exact: 'reviews:9080' } }, [], true],
    [{ name: ':path', string_match: { prefix: '/r' } }, [], true],
  ];
  for (const [json, headers, expected, reason] of cases) {
    it(`${JSON.stringify(json)} with [${headers.join('; ')}] → ${expected}`, () => {
      const matcher = parseHeaderMatcher(json, new IssueSink(), 'test');
      const verdict = evaluateHeaderMatcher(matcher, parseRequest('GET http://reviews:9080/reviews/1', headers));
      assert.equal(verdict.ok, expected);
      if (reason !== undefined && !verdict.ok) assert.equal(verdict.reason, reason);
    });
  }
});
