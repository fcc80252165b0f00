import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { IssueSink } from '../src/core/envoy/issues.ts';
import type { JsonObject } from '../src/core/envoy/json.ts';
import { parseRouteMatch } from '../src/core/envoy/routes/route-match.ts';
import { evaluatePath } from '../src/core/router/path-match.ts';
import { evaluateQueryParameters, parseQueryParameters } from '../src/core/router/query-match.ts';
import { parseRequest } from '../src/core/router/request.ts';
import { compileUriTemplate, matchUriTemplate, rewriteUriTemplate } from '../src/core/router/uri-template.ts';

const TEMPLATE_TYPE = 'type.googleapis.com/envoy.extensions.path.match.uri_template.v3.UriTemplateMatchConfig';
const template = (path_template: string): JsonObject => ({
  path_match_policy: { name: 'envoy.path.match.uri_template.uri_template_matcher', typed_config: { '@type': TEMPLATE_TYPE, path_template } },
});

describe('path matchers', () => {
  // [route match, request path, matches?, reason when not]
  const cases: [JsonObject, string, boolean, string?][] = [
    [{ prefix: '/reviews' }, '/reviews/1', true],
    [{ prefix: '/reviews' }, '/ratings/1', false, 'path: wanted prefix "/reviews", request has "/ratings/1"'],
    [{ prefix: '/reviews' }, '/reviewsXYZ', true], // a plain prefix needs no separator
    [{ prefix: '/Reviews' }, '/reviews', false],
    [{ prefix: '/Reviews', case_sensitive: false }, '/reviews/1', true],
    [{ prefix: '/Reviews', case_sensitive: { value: false } }, '/REVIEWS/1', true],
    [{ prefix: '/' }, '/?q=1', true],
    [{ path: '/api/locations' }, '/api/locations?works=true', true], // the query is not part of the path
    [{ path: '/api/locations' }, '/api/locations/', false],
    [{ path: '/FOOD', case_sensitive: false }, '/food', true],
    [{ path: '/ApplEs', case_sensitive: true }, '/apples', false, 'path: wanted exact path "/ApplEs", request has "/apples"'],
    [{ path: '/a' }, '/a#frag', true],
    [{ safe_regex: { regex: '^/api/v[0-9]/.*' } }, '/api/v1/x?y=1', true],
    [{ safe_regex: { regex: '^/api/v[0-9]/.*' } }, '/api/v10/resource', false, 'path: wanted regex "^/api/v[0-9]/.*", request has "/api/v10/resource"'],
    [{ safe_regex: { regex: '/API/.*' }, case_sensitive: false }, '/api/x', false], // case_sensitive does not touch regex
    [{ safe_regex: { regex: '(' } }, '/', false, 'path: invalid RE2 pattern "(": missing closing ): `(`; the route never matches'],
    [{ path_separated_prefix: '/api' }, '/api', true],
    [{ path_separated_prefix: '/api' }, '/api/v1', true],
    [{ path_separated_prefix: '/api' }, '/api?x=1', true],
    [{ path_separated_prefix: '/api' }, '/apis', false, 'path: wanted path-separated prefix "/api", request has "/apis"'],
    [{ path_separated_prefix: '/API', case_sensitive: false }, '/api/x', true],
    [template('/books/{id}'), '/books/42', true],
    [template('/books/{id}'), '/books/42/pages', false],
    [template('/books/{id}'), '/books/', false], // a variable needs a non-empty segment
    [template('/books/{id}/**'), '/books/42/pages/7', true],
    [template('/books/{id}/**'), '/books/42/', true],
    [template('/books/{rest=**}'), '/books/a/b/c', true],
    [template('/books/*/pages/{page}'), '/books/x/pages/3?q', true],
    [template('/{file}.css'), '/main.css', true],
    [template('/{file}.css'), '/main.js', false],
    [template('/books/{id'), '/books/1', false, 'path: invalid uri template "/books/{id": unmatched variable bracket; the route never matches'],
    [{ connect_matcher: {} }, '/', false, 'connect_matcher: method GET is not CONNECT'],
  ];
  for (const [json, path, expected, reason] of cases) {
    it(`${JSON.stringify(json)} on ${path} → ${expected}`, () => {
      const match = parseRouteMatch(json, new IssueSink(), 'test');
      const verdict = evaluatePath(match, 'GET', path);
      assert.equal(verdict.ok, expected);
      if (reason !== undefined && !verdict.ok) assert.equal(verdict.reason, reason);
    });
  }

  it('cuts ;parameters when ignore_path_parameters_in_path_matching is set', () => {
    const match = parseRouteMatch({ path: '/a/b' }, new IssueSink(), 'test');
    assert.equal(evaluatePath(match, 'GET', '/a/b;v=1').ok, false);
    assert.equal(evaluatePath(match, 'GET', '/a/b;v=1', true).ok, true);
  });

  it('rejects uri templates Envoy rejects', () => {
    for (const bad of ['books/{id}', '/{a}/{b}/{c}/{d}/{e}/{f}', '/{x}/{x}', '/**/{id}', '/**/*', '/{1abc}', '/a b']) {
      assert.equal(compileUriTemplate(bad).ok, false, bad);
      assert.equal(matchUriTemplate(bad, bad), false);
    }
  });

  it('allows literals after "**" but no glob or variable', () => {
    assert.equal(matchUriTemplate('/a/**/b', '/a/x/y/b'), true);
    assert.equal(matchUriTemplate('/a/**/b', '/a/x/y/c'), false);
  });

  it('rewrites with path_template_rewrite variables', () => {
    assert.equal(rewriteUriTemplate('/books/{id}/{rest=**}', '/v2/{rest}/book/{id}', '/books/7/a/b'), '/v2/a/b/book/7');
    assert.equal(rewriteUriTemplate('/books/{id}', '/x/{missing}', '/books/7'), undefined);
  });
});

describe('query parameter matchers', () => {
  it('splits the raw query without decoding', () => {
    const params = parseQueryParameters('/p?a=1&b=x%20y&flag&a=2&c=d=e');
    assert.deepEqual(
      [...params],
      [
        ['a', ['1', '2']],
        ['b', ['x%20y']],
        ['flag', ['']],
        ['c', ['d=e']],
      ],
    );
    assert.equal(parseQueryParameters('/p').size, 0);
  });

  const cases: [JsonObject[], string, boolean, string?][] = [
    [[{ name: 'debug' }], '/p?debug', true],
    [[{ name: 'debug' }], '/p', false, 'query parameter debug: absent'],
    [[{ name: 'debug', present_match: true }], '/p?debug=0', true],
    [[{ name: 'debug', present_match: false }], '/p', true],
    [[{ name: 'debug', present_match: false }], '/p?debug=1', false, 'query parameter debug: present, wanted absent'],
    [[{ name: 'v', string_match: { exact: '2' } }], '/p?v=2', true],
    [[{ name: 'v', string_match: { exact: '2' } }], '/p?v=1&v=2', false, 'query parameter v: wanted exact "2", request has "1"'], // first value only
    [[{ name: 'q', string_match: { exact: 'a b' } }], '/p?q=a%20b', false], // raw, not decoded
    [[{ name: 'q', string_match: { exact: 'a%20b' } }], '/p?q=a%20b', true],
    [[{ name: 'Q', string_match: { exact: '1' } }], '/p?q=1', false], // names are case-sensitive
    [[{ name: 'a', string_match: { prefix: 'x' } }, { name: 'b' }], '/p?a=xy', false, 'query parameter b: absent'],
    [[{ name: 'v', string_match: { safe_regex: { regex: '[0-9]+' } } }], '/p?v=12', true],
  ];
  for (const [json, path, expected, reason] of cases) {
    it(`${JSON.stringify(json)} on ${path} → ${expected}`, () => {
      const match = parseRouteMatch({ prefix: '/', query_parameters: json }, new IssueSink(), 'test');
      const verdict = evaluateQueryParameters(match.queryParameters, parseRequest(`GET http://h${path}`));
      assert.equal(verdict.ok, expected);
      if (reason !== undefined && !verdict.ok) assert.equal(verdict.reason, reason);
    });
  }
});
