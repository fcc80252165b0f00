import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { IssueSink } from '../src/core/envoy/issues.ts';
import type { JsonObject } from '../src/core/envoy/json.ts';
import type { RouteConfig } from '../src/core/envoy/route-types.ts';
import { parseRouteConfig } from '../src/core/envoy/routes/parse.ts';
import { parseRequest } from '../src/core/router/request.ts';
import { routeRequest } from '../src/core/router/route-request.ts';

/**
 * Issue 12, rule 5: a virtual host's `matcher` (VirtualHostImpl::getRouteFromEntries in
 * source/common/router/config_impl.cc): the matcher's action is a Route or a RouteList whose routes
 * are tried in order (getRouteFromRoutes, so each route's own `match` must hold); no action is no
 * route. The configurations restate the use cases of Envoy's sublinear route matching design
 * (prefix map on `:path`, exact map first with a prefix map as `on_no_match`).
 */
function load(yaml: string): { config: RouteConfig; sink: IssueSink } {
  const sink = new IssueSink();
  const config = parseRouteConfig(parse(yaml) as JsonObject, sink, 'test');
  void config.virtualHosts.value;
  return { config, sink };
}

const input = (header: string) => `
                    name: request-headers
                    typed_config:
                      "@type": type.googleapis.com/envoy.type.matcher.v3.HttpRequestHeaderMatchInput
                      header_name: ${header}`;
const route = (name: string, match: string, cluster: string, indent: string) =>
  [
    `action:`,
    `  name: ${name}`,
    `  typed_config:`,
    `    "@type": type.googleapis.com/envoy.config.route.v3.Route`,
    `    match: ${match}`,
    `    route: {cluster: ${cluster}}`,
  ]
    .map((l) => indent + l)
    .join('\n');

const PREFIX_MAP = load(`
name: local_route
virtual_hosts:
- name: local_service
  domains: ["*"]
  matcher:
    matcher_tree:
      input:${input(':path')}
      prefix_match_map:
        map:
          "/new_endpoint/path/1":
${route('route_foo', '{prefix: ""}', 'cluster_1', '            ')}
          "/new_endpoint/path/2":
${route('route_bar', '{prefix: /bar}', 'cluster_2', '            ')}
          "/new_endpoint/path/3":
            action:
              name: route_list
              typed_config:
                "@type": type.googleapis.com/envoy.config.route.v3.RouteList
                routes:
                - match: {prefix: "", headers: [{name: x-foo-header, string_match: {exact: foo-1}}]}
                  route: {cluster: cluster_3_1}
                - match: {prefix: "", headers: [{name: x-foo-header, string_match: {exact: foo-2}}]}
                  route: {cluster: cluster_3_2}
`);

const EXACT_THEN_PREFIX = load(`
virtual_hosts:
- name: local_service
  domains: ["*"]
  matcher:
    matcher_tree:
      input:${input(':path')}
      exact_match_map:
        map:
          "/new_endpoint/foo/0":
${route('route_0', '{prefix: ""}', 'cluster_0', '            ')}
          "/new_endpoint/foo/2":
${route('route_2', '{prefix: /new_endpoint}', 'cluster_2', '            ')}
    on_no_match:
      matcher:
        matcher_tree:
          input:${input(':path').replace(/\n {4}/g, '\n        ')}
          prefix_match_map:
            map:
              "/new_endpoint/foo":
${route('foo_prefix', '{prefix: ""}', 'cluster_1', '                ')}
              "/new_endpoint":
${route('endpoint_prefix', '{prefix: ""}', 'cluster_2', '                ')}
`);

const cluster = (config: RouteConfig, line: string, headers: string[] = []) => routeRequest(config, parseRequest(line, headers)).cluster;

describe('rule 5: a virtual host matcher (VirtualHostImpl::getRouteFromEntries)', () => {
  it('reads the matcher without warnings', () => {
    assert.deepEqual(PREFIX_MAP.sink.finish(), []);
    assert.deepEqual(EXACT_THEN_PREFIX.sink.finish(), []);
  });

  it('a prefix map on :path picks the Route action of the longest key', () => {
    assert.equal(cluster(PREFIX_MAP.config, 'GET http://any/new_endpoint/path/1/more'), 'cluster_1');
    const d = routeRequest(PREFIX_MAP.config, parseRequest('GET http://any/new_endpoint/path/1', []));
    assert.equal(d.route?.name ?? d.route?.index, 0);
    assert.match(d.notes.join('\n'), /routes by its matcher: .*"\/new_endpoint\/path\/1".* → route_foo \(1 route\)/);
  });

  it("the action's route keeps its own match: a Route whose match fails gives no route", () => {
    const d = routeRequest(PREFIX_MAP.config, parseRequest('GET http://any/new_endpoint/path/2', []));
    assert.equal(d.outcome, 'no_route');
    assert.match(d.notTaken[0]?.reason ?? '', /prefix/);
  });

  it('a RouteList action tries its routes in order', () => {
    assert.equal(cluster(PREFIX_MAP.config, 'GET http://any/new_endpoint/path/3', ['x-foo-header: foo-2']), 'cluster_3_2');
    const none = routeRequest(PREFIX_MAP.config, parseRequest('GET http://any/new_endpoint/path/3', []));
    assert.equal(none.outcome, 'no_route');
    assert.equal(none.notTaken.length, 2);
  });

  it('no action is no route (404 NR), with the decisions in the notes', () => {
    const d = routeRequest(PREFIX_MAP.config, parseRequest('GET http://any/elsewhere', []));
    assert.equal(d.outcome, 'no_route');
    assert.match(d.notes.join('\n'), /no action: no route \(404 NR\)/);
  });

  it('an exact map first, then its on_no_match prefix map (longest prefix first)', () => {
    assert.equal(cluster(EXACT_THEN_PREFIX.config, 'GET http://any/new_endpoint/foo/0'), 'cluster_0');
    assert.equal(cluster(EXACT_THEN_PREFIX.config, 'GET http://any/new_endpoint/foo/2'), 'cluster_2');
    assert.equal(cluster(EXACT_THEN_PREFIX.config, 'GET http://any/new_endpoint/foo/9'), 'cluster_1');
    assert.equal(cluster(EXACT_THEN_PREFIX.config, 'GET http://any/new_endpoint/bar'), 'cluster_2');
  });

  it('reads a header and a query parameter input (percent-decoded, first value)', () => {
    const { config } = load(`
virtual_hosts:
- name: v
  domains: ["*"]
  matcher:
    matcher_list:
      matchers:
      - predicate:
          single_predicate:
            input:
              name: q
              typed_config:
                "@type": type.googleapis.com/envoy.type.matcher.v3.HttpRequestQueryParamMatchInput
                query_param: tier
            value_match: {exact: "gold plan"}
        on_match:
${route('gold', '{prefix: /}', 'gold', '          ')}
      - predicate:
          single_predicate:
            input:${input('x-user').replace(/\n {20}/g, '\n              ')}
            value_match: {prefix: "admin"}
        on_match:
${route('admin', '{prefix: /}', 'admin', '          ')}
`);
    assert.equal(cluster(config, 'GET http://any/?tier=gold%20plan&tier=silver'), 'gold');
    assert.equal(cluster(config, 'GET http://any/?tier=silver&tier=gold%20plan'), undefined);
    assert.equal(cluster(config, 'GET http://any/', ['x-user: admin-1']), 'admin');
  });

  it('warns where Envoy rejects: both matcher and routes, an action that is not a Route or a RouteList', () => {
    const { sink } = load(`
virtual_hosts:
- name: v
  domains: ["*"]
  routes: [{match: {prefix: /}, route: {cluster: c}}]
  matcher:
    matcher_tree:
      input:${input(':path')}
      exact_match_map:
        map:
          "/":
            action:
              name: odd
              typed_config: {"@type": type.googleapis.com/google.protobuf.StringValue, value: x}
`);
    const messages = sink.finish().map((i) => i.message);
    assert.ok(
      messages.some((m) => /cannot set both matcher and routes/.test(m)),
      messages.join('\n'),
    );
    assert.ok(
      messages.some((m) => /should be Route or RouteList/.test(m)),
      messages.join('\n'),
    );
  });
});
