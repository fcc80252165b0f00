import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { IssueSink } from '../src/core/envoy/issues.ts';
import type { JsonObject } from '../src/core/envoy/json.ts';
import { parseRouteConfig } from '../src/core/envoy/routes/parse.ts';
import { formatCppDouble, RouteCoverage } from '../src/core/routecheck/coverage.ts';
import { checkHeaderMatch } from '../src/core/routecheck/header-check.ts';
import { HeaderMap } from '../src/core/routecheck/header-map.ts';
import { routeMatchText } from '../src/core/routecheck/match-text.ts';
import { type RouteCheckFlags, renderRouteCheck } from '../src/core/routecheck/output.ts';
import type { RouteCheckRun } from '../src/core/routecheck/run.ts';
import { parseToolTestFile } from '../src/core/routecheck/test-file.ts';

/** An expected header matcher as a test file would hold it. */
function expectHeader(raw: JsonObject) {
  const file = parseToolTestFile({
    tests: [{ test_name: 't', input: { authority: 'a', path: '/', method: 'GET' }, validate: { response_header_matches: [raw] } }],
  });
  return file.tests[0]!.validate.responseHeaderMatches[0]!;
}

describe('header match failure lines', () => {
  const headers = new HeaderMap([
    ['content-type', 'text/plain'],
    ['content-length', '25'],
    ['x-multi', 'a'],
    ['x-multi', 'b'],
  ]);
  const cases: [string, JsonObject, string | undefined][] = [
    ['an exact match that holds', { name: 'content-type', string_match: { exact: 'text/plain' } }, undefined],
    [
      'a wrong exact value',
      { name: 'content-type', string_match: { exact: 'text/html' } },
      'expected: [content-type: text/html], actual: [content-type: text/plain], test type: response_header_matches.string_match.exact',
    ],
    [
      'an inverted exact match',
      { name: 'content-type', string_match: { exact: 'text/plain' }, invert_match: true },
      'expected: [content-type: text/plain], actual: NOT [content-type: text/plain], test type: response_header_matches.string_match.exact',
    ],
    [
      'an exact match on an absent header (NULL)',
      { name: 'x-none', string_match: { exact: 'v' } },
      'expected: [x-none: v], actual: [x-none: NULL], test type: response_header_matches.string_match.exact',
    ],
    [
      'a range miss',
      { name: 'content-length', range_match: { start: 100, end: 1000 } },
      'actual: [content-length: 25], test type: response_header_matches.range_match',
    ],
    [
      'a present_match on an absent header',
      { name: 'x-none', present_match: true },
      'expected: [has(x-none):true], actual: [has(x-none):false], test type: response_header_matches.present_match',
    ],
    [
      'an inverted present_match',
      { name: 'content-type', present_match: true, invert_match: true },
      'expected: [has(content-type):false], actual: [has(content-type):true], test type: response_header_matches.present_match',
    ],
    [
      'a bare name (presence) as written, case kept',
      { name: 'X-None' },
      'expected: [has(X-None):true], actual: [has(X-None):false], test type: response_header_matches.present_match',
    ],
    [
      'a string_match prefix miss',
      { name: 'content-type', string_match: { prefix: 'app' } },
      'actual: [content-type: text/plain], test type: response_header_matches.string_match.prefix',
    ],
    [
      'a safe_regex_match miss',
      { name: 'content-type', safe_regex_match: { regex: 'json' } },
      'actual: [content-type: text/plain], test type: response_header_matches.safe_regex_match',
    ],
    ['a repeated header matched joined with ","', { name: 'x-multi', string_match: { exact: 'a,b' } }, undefined],
    [
      'a repeated header shown by its first value',
      { name: 'x-multi', string_match: { exact: 'b' } },
      'expected: [x-multi: b], actual: [x-multi: a], test type: response_header_matches.string_match.exact',
    ],
    [
      'a camelCase matcher',
      { name: 'content-type', stringMatch: { exact: 'nope' } },
      'expected: [content-type: nope], actual: [content-type: text/plain], test type: response_header_matches.string_match.exact',
    ],
  ];
  for (const [what, raw, line] of cases) {
    it(`words ${what}`, () => {
      assert.equal(checkHeaderMatch(headers, expectHeader(raw), 'response_header_matches')?.line, line);
    });
  }

  it('records the first actual value, or "" when absent, in the HeaderMatchFailure', () => {
    assert.deepEqual(checkHeaderMatch(headers, expectHeader({ name: 'x-multi', present_match: true, invert_match: true }), 'request_header_matches')?.failure, {
      header_matcher: { name: 'x-multi', present_match: true, invert_match: true },
      actual_header_value: 'a',
    });
    assert.equal(checkHeaderMatch(headers, expectHeader({ name: 'x-none' }), 'request_header_matches')?.failure.actual_header_value, '');
  });
});

describe('route match in text format (--covall)', () => {
  const cases: [string, JsonObject, string][] = [
    ['a prefix', { prefix: '/' }, 'prefix: "/"\n'],
    ['an empty prefix, which is set in its oneof', { prefix: '' }, 'prefix: ""\n'],
    ['a case-insensitive path (BoolValue false prints an empty block)', { path: '/tar', case_sensitive: false }, 'path: "/tar"\ncase_sensitive {\n}\n'],
    ['case_sensitive true written as a wrapper', { path: '/a', case_sensitive: { value: true } }, 'path: "/a"\ncase_sensitive {\n  value: true\n}\n'],
    [
      'headers and grpc in field-number order',
      { grpc: {}, headers: [{ name: ':authority' }, { name: 'x', string_match: { exact: 'y' }, invert_match: false }], prefix: '/foo' },
      'prefix: "/foo"\nheaders {\n  name: ":authority"\n}\nheaders {\n  name: "x"\n  string_match {\n    exact: "y"\n  }\n}\ngrpc {\n}\n',
    ],
    [
      'a runtime fraction (the default HUNDRED denominator is not printed)',
      { prefix: '/', runtime_fraction: { runtime_key: 'k', default_value: { numerator: 30, denominator: 'HUNDRED' } } },
      'prefix: "/"\nruntime_fraction {\n  default_value {\n    numerator: 30\n  }\n  runtime_key: "k"\n}\n',
    ],
    ['a regex with escapes', { safe_regex: { google_re2: {}, regex: '^/users/\\d+$' } }, 'safe_regex {\n  google_re2 {\n  }\n  regex: "^/users/\\\\d+$"\n}\n'],
    ['non-ASCII bytes as octal', { path: '/é' }, 'path: "/\\303\\251"\n'],
  ];
  for (const [what, match, text] of cases) {
    it(`prints ${what}`, () => {
      assert.equal(routeMatchText(match), text);
    });
  }
});

describe('coverage numbers as C++ prints a double', () => {
  const cases: [number, string][] = [
    [100, '100'],
    [Math.fround(200 / 3), '66.6667'],
    [Math.fround(39 / 1.7), '22.9412'],
    [Math.fround(20 / 3), '6.66667'],
    [0, '0'],
    [50, '50'],
    [0.5, '0.5'],
    [1e-5, '1e-05'],
    [1234567, '1.23457e+06'],
  ];
  for (const [value, text] of cases) {
    it(`prints ${value} as ${text}`, () => {
      assert.equal(formatCppDouble(value), text);
    });
  }
});

describe('route-check report', () => {
  const config = parseRouteConfig(
    {
      virtual_hosts: [
        {
          name: 'vh',
          domains: ['*'],
          routes: [
            { match: { prefix: '/a' }, route: { cluster: 'a' } },
            {
              match: { prefix: '/' },
              route: {
                weighted_clusters: {
                  clusters: [
                    { name: 'x', weight: 1 },
                    { name: 'y', weight: 1 },
                  ],
                },
              },
            },
          ],
        },
      ],
    },
    new IssueSink(),
    'test',
  );
  const run = (passed: boolean[]): RouteCheckRun => ({
    results: passed.map((ok, i) => {
      const failure: JsonObject = ok ? {} : { expected_cluster_name: 'x', actual_cluster_name: 'y' };
      return { name: `T${i}`, passed: ok, lines: ok ? [] : ['expected: [x], actual: [y], test type: cluster_name'], failure };
    }),
    coverage: new RouteCoverage(config),
  });
  const flags = (extra: Partial<RouteCheckFlags> = {}): RouteCheckFlags => ({
    details: false,
    onlyShowFailures: false,
    comprehensiveCoverage: false,
    detailedCoverage: false,
    failUnder: 0,
    routeId: (v, r) => `r${v}${r}`,
    ...extra,
  });
  const text = (report: ReturnType<typeof renderRouteCheck>) => report.lines.map((l) => `${l.stream}: ${l.text}`);

  it('prints only the coverage line without --details', () => {
    assert.deepEqual(text(renderRouteCheck(run([true, true]), flags())), ['stdout: Current route coverage: 0%']);
  });

  it('prints passing names on stdout and failing names with their lines on stderr with --details, and no coverage after a failure', () => {
    const report = renderRouteCheck(run([true, false]), flags({ details: true }));
    assert.deepEqual(text(report), ['stdout: T0', 'stderr: T1', 'stderr: expected: [x], actual: [y], test type: cluster_name']);
    assert.equal(report.exitCode, 1);
    assert.deepEqual(report.result, {
      test_results: [
        { test_name: 'T0', test_passed: true },
        { test_name: 'T1', test_passed: false, failure: { expected_cluster_name: 'x', actual_cluster_name: 'y' } },
      ],
    });
  });

  it('keeps only failing tests with --only-show-failures, with or without --details, in the output and the result', () => {
    for (const details of [true, false]) {
      const report = renderRouteCheck(run([true, false]), flags({ details, onlyShowFailures: true }));
      assert.deepEqual(text(report), ['stderr: T1', 'stderr: expected: [x], actual: [y], test type: cluster_name']);
      assert.deepEqual(
        (report.result.test_results as JsonObject[]).map((t) => t.test_name),
        ['T1'],
      );
    }
  });

  it('counts each weighted cluster as a route and fails under --fail-under', () => {
    const r = run([true]);
    const route = config.virtualHosts.value[0]!.routes[0]!;
    const action = route.action;
    assert.equal(action.kind, 'route');
    r.coverage.mark(
      {
        kind: 'forward',
        virtualHost: config.virtualHosts.value[0]!,
        virtualHostIndex: 0,
        route,
        action: action as Extract<typeof action, { kind: 'route' }>,
        cluster: 'a',
      },
      ['cluster'],
    );
    const report = renderRouteCheck(r, flags({ failUnder: 50 }));
    assert.deepEqual(text(report), ['stdout: Current route coverage: 33.3333%', 'stderr: Failed to meet coverage requirement: 50%']);
    assert.equal(report.exitCode, 1);
    const covall = renderRouteCheck(r, flags({ comprehensiveCoverage: true }));
    assert.deepEqual(text(covall), ['stdout: Missing test for host: vh, route: prefix: "/"\n', 'stdout: Current route coverage: 6.66667%']);
    const detailed = renderRouteCheck(r, flags({ detailedCoverage: true }));
    assert.deepEqual(text(detailed), ['stdout: Missing test for host: vh, route name: r01', 'stdout: Current route coverage: 33.3333%']);
  });
});
