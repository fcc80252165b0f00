import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { parse as parseYaml } from 'yaml';
import { IssueSink } from '../src/core/envoy/issues.ts';
import type { JsonObject } from '../src/core/envoy/json.ts';
import type { ForwardAction, RouteConfig } from '../src/core/envoy/route-types.ts';
import { parseRouteConfig } from '../src/core/envoy/routes/parse.ts';
import { conformance, haveConformance, needsConformance } from './helpers/paths.ts';

const corpusDir = conformance('envoy-router-check');

function load(text: string): { config: RouteConfig; sink: IssueSink } {
  const sink = new IssueSink();
  const config = parseRouteConfig(parseYaml(text) as JsonObject, sink, 'test');
  return { config, sink };
}

function forward(config: RouteConfig, vh: number, route: number): ForwardAction {
  const action = config.virtualHosts.value[vh]!.routes[route]!.action;
  assert.equal(action.kind, 'route');
  return action as ForwardAction;
}

describe('route config parser', { skip: needsConformance }, () => {
  const files = (haveConformance ? readdirSync(corpusDir) : []).filter(
    (f) => f.endsWith('.yaml') && !f.includes('.golden.') && f !== 'ClusterHeaderBootstrap.yaml',
  );

  it('finds the router_check route configs', () => {
    assert.ok(files.length >= 17, `found ${files.length} route configs`);
  });

  for (const file of files) {
    it(`parses ${file} without warnings or errors`, () => {
      const { config, sink } = load(readFileSync(`${corpusDir}/${file}`, 'utf8'));
      const issues = sink.finish().filter((i) => i.severity !== 'info');
      assert.deepEqual(issues, []);
      assert.ok(config.virtualHosts.value.length > 0);
      for (const vh of config.virtualHosts.value) for (const route of vh.routes) assert.notEqual(route.match.path.kind, 'unsupported');
    });
  }
});

describe('route config parser: forms seen in dumps and hand-written configs', () => {
  const { config, sink } = load(`
name: forms
ignore_port_in_host_matching: true
virtual_hosts:
- name: vh
  domains: ['*.example.com', 'example.*']
  require_tls: EXTERNAL_ONLY
  routes:
  - name: legacy-headers
    match:
      prefix: /a
      case_sensitive: {value: false}
      headers:
      - {name: X-Exact, exact_match: v}
      - {name: x-regex, safe_regex_match: {google_re2: {}, regex: 'v[0-9]+'}}
      - {name: x-range, range_match: {start: '1', end: '10'}}
      - {name: x-present, present_match: false}
      - {name: x-new, string_match: {prefix: p, ignore_case: true}, invert_match: true, treat_missing_header_as_empty: true}
      runtime_fraction: {default_value: {numerator: 5, denominator: TEN_THOUSAND}, runtime_key: rk}
    route:
      weighted_clusters:
        total_weight: 100
        clusters: [{name: a, weight: {value: 70}}, {name: b, weight: 30, host_rewrite_literal: b.host}]
      timeout: {seconds: 2, nanos: 500000000}
      idle_timeout: 30s
      retry_policy: {retry_on: 'connect-failure,5xx', num_retries: {value: 3}, per_try_timeout: 0.5s, retriable_status_codes: [503]}
      request_mirror_policies: [{cluster: shadow, runtime_fraction: {default_value: {numerator: 25}}}]
      hash_policy: [{header: {header_name: X-User}}, {cookie: {name: c, ttl: 10s}, terminal: true}]
      regex_rewrite: {pattern: {regex: '^/a/(.*)$'}, substitution: '/\\1'}
    metadata:
      filter_metadata:
        istio: {config: /apis/networking.istio.io/v1/namespaces/bookinfo/virtual-service/reviews}
    typed_per_filter_config:
      envoy.filters.http.fault: {'@type': type.googleapis.com/envoy.extensions.filters.http.fault.v3.HTTPFault, abort: {http_status: 503}}
  - match: {path_separated_prefix: /b}
    redirect: {https_redirect: true, response_code: PERMANENT_REDIRECT, strip_query: true}
  - match:
      path_match_policy:
        name: envoy.path.match.uri_template.uri_template_matcher
        typed_config: {'@type': type.googleapis.com/envoy.extensions.path.match.uri_template.v3.UriTemplateMatchConfig, path_template: '/c/{id}'}
    direct_response: {status: 418, body: {inline_bytes: 'dGVh'}}
  - match: {prefix: /d, query_parameters: [{name: q, string_match: {exact: '1'}}, {name: p, present_match: true}]}
    route: {cluster_header: X-Target, timeout: 0s}
  - match: {prefix: /e, safe_regex: {regex: x}}
    route: {cluster: e}
`);

  it('reads every form without warnings', () => {
    assert.deepEqual(
      sink.finish().filter((i) => i.severity !== 'info'),
      [],
    );
    assert.equal(config.ignorePortInHostMatching, true);
    assert.equal(config.virtualHosts.value[0]!.requireTls, 'EXTERNAL_ONLY');
  });

  it('reads legacy and new header matchers', () => {
    const m = config.virtualHosts.value[0]!.routes[0]!.match;
    assert.equal(m.caseSensitive, false);
    assert.deepEqual(
      m.headers.map((h) => [h.name, h.spec, h.invert, h.treatMissingAsEmpty]),
      [
        ['x-exact', { kind: 'string', match: { kind: 'exact', value: 'v', ignoreCase: false } }, false, false],
        ['x-regex', { kind: 'string', match: { kind: 'safe_regex', regex: 'v[0-9]+', ignoreCase: false } }, false, false],
        ['x-range', { kind: 'range', start: 1n, end: 10n }, false, false],
        ['x-present', { kind: 'present', present: false }, false, false],
        ['x-new', { kind: 'string', match: { kind: 'prefix', value: 'p', ignoreCase: true } }, true, true],
      ],
    );
    assert.deepEqual(m.runtimeFraction, { runtimeKey: 'rk', numerator: 5, denominator: 10000 });
  });

  it('reads the route action', () => {
    const action = forward(config, 0, 0);
    assert.equal(action.cluster.kind, 'weighted_clusters');
    if (action.cluster.kind === 'weighted_clusters') {
      assert.deepEqual(
        action.cluster.clusters.map((c) => [c.name, c.weight, c.hostRewriteLiteral]),
        [
          ['a', 70, undefined],
          ['b', 30, 'b.host'],
        ],
      );
      assert.equal(action.cluster.totalWeight, 100);
    }
    assert.equal(action.timeoutMs, 2500);
    assert.equal(action.idleTimeoutMs, 30000);
    assert.deepEqual(action.retryPolicy?.retryOn, ['connect-failure', '5xx']);
    assert.equal(action.retryPolicy?.numRetries, 3);
    assert.equal(action.retryPolicy?.perTryTimeoutMs, 500);
    assert.deepEqual(action.requestMirrorPolicies, [{ cluster: 'shadow', percent: 25, traceSampled: undefined }]);
    assert.deepEqual(action.hashPolicy, [
      { kind: 'header', headerName: 'x-user', terminal: false },
      { kind: 'cookie', name: 'c', ttlMs: 10000, path: undefined, terminal: true },
    ]);
    assert.deepEqual(action.regexRewrite, { regex: '^/a/(.*)$', substitution: '/\\1' });
    assert.equal(forward(config, 0, 3).timeoutMs, 0);
    assert.deepEqual(forward(config, 0, 3).cluster, { kind: 'cluster_header', header: 'x-target' });
  });

  it('keeps the VirtualService reference and per-filter config', () => {
    const route = config.virtualHosts.value[0]!.routes[0]!;
    assert.equal(route.istio?.display, 'reviews.bookinfo');
    assert.equal(route.name, 'legacy-headers');
    assert.ok(route.typedPerFilterConfig['envoy.filters.http.fault']);
  });

  it('reads redirects, direct responses and uri templates', () => {
    const routes = config.virtualHosts.value[0]!.routes;
    assert.deepEqual(routes[1]!.match.path, { kind: 'path_separated_prefix', value: '/b' });
    assert.deepEqual(routes[1]!.action, {
      kind: 'redirect',
      schemeRedirect: undefined,
      httpsRedirect: true,
      hostRedirect: undefined,
      portRedirect: undefined,
      pathRedirect: undefined,
      prefixRewrite: undefined,
      regexRewrite: undefined,
      responseCode: 308,
      stripQuery: true,
    });
    assert.deepEqual(routes[2]!.match.path, { kind: 'path_match_policy', template: '/c/{id}' });
    assert.deepEqual(routes[2]!.action, { kind: 'direct_response', status: 418, body: 'tea', bodyFile: undefined });
    assert.deepEqual(routes[3]!.match.queryParameters, [
      { name: 'q', stringMatch: { kind: 'exact', value: '1', ignoreCase: false }, presentMatch: undefined },
      { name: 'p', stringMatch: undefined, presentMatch: true },
    ]);
    assert.deepEqual(routes[4]!.match.path, { kind: 'prefix', value: '/e' }); // the first path specifier wins
  });

  it('reports what it cannot use, without throwing', () => {
    const { config: bad, sink: badSink } = load(`
virtual_hosts:
- name: bad
  domains: ['*']
  brand_new_field: 1
  routes:
  - match: {prefix: /, headers: [{name: x, string_match: {safe_regex: {regex: '('}}}]}
    route: {cluster_specifier_plugin: p}
  - match: {safe_regex: {regex: 'a(?=b)'}}
    route: {cluster: c, regex_rewrite: {pattern: {regex: '(a)'}, substitution: '\\2'}}
  - match: {}
    filter_action: {}
`);
    const issues = badSink.finish();
    const text = issues.map((i) => `${i.severity} ${i.code} ${i.message}`).join('\n');
    assert.match(text, /warning bad-value invalid RE2 pattern "\("/);
    assert.match(text, /warning unsupported route action cluster specifier cluster_specifier_plugin/);
    assert.match(text, /warning bad-value invalid RE2 pattern "a\(\?=b\)"/);
    assert.match(text, /warning bad-value regex rewrite substitution "\\2" refers to group \\2/);
    assert.match(text, /warning unsupported route match has no path specifier; Envoy rejects such a route/);
    assert.match(text, /warning unsupported route action filter_action/);
    // An unknown field on a virtual host can steer traffic: a warning (ISSUE_KINDS routing-field).
    assert.match(text, /warning unknown-field field virtual_host.brand_new_field/);
    assert.equal(bad.virtualHosts.value[0]!.routes.length, 3);
  });
});
