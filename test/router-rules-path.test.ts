import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { IssueSink } from '../src/core/envoy/issues.ts';
import type { JsonObject } from '../src/core/envoy/json.ts';
import { parseRouteConfig } from '../src/core/envoy/routes/parse.ts';
import { applyFragmentPolicy, fragmentPolicy } from '../src/core/router/path-fragment.ts';
import { parseQueryParameters } from '../src/core/router/query-match.ts';
import { parseRequest } from '../src/core/router/request.ts';
import { routeRequest } from '../src/core/router/route-request.ts';
import { compileUriTemplate, matchUriTemplate, rewriteUriTemplate } from '../src/core/router/uri-template.ts';

/** Issue 12, rules 4 and 7. */
describe("rule 4: uri templates take '=' in literals and globs (kLiteral in uri_template_internal.cc)", () => {
  // [case, template, path, matches]
  const cases: [string, string, string, boolean][] = [
    ['PathGlob (*) matches a segment with =', '/foo/*', '/foo/a=b', true],
    ['PathGlob (*) matches a segment with two =', '/foo/*', '/foo/a==b', true],
    ['TextGlob (**) matches segments with =', '/foo/**', '/foo/a=b/c=d', true],
    ['a bare {var} matches a segment with =', '/foo/{var}', '/foo/k=v', true],
    ['a literal may contain =', '/api/key=value/*', '/api/key=value/x', true],
    ['a glob still stops at /', '/foo/*', '/foo/a=b/c', false],
    ['* still needs a non-empty segment', '/foo/*', '/foo/', false],
  ];
  for (const [name, template, path, expected] of cases) {
    it(`${name}: ${template} on ${path} → ${expected}`, () => assert.equal(matchUriTemplate(template, path), expected));
  }

  it('a template with = in a literal is valid', () => assert.equal(compileUriTemplate('/a=b/{x}').ok, true));

  it('rewrites with a captured value holding = (path_template_rewrite)', () => {
    assert.equal(rewriteUriTemplate('/foo/{x}/{y=**}', '/bar/{y}/{x}', '/foo/a=b/c=d/e'), '/bar/c=d/e/a=b');
  });
});

describe('rule 7: query parameters run to the end of :path (QueryParamsMulti::parseQueryString)', () => {
  it('does not cut the last value at #', () => {
    assert.deepEqual(
      [...parseQueryParameters('/p?a=1&b=2#frag')],
      [
        ['a', ['1']],
        ['b', ['2#frag']],
      ],
    );
  });

  it('reads from the first ?, even after a #', () => {
    assert.deepEqual([...parseQueryParameters('/p#x?a=1')], [['a', ['1']]]);
  });

  const config = parseRouteConfig(
    parse(`
virtual_hosts:
- name: v
  domains: ["*"]
  routes:
  - match: {prefix: /, query_parameters: [{name: b, string_match: {exact: "2"}}]}
    route: {cluster: exact}
  - match: {prefix: /}
    route: {cluster: rest}
`) as JsonObject,
    new IssueSink(),
    'test',
  );
  const request = parseRequest('GET http://a/p', [':path: /p?b=2#frag']);

  it('without a connection manager (router_check_tool) the router sees b = "2#frag"', () => {
    const decision = routeRequest(config, request);
    assert.equal(decision.cluster, 'rest');
    assert.deepEqual(decision.notTaken[0]?.failures, ['query parameter b: wanted exact "2", request has "2#frag"']);
    assert.equal(decision.rejected, undefined);
  });

  // [runtime, policy, cluster, rejected]
  const policies: [string, Record<string, string | boolean>, 'reject' | 'strip' | 'keep', string, boolean][] = [
    ["Istio's bootstrap (http_reject_path_with_fragment=false): stripped, then routed", {}, 'strip', 'exact', false],
    [
      "Envoy's default (http_reject_path_with_fragment=true): rejected with 400",
      { 'envoy.reloadable_features.http_reject_path_with_fragment': true },
      'reject',
      'rest',
      true,
    ],
    [
      'kept (http_strip_fragment_from_path_unsafe_if_disabled=false): the query matcher sees it',
      {
        'envoy.reloadable_features.http_reject_path_with_fragment': 'false',
        'envoy.reloadable_features.http_strip_fragment_from_path_unsafe_if_disabled': 'false',
      },
      'keep',
      'rest',
      false,
    ],
  ];
  for (const [name, runtime, policy, cluster, rejected] of policies) {
    it(`behind the connection manager, ${name}`, () => {
      const chosen = fragmentPolicy(runtime);
      assert.equal(chosen.policy, policy);
      const decision = routeRequest(config, request, { pathFragment: chosen });
      assert.equal(decision.cluster, cluster);
      assert.equal(decision.rejected?.status, rejected ? 400 : undefined);
      assert.ok(decision.notes.some((n) => n.includes('#fragment')));
    });
  }

  it('leaves a path without a fragment alone', () => {
    assert.deepEqual(applyFragmentPolicy('/p?a=1', 'reject'), { path: '/p?a=1', rejected: false });
  });
});
