import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { IssueSink } from '../src/core/envoy/issues.ts';
import type { JsonObject } from '../src/core/envoy/json.ts';
import { ROUTE_FIELDS } from '../src/core/envoy/route-known-fields.ts';
import { ROUTE_LEGACY_FIELDS, ROUTE_PROTO_FIELDS } from '../src/core/envoy/route-proto-fields.ts';
import type { RouteConfig } from '../src/core/envoy/route-types.ts';
import { parseRouteConfig } from '../src/core/envoy/routes/parse.ts';
import { loadRouteConfigDocument } from '../src/core/routecheck/route-config-document.ts';
import { parseRequest } from '../src/core/router/request.ts';
import { routeRequest } from '../src/core/router/route-request.ts';

/** Issue 12, rules 3, 8 and 9, and the route-config known fields from Envoy's protos. */
function load(yaml: string): { config: RouteConfig; sink: IssueSink } {
  const sink = new IssueSink();
  const config = parseRouteConfig(parse(yaml) as JsonObject, sink, 'test');
  void config.virtualHosts.value;
  return { config, sink };
}

/** config_impl_test's genRedirectHeaders(host, path, ssl, internal). */
function redirectHeaders(host: string, path: string, ssl: boolean, internal: boolean) {
  const headers = [`x-forwarded-proto: ${ssl ? 'https' : 'http'}`];
  if (internal) headers.push('x-envoy-internal: true');
  return parseRequest(`GET http://${host}${path}`, headers);
}

describe('rule 3: enum names in any case (MessageUtil::loadFromJsonNoThrow: case_insensitive_enum_parsing)', () => {
  // RouteMatcherTest.DirectResponse writes `require_tls: all` and `require_tls: external_only`.
  const { config, sink } = load(`
name: foo
virtual_hosts:
- name: www2
  domains: [www.lyft.com]
  require_tls: all
  routes: [{match: {prefix: /}, route: {cluster: www2}}]
- name: api
  domains: [api.lyft.com]
  require_tls: external_only
  routes: [{match: {prefix: /}, route: {cluster: www2}}]
- name: lower
  domains: [lower.example.com]
  routes:
  - match: {path: /found}
    redirect: {host_redirect: new.example.com, response_code: found}
  - match: {path: /permanent}
    redirect: {path_redirect: /p, response_code: Permanent_Redirect}
  - match: {prefix: /split, runtime_fraction: {default_value: {numerator: 5000, denominator: ten_thousand}}}
    route: {cluster: half, cluster_not_found_response_code: not_found}
  - match: {prefix: /}
    request_headers_to_add: [{header: {key: x-a, value: b}, append_action: overwrite_if_exists_or_add}]
    route: {cluster: rest}
`);
  const cases: [string, ReturnType<typeof redirectHeaders>, string | undefined, number | undefined][] = [
    ['RouteMatcherTest.DirectResponse: www.lyft.com over TLS is routed', redirectHeaders('www.lyft.com', '/foo', true, true), undefined, undefined],
    [
      'RouteMatcherTest.DirectResponse: www.lyft.com plain → https (require_tls: all)',
      redirectHeaders('www.lyft.com', '/foo', false, false),
      'https://www.lyft.com/foo',
      301,
    ],
    ['RouteMatcherTest.DirectResponse: api.lyft.com plain internal is routed', redirectHeaders('api.lyft.com', '/foo', false, true), undefined, undefined],
    [
      'RouteMatcherTest.DirectResponse: api.lyft.com plain external → https (external_only)',
      redirectHeaders('api.lyft.com', '/foo', false, false),
      'https://api.lyft.com/foo',
      301,
    ],
    ['redirect response_code: found → 302', redirectHeaders('lower.example.com', '/found', false, true), 'http://new.example.com/found', 302],
    ['redirect response_code: Permanent_Redirect → 308', redirectHeaders('lower.example.com', '/permanent', false, true), 'http://lower.example.com/p', 308],
  ];
  for (const [name, request, location, code] of cases) {
    it(name, () => {
      const decision = routeRequest(config, request);
      assert.equal(decision.redirect?.location, location);
      assert.equal(decision.redirect?.code, code);
    });
  }

  it('reads a lower-case denominator, cluster_not_found_response_code and append_action, with no warning', () => {
    const lower = config.virtualHosts.value[2]!;
    assert.deepEqual(lower.routes[2]!.match.runtimeFraction, { runtimeKey: undefined, numerator: 5000, denominator: 10_000 });
    const action = lower.routes[2]!.action;
    assert.equal(action.kind === 'route' ? action.clusterNotFoundResponseCode : undefined, 404);
    assert.equal(lower.routes[3]!.requestHeadersToAdd[0]?.appendAction, 'OVERWRITE_IF_EXISTS_OR_ADD');
    assert.deepEqual(
      sink.finish().filter((i) => i.severity !== 'info'),
      [],
    );
  });

  it('still reports a name that is no value in any case', () => {
    const { sink: bad } = load('virtual_hosts: [{name: v, domains: ["*"], require_tls: sometimes, routes: []}]');
    assert.match(bad.finish()[0]?.message ?? '', /require_tls "sometimes" is not one of NONE, EXTERNAL_ONLY, ALL; read as NONE/);
  });
});

describe('rule 8: RouteConfiguration.vhost_header (route.proto field 18; RouteMatcher::findVirtualHost)', () => {
  const yaml = (field: string) => `
${field}: x-vhost
virtual_hosts:
- {name: a, domains: [a.example.com], routes: [{match: {prefix: /}, route: {cluster: a}}]}
- {name: any, domains: ["*"], routes: [{match: {prefix: /}, route: {cluster: any}}]}
`;
  const cases: [string, string[], string | undefined][] = [
    ['the header picks the virtual host, not :authority', ['x-vhost: a.example.com'], 'a'],
    ['its first value counts, lower-cased', ['x-vhost: A.Example.com', 'x-vhost: other'], 'a'],
    ['an unmatched value goes to "*"', ['x-vhost: b.example.com'], 'any'],
    ['without the header no virtual host is chosen, not even "*"', [], undefined],
  ];
  for (const [name, headers, vhost] of cases) {
    it(name, () => {
      const { config } = load(yaml('vhost_header'));
      const decision = routeRequest(config, parseRequest('GET http://a.example.com/', headers));
      assert.equal(decision.virtualHost.found ? decision.virtualHost.virtualHost.name : undefined, vhost);
    });
  }

  it('with only a "*" domain the header is not needed (findVirtualHost fast path)', () => {
    const { config } = load('vhost_header: x-vhost\nvirtual_hosts: [{name: any, domains: ["*"], routes: []}]');
    assert.equal(routeRequest(config, parseRequest('GET http://a/')).virtualHost.found, true);
  });

  it('reads the pre-release name alternate_header_for_host_matching as vhost_header, with a warning, never a rejection', () => {
    const { config, sink } = load(yaml('alternate_header_for_host_matching'));
    assert.equal(config.vhostHeader, 'x-vhost');
    assert.match(sink.finish()[0]?.message ?? '', /alternate_header_for_host_matching is the pre-release name of vhost_header/);
    const loaded = loadRouteConfigDocument(parse(yaml('alternate_header_for_host_matching')), new IssueSink());
    assert.equal(loaded.config.vhostHeader, 'x-vhost');
  });
});

describe('rule 9: match.filter_state never matches a request without filter state (FilterStateMatcher::match)', () => {
  it('passes the route over with the reason in not-taken', () => {
    const { config } = load(`
virtual_hosts:
- name: v
  domains: ["*"]
  routes:
  - match: {prefix: /, filter_state: [{key: envoy.string, string_match: {exact: x}}]}
    route: {cluster: state}
  - match: {prefix: /}
    route: {cluster: rest}
`);
    const decision = routeRequest(config, parseRequest('GET http://a/'));
    assert.equal(decision.cluster, 'rest');
    assert.deepEqual(decision.notTaken[0]?.failures, ['filter_state key envoy.string: the request carries no filter state']);
  });
});

describe("route config known fields come from Envoy's route.proto and route_components.proto", () => {
  it('every interpreted or inert field is a field of the proto (or a listed legacy name)', () => {
    for (const spec of Object.values(ROUTE_FIELDS)) {
      const proto = new Set<string>([...ROUTE_PROTO_FIELDS[spec.message], ...(ROUTE_LEGACY_FIELDS[spec.message] ?? [])]);
      for (const field of spec.handled) assert.ok(proto.has(field), `${spec.message}.${field} is not in the proto list`);
    }
  });

  it('a proto field meshscope does not interpret is a warning naming it; a name the proto lacks is an unknown field (a warning on a route)', () => {
    const { sink } = load(`
virtual_hosts:
- name: v
  domains: ["*"]
  routes:
  - match: {prefix: /}
    route: {cluster: c, metadata_match: {filter_metadata: {envoy.lb: {v: "1"}}}, not_a_field: 1}
`);
    const issues = sink.finish();
    assert.deepEqual(
      issues.map((i) => [i.severity, i.code, i.message.split(' (')[0]]),
      [
        [
          'warning',
          'not-interpreted',
          "field route_action.metadata_match is part of Envoy's API but not interpreted by meshscope; answers that depend on it may differ from Envoy's",
        ],
        // A name the proto lacks, on an object that steers traffic: a warning too (a newer Envoy's
        // field, or a typo Envoy would reject), of kind routing-field.
        ['warning', 'unknown-field', 'field route_action.not_a_field is not interpreted by meshscope'],
      ],
    );
  });

  it("route-check accepts every RouteConfiguration field of the proto and rejects other names in Envoy's words", () => {
    for (const field of ROUTE_PROTO_FIELDS.RouteConfiguration) {
      if (field === 'virtual_hosts') continue;
      assert.doesNotThrow(() => loadRouteConfigDocument({ virtual_hosts: [], [field]: field === 'name' ? 'n' : {} }, new IssueSink()), field);
    }
    assert.throws(
      () => loadRouteConfigDocument({ virtual_hosts: [], tests: [] }, new IssueSink()),
      /RouteConfiguration reason INVALID_ARGUMENT:tests: Cannot find field/,
    );
  });
});
