import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Json, JsonObject } from '../src/core/envoy/json.ts';
import { loadProxyConfig } from '../src/core/envoy/load.ts';
import type { ProxyConfig } from '../src/core/envoy/types.ts';
import { renderBootstrapSummary } from '../src/core/report/istioctl/bootstrap.ts';
import { renderClusters } from '../src/core/report/istioctl/clusters.ts';
import { describeManagement } from '../src/core/report/istioctl/config-ref.ts';
import { renderEcds } from '../src/core/report/istioctl/ecds.ts';
import { filteredAssignments, renderEds } from '../src/core/report/istioctl/eds.ts';
import { renderEndpoints } from '../src/core/report/istioctl/endpoints.ts';
import { describeRouteDomains } from '../src/core/report/istioctl/route-domains.ts';
import { renderRoutes } from '../src/core/report/istioctl/routes.ts';
import { renderSecrets } from '../src/core/report/istioctl/secrets.ts';

const ADMIN = 'type.googleapis.com/envoy.admin.v3.';

/** Expected table text: each cell but the last padded to the given column width. */
function table(widths: number[], rows: string[][]): string {
  return `${rows.map((cells) => cells.map((c, i) => (i < cells.length - 1 ? c.padEnd(widths[i]!) : c)).join('')).join('\n')}\n`;
}

function load(...configs: JsonObject[]): ProxyConfig {
  return loadProxyConfig([{ name: 'test.json', data: { configs } as Json }], 'test.json');
}

const cluster = (name: string, extra: JsonObject = {}): JsonObject => ({
  cluster: { '@type': 'type.googleapis.com/envoy.config.cluster.v3.Cluster', name, ...extra },
});
const dr = (path: string): JsonObject => ({ metadata: { filter_metadata: { istio: { config: path } } } });

describe('istioctl cluster table', () => {
  it('splits Istio names into columns, sorts by FQDN, subset, port, direction, and prints other names whole', () => {
    const config = load({
      '@type': `${ADMIN}ClustersConfigDump`,
      static_clusters: [cluster('prometheus_stats', { type: 'STATIC' })],
      dynamic_active_clusters: [
        cluster('outbound|9080|v2|reviews.default.svc.cluster.local', {
          type: 'EDS',
          ...dr('/apis/networking.istio.io/v1/namespaces/default/destination-rule/reviews'),
        }),
        cluster('outbound|9080|v1|reviews.default.svc.cluster.local', { type: 'EDS' }),
        cluster('inbound|9080||', { type: 'ORIGINAL_DST' }),
        cluster('outbound|80||reviews.default.svc.cluster.local', { type: 'EDS', ...dr('/apis/security.istio.io/v1/x') }),
        cluster('outbound_.9080_.v1_.reviews.default.svc.cluster.local', { cluster_type: { name: 'envoy.clusters.aggregate' } }),
      ],
    });
    assert.equal(
      renderClusters(config.clusters),
      [
        'SERVICE FQDN                                              PORT     SUBSET     DIRECTION     TYPE             DESTINATION RULE',
        '                                                          9080     -          inbound       ORIGINAL_DST     ',
        'outbound_.9080_.v1_.reviews.default.svc.cluster.local     -        -          -             STATIC           ',
        'prometheus_stats                                          -        -          -             STATIC           ',
        'reviews.default.svc.cluster.local                         80       -          outbound      EDS              <unknown>',
        'reviews.default.svc.cluster.local                         9080     v1         outbound      EDS              ',
        'reviews.default.svc.cluster.local                         9080     v2         outbound      EDS              reviews.default',
        '',
      ].join('\n'),
    );
    assert.deepEqual(
      renderClusters(config.clusters, { port: 9080 })
        .split('\n')
        .slice(1, -1)
        .map((l) => l.split(/\s+/).slice(0, 3).join(' ')),
      [' 9080 -', 'reviews.default.svc.cluster.local 9080 v1', 'reviews.default.svc.cluster.local 9080 v2'],
    );
    // In `proxy-config all`, a name istioctl does not split shows in the SERVICE FQDN column prefixed too.
    assert.equal(
      renderClusters(config.clusters, { subset: 'v1', direction: 'outbound' }, true),
      table(
        [66, 66, 9, 11, 14, 11],
        [
          ['NAME', 'SERVICE FQDN', 'PORT', 'SUBSET', 'DIRECTION', 'TYPE', 'DESTINATION RULE'],
          [
            'cluster/outbound_.9080_.v1_.reviews.default.svc.cluster.local',
            'cluster/outbound_.9080_.v1_.reviews.default.svc.cluster.local',
            '-',
            '-',
            '-',
            'STATIC',
            '',
          ],
          ['cluster/outbound|9080|v1|reviews.default.svc.cluster.local', 'reviews.default.svc.cluster.local', '9080', 'v1', 'outbound', 'EDS', ''],
        ],
      ),
    );
  });

  it('renders the DestinationRule column as istioctl', () => {
    assert.equal(describeManagement(undefined), '');
    assert.equal(describeManagement({ filter_metadata: { istio: { subset: 'v1' } } }), '');
    assert.equal(describeManagement(dr('/apis/networking.istio.io/v1alpha3/namespaces/ns/destination-rule/name').metadata), 'name.ns');
    assert.equal(describeManagement(dr('/apis/networking.istio.io/v1/namespaces/ns').metadata), '');
    assert.equal(describeManagement(dr('/apis/other').metadata), '<unknown>');
  });
});

describe('istioctl route table', () => {
  const routeConfig = (name: string, vhosts: JsonObject[]): JsonObject => ({
    route_config: { '@type': 'type.googleapis.com/envoy.config.route.v3.RouteConfiguration', name, virtual_hosts: vhosts },
  });
  const config = load({
    '@type': `${ADMIN}RoutesConfigDump`,
    dynamic_route_configs: [
      routeConfig('9080', [
        {
          name: 'reviews:9080',
          domains: [
            'reviews.default.svc.cluster.local',
            'reviews.default.svc.cluster.local:9080',
            'reviews',
            'reviews:9080',
            'reviews.default.svc',
            'reviews.default',
            '10.0.0.1',
            '10.0.0.1:9080',
          ],
          routes: [
            {
              match: { headers: [{ name: 'end-user', string_match: { exact: 'jason' } }], prefix: '/' },
              route: { cluster: 'outbound|9080|v2|reviews' },
              metadata: dr('/apis/networking.istio.io/v1/namespaces/default/virtual-service/reviews').metadata,
            },
            { match: { safe_regex: { regex: '^/api/v[0-9]+$' } }, route: { cluster: 'outbound|9080|v1|reviews' } },
            { match: { path: '/exact' }, route: { cluster: 'PassthroughCluster' } },
          ],
        },
        { name: 'empty', domains: ['*'] },
      ]),
      routeConfig('80', [{ name: 'a', domains: ['a'], routes: [{ match: { path_separated_prefix: '/p' }, direct_response: { status: 200 } }] }]),
    ],
  });

  it('lists each route of each virtual host, skips PassthroughCluster routes, shows /* 404 for an empty virtual host', () => {
    assert.equal(
      renderRoutes(config.routeConfigs),
      table(
        [9, 17, 41, 25],
        [
          ['NAME', 'VHOST NAME', 'DOMAINS', 'MATCH', 'VIRTUAL SERVICE'],
          ['80', 'a', 'a', 'PathPrefix:/p', ''],
          ['9080', 'reviews:9080', 'reviews, reviews.default + 1 more...', '/*', 'reviews.default'],
          ['9080', 'reviews:9080', 'reviews, reviews.default + 1 more...', 'regex ^/api/v[0-9]+$', ''],
          ['9080', 'empty', '*', '/*', '404'],
        ],
      ),
    );
  });

  it('counts virtual hosts without --verbose and keeps only --name', () => {
    assert.equal(renderRoutes(config.routeConfigs, { verbose: false }), 'NAME     VIRTUAL HOSTS\n80       1\n9080     2\n');
    assert.equal(renderRoutes(config.routeConfigs, { name: '80', verbose: false }, true), 'NAME         VIRTUAL HOSTS\nroute/80     1\n');
  });

  it('reduces domains as istioctl (route_test.go examples)', () => {
    assert.equal(describeRouteDomains([]), '');
    assert.equal(describeRouteDomains(['example.com:8080']), 'example.com:8080');
    assert.equal(describeRouteDomains(['example.com', 'example.com:8080']), 'example.com');
    assert.equal(describeRouteDomains(['example.com', 'example.com:8080', '1.2.3.4', '1.2.3.4:8080']), 'example.com, 1.2.3.4');
    assert.equal(
      describeRouteDomains(['example.com', 'example.com:8080', 'www.example.com', 'www.example.com:8080', '[fd00:10:96::7fc7]', '[fd00:10:96::7fc7]:8080']),
      'example.com, www.example.com + 1 more...',
    );
  });
});

describe('istioctl endpoint tables', () => {
  const lb = (address: JsonObject, health?: string): JsonObject => ({ endpoint: { address }, ...(health ? { health_status: health } : {}) });
  const socket = (ip: string, port: number): JsonObject => ({ socket_address: { address: ip, port_value: port } });
  const config = load({
    '@type': `${ADMIN}EndpointsConfigDump`,
    dynamic_endpoint_configs: [
      {
        endpoint_config: {
          cluster_name: 'outbound|80||b.ns.svc.cluster.local',
          endpoints: [
            { locality: { region: 'r', zone: 'z' }, lb_endpoints: [lb(socket('10.0.0.2', 80), 'HEALTHY'), lb({ pipe: { path: '/sock' } }, 'DRAINING')] },
            {
              locality: { region: 'r', zone: 'z', sub_zone: 's' },
              lb_endpoints: [lb({ envoy_internal_address: { server_listener_name: 'connect_originate', endpoint_id: '10.0.0.3:80' } })],
            },
          ],
        },
      },
      { endpoint_config: { cluster_name: 'outbound|80||a.ns.svc.cluster.local', endpoints: [{ lb_endpoints: [lb(socket('10.0.0.1', 8080), 'UNHEALTHY')] }] } },
      { endpoint_config: { cluster_name: 'empty' } },
    ],
  });

  it('prints the EDS table sorted by cluster, endpoints in dump order, with localities', () => {
    assert.equal(
      renderEds(config.endpoints),
      table(
        [42, 14, 13],
        [
          ['NAME', 'STATUS', 'LOCALITY', 'CLUSTER'],
          ['10.0.0.1:8080', 'UNHEALTHY', '', 'outbound|80||a.ns.svc.cluster.local'],
          ['10.0.0.2:80', 'HEALTHY', 'r/z', 'outbound|80||b.ns.svc.cluster.local'],
          ['/sock', 'DRAINING', 'r/z', 'outbound|80||b.ns.svc.cluster.local'],
          ['envoy://connect_originate/10.0.0.3:80', 'UNKNOWN', 'r/z/s', 'outbound|80||b.ns.svc.cluster.local'],
        ],
      ),
    );
  });

  it('filters by address, port, cluster and status, case-insensitively, dropping emptied assignments', () => {
    assert.deepEqual(
      filteredAssignments(config.endpoints, { status: 'draining' }).map((c) => c.cluster_name),
      ['outbound|80||b.ns.svc.cluster.local'],
    );
    assert.equal(filteredAssignments(config.endpoints, { address: '10.0.0.1:8080', cluster: 'OUTBOUND|80||A.NS.SVC.CLUSTER.LOCAL' }).length, 1);
    assert.equal(filteredAssignments(config.endpoints, { port: 9999 }).length, 0);
  });

  it('prints /clusters host health sorted by address, port, cluster, with outlier ejection', () => {
    const clusters = loadProxyConfig(
      [
        {
          name: 'clusters.json',
          data: {
            cluster_statuses: [
              { name: 'z', host_statuses: [{ address: socket('10.0.0.9', 80), health_status: { eds_health_status: 'HEALTHY', failed_outlier_check: true } }] },
              {
                name: 'a',
                host_statuses: [
                  { address: socket('10.0.0.9', 80), health_status: { eds_health_status: 'HEALTHY' } },
                  { address: { pipe: { path: '/run/x.sock' } }, health_status: { eds_health_status: 'UNHEALTHY' } },
                ],
              },
            ],
          },
        },
      ],
      'clusters.json',
    );
    assert.equal(
      renderEndpoints(clusters.hostStatus),
      table(
        [23, 14, 18],
        [
          ['ENDPOINT', 'STATUS', 'OUTLIER CHECK', 'CLUSTER'],
          ['10.0.0.9:80', 'HEALTHY', 'OK', 'a'],
          ['10.0.0.9:80', 'HEALTHY', 'FAILED', 'z'],
          ['unix:///run/x.sock', 'UNHEALTHY', 'OK', 'a'],
        ],
      ),
    );
    assert.equal(renderEndpoints(clusters.hostStatus, { cluster: 'Z' }).split('\n').length, 3);
  });
});

describe('istioctl secret, ecds and bootstrap views', () => {
  it('says so when there is no dynamic secret, and marks an uninitialized active secret', () => {
    assert.equal(renderSecrets([], 0), 'No active or warming secrets found.\n');
    const config = load({
      '@type': `${ADMIN}SecretsConfigDump`,
      dynamic_active_secrets: [{ name: 'kubernetes://cert', version_info: 'uninitialized', secret: { name: 'kubernetes://cert' } }],
    });
    assert.equal(
      renderSecrets(config.secrets, 0),
      table(
        [22, 9, 18, 15, 18, 14],
        [
          ['RESOURCE NAME', 'TYPE', 'STATUS', 'VALID CERT', 'SERIAL NUMBER', 'NOT AFTER', 'NOT BEFORE'],
          ['kubernetes://cert', '', 'UNINITIALIZED', 'false', '', '', ''],
        ],
      ),
    );
  });

  it('sorts ECDS filters by type URL, then name', () => {
    const config = load({
      '@type': `${ADMIN}EcdsConfigDump`,
      ecds_filters: [
        { ecds_filter: { name: 'b', typed_config: { '@type': 'type.googleapis.com/x.B' } } },
        { ecds_filter: { name: 'a', typed_config: { '@type': 'type.googleapis.com/x.B' } } },
        { ecds_filter: { name: 'c' } },
        { ecds_filter: { name: 'd', typed_config: { '@type': 'other/x.A' } } },
      ],
    });
    assert.equal(
      renderEcds(config.ecds),
      table(
        [14],
        [
          ['ECDS NAME', 'TYPE'],
          ['c', ''],
          ['d', 'other/x.A'],
          ['a', 'x.B'],
          ['b', 'x.B'],
        ],
      ),
    );
  });

  it('prints the versions it finds and 0.0.0 for an Envoy without a build version', () => {
    const config = load({
      '@type': `${ADMIN}BootstrapConfigDump`,
      bootstrap: {
        node: { id: 'x', metadata: { ISTIO_VERSION: '1.24.0', ISTIO_PROXY_SHA: 'abc' }, user_agent_build_version: { metadata: { 'build.label': 'dev' } } },
      },
    });
    assert.equal(renderBootstrapSummary(config.node!), 'Istio Version:       1.24.0\nIstio Proxy Version: abc\nEnvoy Version:       0.0.0-dev\n');
  });
});
