import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { IssueSink } from '../src/core/envoy/issues.ts';
import type { JsonObject } from '../src/core/envoy/json.ts';
import { parseRouteConfig } from '../src/core/envoy/routes/parse.ts';
import { runRouteCheck } from '../src/core/routecheck/run.ts';
import { parseToolTestFile } from '../src/core/routecheck/test-file.ts';
import { appendForwardedHost } from '../src/core/router/header-mutation.ts';
import { parseRequest } from '../src/core/router/request.ts';
import { routeRequest } from '../src/core/router/route-request.ts';

/**
 * Issue 12, rule 6: RouteEntryImplBase::finalizeRequestHeaders applies request_headers_to_add
 * (every level) before finalizeHostHeader, so host_rewrite_header reads the added header; with
 * append_x_forwarded_host, Http::Utility::updateAuthority appends the old Host to
 * x-forwarded-host unless it is already the last value.
 */
const config = parseRouteConfig(
  parse(`
virtual_hosts:
- name: v
  domains: ["*"]
  request_headers_to_add: [{header: {key: x-vhost-host, value: vhost.example.com}}]
  routes:
  - match: {prefix: /overwrite}
    request_headers_to_add: [{header: {key: x-host, value: added.example.com}, append_action: OVERWRITE_IF_EXISTS_OR_ADD}]
    route: {cluster: c, host_rewrite_header: x-host}
  - match: {prefix: /append}
    request_headers_to_add: [{header: {key: x-host, value: added.example.com}}]
    route: {cluster: c, host_rewrite_header: x-host}
  - match: {prefix: /vhost}
    route: {cluster: c, host_rewrite_header: x-vhost-host}
  - match: {prefix: /removed}
    request_headers_to_remove: [x-host]
    route: {cluster: c, host_rewrite_header: x-host}
  - match: {prefix: /xfh}
    route: {cluster: c, host_rewrite_literal: new.example.com, append_x_forwarded_host: true}
  - match: {prefix: /noxfh}
    route: {cluster: c, host_rewrite_literal: new.example.com}
`) as JsonObject,
  new IssueSink(),
  'test',
);

describe('rule 6: host_rewrite_header after request_headers_to_add (finalizeRequestHeaders)', () => {
  // [path, request headers, Host sent upstream (undefined: not rewritten)]
  const cases: [string, string[], string | undefined][] = [
    ['/overwrite', [], 'added.example.com'],
    ['/overwrite', ['x-host: sent.example.com'], 'added.example.com'],
    ['/append', [], 'added.example.com'],
    // APPEND_IF_EXISTS_OR_ADD keeps the request's value first: the rewrite uses the first value.
    ['/append', ['x-host: sent.example.com'], 'sent.example.com'],
    ['/vhost', [], 'vhost.example.com'],
    ['/removed', ['x-host: sent.example.com'], undefined],
  ];
  for (const [path, headers, host] of cases) {
    it(`${path} with ${headers.join(', ') || 'no x-host'} → ${host ?? 'no rewrite'}`, () => {
      const decision = routeRequest(config, parseRequest(`GET http://a.example.com${path}`, headers));
      assert.equal(decision.hostRewrite?.to, host);
    });
  }

  it('says when the header is gone after the mutations', () => {
    const decision = routeRequest(config, parseRequest('GET http://a.example.com/removed', ['x-host: sent.example.com']));
    assert.ok(decision.notes.includes('host_rewrite_header x-host: the header is absent or empty after request_headers_to_add, so it rewrites nothing'));
  });
});

describe('rule 6: append_x_forwarded_host (Utility::updateAuthority)', () => {
  const cases: [string | undefined, string, string | undefined][] = [
    [undefined, 'a.example.com', 'a.example.com'],
    ['proxy.example.com', 'a.example.com', 'proxy.example.com,a.example.com'],
    // append_xfh_idempotent: not appended again when it is already the last value.
    ['proxy.example.com, a.example.com', 'a.example.com', 'proxy.example.com, a.example.com'],
    ['x', '', 'x'],
  ];
  for (const [existing, host, expected] of cases) {
    it(`x-forwarded-host ${JSON.stringify(existing)} + Host ${JSON.stringify(host)} → ${JSON.stringify(expected)}`, () => {
      assert.equal(appendForwardedHost(existing, host), expected);
    });
  }

  it('shows the new x-forwarded-host with the host rewrite, only when the route asks for it', () => {
    const on = routeRequest(config, parseRequest('GET http://a.example.com/xfh', ['x-forwarded-host: edge.example.com']));
    assert.deepEqual([on.hostRewrite?.to, on.hostRewrite?.xForwardedHost], ['new.example.com', 'edge.example.com,a.example.com']);
    const off = routeRequest(config, parseRequest('GET http://a.example.com/noxfh'));
    assert.equal(off.hostRewrite?.xForwardedHost, undefined);
  });

  it("route-check's request headers carry the rewritten Host and x-forwarded-host", () => {
    const file = parseToolTestFile({
      tests: [
        {
          test_name: 'xfh',
          input: { authority: 'a.example.com', path: '/xfh', method: 'GET' },
          validate: {
            host_rewrite: 'new.example.com',
            request_header_matches: [{ name: 'x-forwarded-host', string_match: { exact: 'a.example.com' } }],
          },
        },
        {
          test_name: 'header after mutations',
          input: { authority: 'a.example.com', path: '/overwrite', method: 'GET', additional_request_headers: [{ key: 'x-host', value: 'sent.example.com' }] },
          validate: { host_rewrite: 'added.example.com' },
        },
      ],
    });
    assert.deepEqual(
      runRouteCheck(config, file).results.map((r) => [r.name, r.passed, r.lines]),
      [
        ['xfh', true, []],
        ['header after mutations', true, []],
      ],
    );
  });
});
