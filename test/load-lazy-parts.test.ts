import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseClusterName } from '../src/core/envoy/cluster-name.ts';
import { IssueSink } from '../src/core/envoy/issues.ts';
import { parseIstioConfigPath } from '../src/core/envoy/istio-metadata.ts';
import type { JsonObject } from '../src/core/envoy/json.ts';
import { loadProxyConfig } from '../src/core/envoy/load.ts';
import { parseRouteConfig } from '../src/core/envoy/routes/parse.ts';
import type { LoadIssue, ProxyConfig } from '../src/core/envoy/types.ts';

const T = (name: string) => `type.googleapis.com/envoy.admin.v3.${name}`;

/** A dump whose route config carries problems, between a cluster and an EDS entry that carry some too. */
function dump(): JsonObject {
  return {
    configs: [
      {
        '@type': T('ClustersConfigDump'),
        dynamic_active_clusters: [
          { version_info: 'v1', cluster: { name: 'outbound|80||a.ns.svc.cluster.local', type: 'EDS', surprise_cluster_field: 1 } },
          { version_info: 'v1', cluster: { name: 'outbound|80||b.ns.svc.cluster.local', type: 'EDS' }, error_state: { details: 'bad cluster' } },
        ],
      },
      {
        '@type': T('RoutesConfigDump'),
        dynamic_route_configs: [
          {
            version_info: 'v1',
            route_config: {
              name: '80',
              validate_clusters: false,
              max_direct_response_body_size_bytes: 1024,
              virtual_hosts: [
                {
                  name: 'a.ns.svc.cluster.local:80',
                  domains: ['a.ns.svc.cluster.local'],
                  include_request_attempt_count: true,
                  surprise_vhost_field: true,
                  routes: [
                    {
                      match: { prefix: '/', headers: [{ name: 'x', string_match: { custom: { name: 'acme.matcher' } } }] },
                      route: { cluster: 'outbound|80||a.ns.svc.cluster.local', surprise_action_field: 1 },
                    },
                    { match: { safe_regex: { regex: '(' } }, route: { cluster: 'outbound|80||a.ns.svc.cluster.local' } },
                  ],
                },
              ],
            },
          },
        ],
      },
      {
        '@type': T('EndpointsConfigDump'),
        dynamic_endpoint_configs: [
          {
            endpoint_config: {
              cluster_name: 'outbound|80||a.ns.svc.cluster.local',
              endpoints: [
                {
                  locality: { zone: 'z1' },
                  surprise_locality_field: 1,
                  lb_endpoints: [
                    {
                      endpoint: { address: { socket_address: { address: '10.0.0.1', port_value: 80 } }, surprise_endpoint_field: 1 },
                      health_status: 'HEALTHY',
                    },
                  ],
                },
              ],
            },
          },
        ],
      },
    ],
  };
}

const load = (): ProxyConfig => loadProxyConfig([{ name: 'dump.json', data: dump() }], 'dump.json');
const summary = (issues: LoadIssue[]) => issues.map((i) => `${i.code}: ${i.message}`);

describe('parts of a dump read on first use', () => {
  it('lists the issues of lazily read route configs in input order, whenever they are read', () => {
    const untouched = load();
    const touched = load();
    assert.equal(touched.routeConfigs[0]!.virtualHosts.value[0]!.routes.length, 2);
    const issues = summary(untouched.issues.value);
    assert.deepEqual(summary(touched.issues.value), issues);
    const at = (text: string) => issues.findIndex((i) => i.includes(text));
    assert.ok(at('bad cluster') >= 0 && at('string matcher custom') > at('bad cluster'), 'the cluster warning, then the route warnings');
    assert.ok(at('invalid RE2 pattern') > at('string matcher custom'), 'route warnings in route order');
    assert.ok(issues.some((i) => i.startsWith('unknown-field: field virtual_host.surprise_vhost_field ')));
    assert.ok(issues.some((i) => i.startsWith('unknown-field: field route_action.surprise_action_field ')));
    const unknown = issues.filter((i) => i.startsWith('unknown-field')).map((i) => i.split(' ')[2]);
    assert.deepEqual(unknown, [
      'cluster.surprise_cluster_field',
      'virtual_host.surprise_vhost_field',
      'route_action.surprise_action_field',
      'locality_lb_endpoints.surprise_locality_field',
      'endpoint.surprise_endpoint_field',
    ]);
  });

  it('does not report the route fields meshscope ignores on purpose', () => {
    const issues = summary(load().issues.value).join('\n');
    for (const field of ['validate_clusters', 'max_direct_response_body_size_bytes', 'include_request_attempt_count'])
      assert.ok(!issues.includes(field), field);
  });

  it('keeps issues a caller adds to the list', () => {
    const config = load();
    const extra: LoadIssue = { severity: 'warning', code: 'unsupported', message: 'added later', where: 'x' };
    config.issues.value.push(extra);
    assert.equal(config.issues.value.at(-1), extra);
    assert.equal(config.issues.value, config.issues.value);
  });

  it('finishes a sink with the issues of virtual hosts nobody read', () => {
    const sink = new IssueSink();
    const raw = (dump().configs as JsonObject[])[1]!.dynamic_route_configs as JsonObject[];
    parseRouteConfig(raw[0]!.route_config as JsonObject, sink, 'routes[80]');
    const issues = summary(sink.finish());
    assert.ok(issues.some((i) => i.includes('invalid RE2 pattern')));
    assert.ok(issues.some((i) => i.includes('virtual_host.surprise_vhost_field') && i.includes('routes[80].virtual_hosts[a.ns.svc.cluster.local:80]')));
  });

  it('builds localities on first read and then keeps them (a Lazy the type names)', () => {
    const cla = load().endpoints[0]!;
    assert.deepEqual(Object.keys(cla), ['clusterName', 'localities', 'meta', 'raw']);
    // Not read yet: the parse sees the input as it is on first read.
    const endpoints = (cla.raw.endpoints as JsonObject[])[0]!;
    endpoints.locality = { zone: 'z2' };
    const copy = { ...cla };
    assert.equal(copy.localities.value[0]!.endpoints[0]!.address.address, '10.0.0.1');
    assert.deepEqual(cla.localities.value[0]!.locality, { zone: 'z2' });
    assert.equal(cla.localities.value, copy.localities.value, 'built once, then kept');
    assert.deepEqual(Object.keys(cla.localities), ['value'], 'an own enumerable accessor: spread, JSON and deepEqual see the value');
    assert.ok(JSON.stringify({ ...load().endpoints[0]!, raw: undefined }).includes('"healthStatus":"HEALTHY"'));
  });
});

describe('names parsed with indexOf', () => {
  it('splits Istio cluster names as before', () => {
    const cases: [string, ReturnType<typeof parseClusterName>][] = [
      [
        'outbound|9080|v2|reviews.bookinfo.svc.cluster.local',
        { direction: 'outbound', port: 9080, subset: 'v2', host: 'reviews.bookinfo.svc.cluster.local', form: 'pipe' },
      ],
      ['inbound|8080||', { direction: 'inbound', port: 8080, subset: '', host: '', form: 'pipe' }],
      ['outbound|x||a|b', { direction: 'outbound', port: 0, subset: '', host: 'a|b', form: 'pipe' }],
      ['out|80|s|h', { direction: 'out', port: 80, subset: 's', host: 'h', form: 'pipe' }],
      [
        'outbound_.9080_.v1_.reviews.default.svc.cluster.local',
        { direction: 'outbound', port: 9080, subset: 'v1', host: 'reviews.default.svc.cluster.local', form: 'sni' },
      ],
      ['outbound|80|v1', undefined],
      ['BlackHoleCluster', undefined],
      ['outbound_.x_.v1_.h', undefined],
    ];
    for (const [name, want] of cases) assert.deepEqual(parseClusterName(name), want, name);
  });

  it('reads Istio config paths as before', () => {
    assert.deepEqual(parseIstioConfigPath('/apis/networking.istio.io/v1/namespaces/bookinfo/virtual-service/reviews'), {
      config: '/apis/networking.istio.io/v1/namespaces/bookinfo/virtual-service/reviews',
      kind: 'virtual-service',
      name: 'reviews',
      namespace: 'bookinfo',
      display: 'reviews.bookinfo',
    });
    for (const config of [
      '/apis/networking.istio.io/v1/namespaces/bookinfo/virtual-service',
      '/apis/networking.istio.io/v1/namespaces/ns/kind/name/extra',
      '/api/networking.istio.io/v1/namespaces/ns/kind/name',
      '/apis/networking.istio.io/v1/namespace/ns/kind/name',
      'plain',
    ]) {
      assert.deepEqual(parseIstioConfigPath(config), { config }, config);
    }
  });
});
