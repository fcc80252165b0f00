import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Json, JsonObject } from '../src/core/envoy/json.ts';
import { loadProxyConfig } from '../src/core/envoy/load.ts';
import { InputError } from '../src/core/errors.ts';

/**
 * Envoy v2 API leftovers, one shape at a time. The v3 protos reserve the v2-only fields
 * (api/envoy/config/route/v3/route_components.proto: HeaderMatcher `reserved "regex_match"`,
 * QueryParameterMatcher `reserved "value", "regex"`; Cluster's load_assignment "supersedes the
 * hosts field in the v2 API"), and Envoy 1.14–1.17 dumped v2 leftovers of upgraded resources as
 * `hidden_envoy_deprecated_*` (the Envoy 1.7-era echo dump h24 in ../shared shows
 * `hidden_envoy_deprecated_hosts` and `hidden_envoy_deprecated_config`).
 */
const T = (name: string): string => `type.googleapis.com/${name}`;
const load = (data: Json) => loadProxyConfig([{ name: 'dump.json', data }], 'dump.json');

function refusal(data: Json): string {
  try {
    load(data);
  } catch (error) {
    if (error instanceof InputError) return error.message;
    throw error;
  }
  assert.fail('the document was read');
}

const clusters = (cluster: JsonObject): Json => ({
  configs: [
    { '@type': T('envoy.admin.v3.ClustersConfigDump'), dynamic_active_clusters: [{ cluster: { '@type': T('envoy.config.cluster.v3.Cluster'), ...cluster } }] },
  ],
});
const listeners = (listener: JsonObject): Json => ({
  configs: [
    {
      '@type': T('envoy.admin.v3.ListenersConfigDump'),
      dynamic_listeners: [{ name: 'l', active_state: { listener: { '@type': T('envoy.config.listener.v3.Listener'), name: 'l', ...listener } } }],
    },
  ],
});
const hcm = (type: string): JsonObject => ({
  filter_chains: [
    { filters: [{ name: 'envoy.filters.network.http_connection_manager', typed_config: { '@type': T(type), rds: { route_config_name: '80' } } }] },
  ],
});

describe('Envoy v2 API evidence', () => {
  it('refuses a v3 cluster that carries hidden_envoy_deprecated_tls_context (upstream TLS the v3 reader would miss)', () => {
    const message = refusal(clusters({ name: 'c', type: 'EDS', hidden_envoy_deprecated_tls_context: { sni: 'x' } }));
    assert.match(message, /^dump\.json: an Envoy v2 API config dump \(clusters with `hidden_envoy_deprecated_tls_context`\); meshscope reads Envoy v3 dumps/);
  });

  it('refuses a v3 listener whose HTTP connection manager is the v2 message', () => {
    const message = refusal(listeners(hcm('envoy.config.filter.network.http_connection_manager.v2.HttpConnectionManager')));
    assert.match(message, /envoy\.config\.filter\.network\.http_connection_manager\.v2\.HttpConnectionManager typed config/);
  });

  it("reads Istio's own v2alpha1 filter types (istio.envoy.config.filter.http.alpn.v2alpha1, current Istio)", () => {
    const listener = hcm('envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager');
    const chain = (listener.filter_chains as JsonObject[])[0]!;
    (chain.filters as JsonObject[]).unshift({ name: 'istio.alpn', typed_config: { '@type': T('istio.envoy.config.filter.http.alpn.v2alpha1.FilterConfig') } });
    assert.equal(load(listeners(listener)).listeners.length, 1);
  });

  it('names camelCase evidence as written (istioctl 1.6 -o json): tlsContext, hosts', () => {
    const message = refusal([{ name: 'outbound|80||a', connectTimeout: '1s', tlsContext: {}, hosts: [] }]);
    assert.match(message, /an istioctl -o json list of Envoy v2 API resources \(clusters with `tlsContext`, clusters with `hosts`\)/);
  });

  it('refuses v2 route matchers: header regex_match, query parameter regex, route regex', () => {
    const route = (match: JsonObject): Json => [{ name: '80', virtual_hosts: [{ name: 'v', domains: ['*'], routes: [{ match, route: { cluster: 'c' } }] }] }];
    assert.match(refusal(route({ prefix: '/', headers: [{ name: 'x', regex_match: 'a.*' }] })), /header matches with `regex_match`/);
    assert.match(refusal(route({ prefix: '/', query_parameters: [{ name: 'q', value: 'a.*', regex: true }] })), /query parameter matches with `value`/);
    assert.match(refusal(route({ regex: '/a.*' })), /route matches with `regex`/);
  });

  it('refuses Envoy ≤ 1.7 dumps whose configs is a map', () => {
    assert.match(refusal({ configs: { listeners: { '@type': T('envoy.admin.v2alpha.ListenersConfigDump') } } }), /`configs` as a map \(Envoy ≤ 1\.7\)/);
  });
});

describe("a listener's deprecated_v1.bind_to_port (a v2 leftover still in the v3 Listener)", () => {
  // Envoy's shouldBindToPort (source/common/listener_manager/listener_impl.cc): bind_to_port and
  // deprecated_v1.bind_to_port must both allow it; each defaults to true. Istio 1.9 sets
  // deprecated_v1 {bind_to_port: false} on its per-port outbound listeners (u05 in ../shared).
  const cases: [string, JsonObject, boolean][] = [
    ['neither field', {}, true],
    ['bind_to_port false', { bind_to_port: false }, false],
    ['deprecated_v1.bind_to_port false', { deprecated_v1: { bind_to_port: false } }, false],
    ['deprecated_v1.bind_to_port true', { deprecated_v1: { bind_to_port: true } }, true],
    ['bind_to_port {value: false} (a BoolValue)', { bind_to_port: { value: false } }, false],
  ];
  for (const [what, fields, binds] of cases) {
    it(`${what}: binds ${binds}`, () => {
      const config = load(listeners({ address: { socket_address: { address: '0.0.0.0', port_value: 9080 } }, ...fields }));
      assert.equal(config.listeners[0]!.bindToPort, binds);
    });
  }
});
