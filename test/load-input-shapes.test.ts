import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Json, JsonObject } from '../src/core/envoy/json.ts';
import { loadProxyConfig } from '../src/core/envoy/load.ts';
import { toCamelCase } from '../src/core/envoy/protojson.ts';
import { InputError } from '../src/core/errors.ts';

const load = (...docs: Json[]) =>
  loadProxyConfig(
    docs.map((data, i) => ({ name: `doc${i}.json`, data })),
    'test',
  );
const HCM = 'type.googleapis.com/envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager';

/** A sidecar's outbound 9080 listener: RDS route "9080", passthrough default chain. */
const listener9080 = (): JsonObject => ({
  name: '0.0.0.0_9080',
  address: { socket_address: { address: '0.0.0.0', port_value: 9080 } },
  filter_chains: [
    {
      filter_chain_match: { transport_protocol: 'raw_buffer', application_protocols: ['http/1.1', 'h2c'] },
      filters: [
        {
          name: 'envoy.filters.network.http_connection_manager',
          typed_config: {
            '@type': HCM,
            stat_prefix: 'outbound_0.0.0.0_9080',
            rds: { config_source: { ads: {}, resource_api_version: 'V3' }, route_config_name: '9080' },
            http_filters: [
              { name: 'envoy.filters.http.router', typed_config: { '@type': 'type.googleapis.com/envoy.extensions.filters.http.router.v3.Router' } },
            ],
          },
        },
      ],
    },
  ],
  default_filter_chain: {
    name: 'PassthroughFilterChain',
    filters: [
      {
        name: 'envoy.filters.network.tcp_proxy',
        typed_config: {
          '@type': 'type.googleapis.com/envoy.extensions.filters.network.tcp_proxy.v3.TcpProxy',
          stat_prefix: 'PassthroughCluster',
          cluster: 'PassthroughCluster',
        },
      },
    ],
  },
  listener_filters: [{ name: 'envoy.filters.listener.tls_inspector' }, { name: 'envoy.filters.listener.http_inspector' }],
  traffic_direction: 'OUTBOUND',
  bind_to_port: false,
});

const routes9080 = (): JsonObject => ({
  name: '9080',
  virtual_hosts: [
    {
      name: 'reviews.default.svc.cluster.local:9080',
      domains: ['reviews', 'reviews.default.svc.cluster.local'],
      routes: [{ match: { prefix: '/' }, route: { cluster: 'outbound|9080|v1|reviews.default.svc.cluster.local' } }],
    },
  ],
  validate_clusters: false,
});

const reviewsV1 = (): JsonObject => ({
  name: 'outbound|9080|v1|reviews.default.svc.cluster.local',
  type: 'EDS',
  eds_cluster_config: { eds_config: { ads: {} }, service_name: 'outbound|9080|v1|reviews.default.svc.cluster.local' },
  connect_timeout: '10s',
  metadata: { filter_metadata: { istio: { config: '/apis/networking.istio.io/v1/namespaces/default/destination-rule/reviews', subset: 'v1' } } },
});

/** Envoy's /clusters?format=json (snake_case), one host ejected by outlier detection. */
const clustersJson = (): JsonObject => ({
  cluster_statuses: [
    {
      name: 'outbound|9080|v1|reviews.default.svc.cluster.local',
      added_via_api: true,
      circuit_breakers: { thresholds: [{ max_connections: 1024 }, { priority: 'HIGH', max_connections: 1024 }] },
      observability_name: 'outbound|9080|v1|reviews.default.svc.cluster.local',
      eds_service_name: 'outbound|9080|v1|reviews.default.svc.cluster.local',
      host_statuses: [
        {
          address: { socket_address: { address: '10.0.0.7', port_value: 9080 } },
          stats: [
            { name: 'cx_connect_fail' },
            { value: '12', name: 'rq_total' },
            { value: '3', name: 'rq_error' },
            { type: 'GAUGE', value: '1', name: 'cx_active' },
          ],
          health_status: { eds_health_status: 'HEALTHY', failed_outlier_check: true },
          success_rate: { value: 75 },
          weight: 1,
          locality: { region: 'us-east1', zone: 'us-east1-b' },
          hostname: 'reviews-v1-abc',
        },
        { address: { pipe: { path: '/sock/x.socket' } }, health_status: {} },
      ],
    },
  ],
});

describe('input shapes', () => {
  it('reads Envoy /clusters?format=json: health, outlier ejection, counters, locality', () => {
    const config = load(clustersJson());
    assert.equal(config.sections.hostStatus, true);
    const status = config.index.hostStatusByCluster.get('outbound|9080|v1|reviews.default.svc.cluster.local');
    assert.equal(status?.hosts.length, 2);
    const [ejected, pipe] = status!.hosts;
    assert.deepEqual(ejected!.address, { address: '10.0.0.7', port: 9080 });
    assert.equal(ejected!.healthStatus, 'HEALTHY');
    assert.equal(ejected!.outlierEjected, true);
    assert.deepEqual(ejected!.stats, { cx_connect_fail: 0, rq_total: 12, rq_error: 3, cx_active: 1 });
    assert.equal(ejected!.successRate, 75);
    assert.deepEqual(ejected!.locality, { region: 'us-east1', zone: 'us-east1-b' });
    assert.equal(ejected!.hostname, 'reviews-v1-abc');
    assert.equal(pipe!.address.pipe, '/sock/x.socket');
    assert.equal(pipe!.healthStatus, 'UNKNOWN', 'no eds_health_status is protobuf default UNKNOWN, as istioctl prints');
    assert.equal(pipe!.outlierEjected, false);
    assert.deepEqual(
      status!.circuitBreakers.map((t) => t.priority),
      ['DEFAULT', 'HIGH'],
    );
    assert.equal(status!.edsServiceName, 'outbound|9080|v1|reviews.default.svc.cluster.local');
  });

  it('reads istioctl proxy-config endpoints -o json: a camelCase ClusterStatus array', () => {
    const camel = toCamelCase(clustersJson()) as JsonObject;
    const statuses = camel.clusterStatuses as Json[];
    // A cluster with no hosts tells nothing by itself; it follows the list's kind.
    const config = load([{ name: 'BlackHoleCluster' }, ...statuses]);
    assert.deepEqual(
      config.hostStatus.map((s) => s.name),
      ['BlackHoleCluster', 'outbound|9080|v1|reviews.default.svc.cluster.local'],
    );
    const { raw: _camelRaw, ...fromCamel } = config.hostStatus[1]!;
    const { raw: _snakeRaw, ...fromSnake } = load(clustersJson()).hostStatus[0]!;
    assert.deepEqual(fromCamel, fromSnake);
  });

  it('tells istioctl listener, route and cluster arrays apart by content and joins them', () => {
    const config = load(toCamelCase([listener9080()]), toCamelCase([routes9080()]), toCamelCase([reviewsV1()]));
    const listener = config.index.listenerByName.get('0.0.0.0_9080');
    assert.deepEqual(listener?.address, { address: '0.0.0.0', port: 9080 });
    assert.equal(listener?.bindToPort, false);
    assert.equal(listener?.trafficDirection, 'OUTBOUND');
    assert.deepEqual(listener?.listenerFilters, ['envoy.filters.listener.tls_inspector', 'envoy.filters.listener.http_inspector']);
    assert.deepEqual(listener?.filterChains[0]?.match.applicationProtocols, ['http/1.1', 'h2c']);
    assert.equal(listener?.filterChains[0]?.match.transportProtocol, 'raw_buffer');
    const hcm = listener?.filterChains[0]?.filters[0];
    assert.equal(hcm?.kind === 'http_connection_manager' ? hcm.rdsRouteConfigName : undefined, '9080');
    const passthrough = listener?.defaultFilterChain;
    assert.equal(passthrough?.isDefault, true);
    assert.equal(passthrough?.filters[0]?.kind === 'tcp_proxy' ? passthrough.filters[0].cluster : undefined, 'PassthroughCluster');
    assert.equal(config.index.routeConfigByName.get('9080')?.virtualHosts.value[0]?.domains[0], 'reviews');
    const cluster = config.index.clusterByName.get('outbound|9080|v1|reviews.default.svc.cluster.local');
    assert.equal(cluster?.destinationRule?.display, 'reviews.default');
    assert.equal(cluster?.istioSubset, 'v1');
  });

  it('merges a config dump with an endpoints file', () => {
    const dump = {
      configs: [
        {
          '@type': 'type.googleapis.com/envoy.admin.v3.ClustersConfigDump',
          dynamic_active_clusters: [{ version_info: 'v7', cluster: reviewsV1(), last_updated: '2024-01-01T00:00:00Z' }],
        },
      ],
    };
    const config = load(dump, clustersJson());
    assert.deepEqual(config.clusters[0]!.meta, { state: 'active', versionInfo: 'v7', lastUpdated: '2024-01-01T00:00:00Z' });
    assert.equal(config.index.hostStatusByCluster.get(config.clusters[0]!.name)?.hosts[0]?.outlierEjected, true);
    const eds = config.issues.value.find((i) => i.code === 'missing-section' && i.where === 'endpoints');
    assert.equal(eds?.severity, 'info');
  });

  it('says what a missing EDS section costs and how to capture it', () => {
    const config = load({
      configs: [{ '@type': 'type.googleapis.com/envoy.admin.v3.ClustersConfigDump', dynamic_active_clusters: [{ cluster: reviewsV1() }] }],
    });
    const eds = config.issues.value.find((i) => i.where === 'endpoints');
    assert.equal(eds?.message, 'no EDS section: endpoint health unknown; capture with `istioctl proxy-config all POD -o json` (includes EDS)');
    assert.equal(eds?.severity, 'warning');
    assert.equal(config.sections.endpoints, false);
  });

  it('indexes the active listener over its warming and draining versions, and reports a rejected update', () => {
    const active = listener9080();
    const warming = { ...listener9080(), traffic_direction: 'INBOUND' };
    const dump = {
      configs: [
        {
          '@type': 'type.googleapis.com/envoy.admin.v3.ListenersConfigDump',
          dynamic_listeners: [
            {
              name: '0.0.0.0_9080',
              warming_state: { version_info: '2', listener: warming },
              active_state: { version_info: '1', listener: active },
              draining_state: { version_info: '0', listener: listener9080() },
              error_state: { details: 'duplicate filter chain match' },
            },
          ],
        },
      ],
    };
    const config = load(dump);
    assert.deepEqual(
      config.listeners.map((l) => l.meta.state),
      ['active', 'warming', 'draining'],
    );
    assert.equal(config.index.listenerByName.get('0.0.0.0_9080')?.raw, active);
    const rejected = config.issues.value.find((i) => i.code === 'rejected-update');
    assert.match(rejected?.message ?? '', /listeners "0\.0\.0\.0_9080": duplicate filter chain match/);
  });

  it('keeps and reports an unknown @type and unknown fields, never fatal', () => {
    const future = { '@type': 'type.googleapis.com/envoy.admin.v3.FutureConfigDump', things: [] };
    const cluster = { ...reviewsV1(), shiny_new_field: true };
    const config = load({ configs: [future, { '@type': 'type.googleapis.com/envoy.admin.v3.ClustersConfigDump', dynamic_active_clusters: [{ cluster }] }] });
    assert.equal(config.unknownConfigs[0]?.raw, future);
    assert.ok(config.issues.value.some((i) => i.code === 'unknown-type' && i.message.includes('envoy.admin.v3.FutureConfigDump')));
    assert.ok(config.issues.value.some((i) => i.code === 'unknown-field' && i.message.includes('cluster.shiny_new_field')));
    assert.equal(config.clusters.length, 1);
  });

  it('reads single resources from /config_dump?resource=', () => {
    const config = load({ configs: [{ '@type': 'type.googleapis.com/envoy.admin.v3.ClustersConfigDump.DynamicCluster', cluster: reviewsV1() }] });
    assert.equal(config.clusters[0]?.name, 'outbound|9080|v1|reviews.default.svc.cluster.local');
    assert.equal(config.sections.clusters, true);
  });

  it('classifies upstream TLS as DestinationRule modes', () => {
    const tls = (common: JsonObject, sni?: string): JsonObject => ({
      name: 'envoy.transport_sockets.tls',
      typed_config: {
        '@type': 'type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.UpstreamTlsContext',
        common_tls_context: common,
        ...(sni ? { sni } : {}),
      },
    });
    const clusters: JsonObject[] = [
      {
        name: 'simple',
        transport_socket: tls({ combined_validation_context: { validation_context_sds_secret_config: { name: 'file-root:/etc/ca.pem' } } }, 'example.com'),
      },
      { name: 'mutual', transport_socket: tls({ tls_certificate_sds_secret_configs: [{ name: 'kubernetes://client-cert' }] }) },
      {
        name: 'inline',
        transport_socket: tls({ tls_certificates: [{ certificate_chain: { inline_string: 'PEM' }, private_key: { inline_string: 'SECRET KEY' } }] }),
      },
      {
        name: 'istio',
        transport_socket: tls({
          tls_certificate_sds_secret_configs: [{ name: 'default' }],
          combined_validation_context: { validation_context_sds_secret_config: { name: 'ROOTCA' } },
        }),
      },
      { name: 'plain', transport_socket: { name: 'envoy.transport_sockets.raw_buffer' } },
      { name: 'odd', transport_socket: { name: 'envoy.transport_sockets.alts' } },
      { name: 'aggregate', cluster_type: { name: 'envoy.clusters.aggregate', typed_config: {} } },
    ];
    const config = load(clusters.map((c) => ({ ...c, connect_timeout: '1s' })));
    assert.deepEqual(
      config.clusters.map((c) => [c.name, c.tlsMode, c.autoMtls]),
      [
        ['simple', 'SIMPLE', false],
        ['mutual', 'MUTUAL', false],
        ['inline', 'MUTUAL', false],
        ['istio', 'ISTIO_MUTUAL', false],
        ['plain', 'DISABLE', false],
        ['odd', 'UNKNOWN', false],
        ['aggregate', 'DISABLE', false],
      ],
    );
    assert.equal(config.clusters[0]!.sni, 'example.com');
    assert.ok(!JSON.stringify(config.clusters[2]!.raw).includes('SECRET KEY'), 'inline private keys are deleted');
    assert.equal(config.clusters[6]!.type, 'STATIC', 'istioctl reports a cluster_type extension as STATIC');
    assert.equal(config.clusters[6]!.customType, 'envoy.clusters.aggregate');
  });

  it('deletes private keys from secrets and the bootstrap, in the input too', () => {
    const secret = {
      name: 'default',
      secret: { name: 'default', tls_certificate: { certificate_chain: { inline_bytes: 'Q0VSVA==' }, private_key: { inline_bytes: 'S0VZ' } } },
    };
    const bootstrap = {
      node: { id: 'sidecar~10.1.1.1~a.b~b.svc.cluster.local' },
      static_resources: { secrets: [{ name: 'x', tls_certificate: { private_key: { inline_string: 'KEY' } } }] },
    };
    const dump: JsonObject = {
      configs: [
        { '@type': 'type.googleapis.com/envoy.admin.v3.BootstrapConfigDump', bootstrap },
        { '@type': 'type.googleapis.com/envoy.admin.v3.SecretsConfigDump', static_secrets: [secret] },
      ],
    };
    const config = load(dump);
    assert.deepEqual(config.secrets[0]!.certificates, [{ inlineBytes: 'Q0VSVA==' }]);
    assert.ok(!JSON.stringify(dump).includes('private_key'));
    assert.equal(config.node?.ip, '10.1.1.1');
  });

  it('reads node identity and metadata from the bootstrap', () => {
    const node = {
      id: 'sidecar~10.244.0.194~productpage-v1-6b746f74dc-2xhmt.default~default.svc.cluster.local',
      metadata: {
        ISTIO_VERSION: '1.22.1',
        ISTIO_PROXY_SHA: 'istio-proxy:abc123',
        LABELS: { app: 'productpage', version: 'v1', 'istio.io/rev': 'canary' },
        NAMESPACE: 'default',
        NAME: 'productpage-v1-6b746f74dc-2xhmt',
        CLUSTER_ID: 'Kubernetes',
        MESH_ID: 'cluster.local',
        WORKLOAD_NAME: 'productpage-v1',
      },
      user_agent_build_version: {
        version: { major_number: 1, minor_number: 30, patch: 2 },
        metadata: { 'build.label': 'dev', 'revision.status': 'Clean', 'build.type': 'RELEASE', 'ssl.version': 'BoringSSL' },
      },
    };
    const config = load({ configs: [{ '@type': 'type.googleapis.com/envoy.admin.v3.BootstrapConfigDump', bootstrap: { node } }] });
    const { raw: _raw, ...identity } = config.node!;
    assert.deepEqual(identity, {
      id: node.id,
      labels: { app: 'productpage', version: 'v1', 'istio.io/rev': 'canary' },
      proxyType: 'sidecar',
      ip: '10.244.0.194',
      podName: 'productpage-v1-6b746f74dc-2xhmt',
      namespace: 'default',
      istioVersion: '1.22.1',
      istioProxySha: 'abc123',
      envoyVersion: '1.30.2-dev/Clean/RELEASE/BoringSSL',
      clusterId: 'Kubernetes',
      meshId: 'cluster.local',
      workloadName: 'productpage-v1',
      revision: 'canary',
    });
  });

  it('rejects a document of another shape with one line naming the file and its keys', () => {
    const attempt = () => loadProxyConfig([{ name: 'pods.json', data: { apiVersion: 'v1', kind: 'List', items: [], metadata: {} } }], 'x');
    assert.throws(attempt, (error: unknown) => {
      assert.ok(error instanceof InputError);
      assert.equal(
        error.message,
        'pods.json: expected an Envoy config dump ({configs: [...]}), an istioctl -o json array or /clusters JSON; found an object with keys apiVersion, kind, items, metadata',
      );
      return true;
    });
    assert.throws(() => load(42), /doc0\.json: .*found a number$/);
    assert.throws(() => load([{ foo: 1 }]), /found an array of objects with keys foo$/);
  });

  it('warns about an empty istioctl list instead of failing', () => {
    const config = load([]);
    assert.equal(config.issues.value[0]?.code, 'empty-input');
  });
});

describe('values shared between resources', () => {
  it('shares equal circuit breakers, services and localities but never mixes different ones', () => {
    const cluster = (name: string, maxConnections: number, host: string): JsonObject => ({
      name,
      type: 'EDS',
      circuit_breakers: { thresholds: [{ max_connections: maxConnections, max_requests: 4294967295 }] },
      metadata: { filter_metadata: { istio: { services: [{ host, name: host.split('.')[0]!, namespace: 'default' }] } } },
    });
    const config = load([
      cluster('outbound|80|v1|a.default.svc.cluster.local', 100, 'a.default.svc.cluster.local'),
      cluster('outbound|80|v2|a.default.svc.cluster.local', 100, 'a.default.svc.cluster.local'),
      cluster('outbound|80||b.default.svc.cluster.local', 200, 'b.default.svc.cluster.local'),
    ]);
    const [a1, a2, b] = config.clusters;
    assert.equal(a1!.circuitBreakers, a2!.circuitBreakers);
    assert.equal(a1!.services, a2!.services);
    assert.deepEqual(b!.circuitBreakers, [{ priority: 'DEFAULT', maxConnections: 200, maxRequests: 4294967295 }]);
    assert.deepEqual(b!.services, [{ host: 'b.default.svc.cluster.local', name: 'b', namespace: 'default' }]);
    assert.deepEqual(a1!.circuitBreakers, [{ priority: 'DEFAULT', maxConnections: 100, maxRequests: 4294967295 }]);

    const cla = (zone: string, workload: string): JsonObject => ({
      cluster_name: `c-${zone}-${workload}`,
      endpoints: [
        {
          locality: { region: 'r', zone },
          lb_endpoints: [
            { endpoint: { address: { socket_address: { address: '10.0.0.1', port_value: 80 } } }, metadata: { filter_metadata: { istio: { workload } } } },
          ],
        },
      ],
    });
    const eds = load([cla('z1', 'w1;ns;svc;v1;k'), cla('z1', 'w1;ns;svc;v1;k'), cla('z2', 'w2;ns;svc;;k')]);
    const [e1, e2, e3] = eds.endpoints.map((e) => e.localities.value[0]!);
    assert.equal(e1!.locality, e2!.locality);
    assert.deepEqual(e3!.locality, { region: 'r', zone: 'z2' });
    assert.equal(e1!.endpoints[0]!.identity, e2!.endpoints[0]!.identity);
    assert.deepEqual(e3!.endpoints[0]!.identity, { workload: 'w2', namespace: 'ns', canonicalService: 'svc', canonicalRevision: 'latest', cluster: 'k' });
  });
});
