import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { readProxyConfig } from '../src/sources/files.ts';
import { conformance, jsonFiles, needsConformance } from './helpers/paths.ts';

const corpus = conformance('istioctl-configdump', 'istioctl', 'pkg');
const pc = (...parts: string[]): string => path.join(corpus, ...parts);
const writer = (...parts: string[]): string => pc('writer', 'envoy', 'configdump', 'testdata', ...parts);

describe('loading the istioctl config dump corpus', { skip: needsConformance }, () => {
  it('loads every JSON file of the corpus without throwing', async () => {
    const files = jsonFiles(corpus);
    assert.ok(files.length >= 15, `expected the corpus dumps, found ${files.length}`);
    for (const file of files) {
      const config = await readProxyConfig({ dump: file });
      const total =
        config.listeners.length +
        config.routeConfigs.length +
        config.clusters.length +
        config.endpoints.length +
        config.secrets.length +
        config.ecds.length +
        (config.node ? 1 : 0);
      assert.ok(total > 0, `${file}: nothing loaded`);
      assert.ok(!config.issues.value.some((i) => i.severity === 'error'), `${file}: ${JSON.stringify(config.issues.value)}`);
    }
  });

  it('reads the waypoint dump: node identity, clusters, internal listener, inline routes, EDS', async () => {
    const config = await readProxyConfig({ dump: pc('proxyconfig', 'testdata', 'config_dump.json') });
    assert.equal(config.node?.istioVersion, '1.21.0-1226');
    assert.equal(config.node?.istioProxySha, 'ee85c5f28702f00621aed895915fca565796b9e4');
    assert.equal(config.node?.proxyType, 'waypoint');
    assert.equal(config.node?.podName, 'httpbin-istio-waypoint-58f646c5ff-dbfkz');
    assert.equal(config.node?.namespace, 'default');
    assert.equal(config.node?.envoyVersion, undefined);

    assert.equal(config.clusters.length, 3);
    const vip = config.index.clusterByName.get('inbound-vip|8000|http|httpbin.default.svc.cluster.local');
    // buildWaypointInboundVIP puts the protocol (http, tcp, http/<subset>) in the subset field: not a subset.
    assert.deepEqual(vip?.istioName, {
      direction: 'inbound-vip',
      port: 8000,
      subset: '',
      protocol: 'http',
      subsetField: 'http',
      host: 'httpbin.default.svc.cluster.local',
      form: 'pipe',
    });
    assert.equal(vip?.type, 'EDS');
    assert.equal(vip?.tlsMode, 'DISABLE', 'internal_upstream wrapping raw_buffer is plaintext');
    assert.deepEqual(vip?.services, [{ host: 'httpbin.default.svc.cluster.local', name: 'httpbin', namespace: 'default' }]);
    assert.equal(config.index.clusterByName.get('agent')?.connectTimeoutMs, 250);
    assert.equal(config.index.clusterByName.get('agent')?.meta.state, 'static');

    const internal = config.index.listenerByName.get('main_internal');
    assert.equal(internal?.internal, true);
    assert.equal(internal?.address, undefined);
    assert.equal(internal?.filterChains.length, 4);
    assert.ok(internal?.filterChainMatcher, 'the waypoint matcher tree is kept');
    const hcm = internal?.filterChains[0]?.filters[0];
    assert.equal(hcm?.kind, 'http_connection_manager');
    if (hcm?.kind === 'http_connection_manager') {
      assert.equal(hcm.routeConfig?.name, 'inbound-vip|8000|http|httpbin.default.svc.cluster.local');
      assert.equal(hcm.httpFilters.at(-1)?.name, 'envoy.filters.http.router');
    }
    const tcp = internal?.filterChains.find((c) => c.name === 'direct-tcp')?.filters.at(-1);
    assert.deepEqual(tcp?.kind === 'tcp_proxy' ? tcp.cluster : undefined, 'encap');
    const agent = config.listeners.find((l) => l.meta.state === 'static');
    assert.deepEqual(agent?.address, { address: '0.0.0.0', port: 15021 });

    assert.equal(config.routeConfigs.length, 1);
    assert.equal(config.routeConfigMeta.get(config.routeConfigs[0]!.name)?.state, 'static');

    const eds = config.index.endpointsByCluster.get('inbound-vip|8100|http|httpbin.default.svc.cluster.local');
    const ep = eds?.localities.value[0]?.endpoints[0];
    assert.deepEqual(ep?.address, { address: '', port: 0, internalListener: 'connect_originate', endpointId: '192.168.195.248:800' });
    assert.equal(ep?.healthStatus, 'HEALTHY');
    assert.deepEqual(ep?.identity, { workload: 'httpbin', namespace: 'default', canonicalService: 'httpbin', canonicalRevision: 'v1', cluster: 'snorlax' });

    assert.deepEqual(
      config.secrets.map((s) => [s.name, s.kind, s.state]),
      [
        ['default', 'Cert Chain', 'active'],
        ['ROOTCA', 'CA', 'active'],
      ],
    );
    assert.equal(Object.values(config.sections).filter(Boolean).length, 6, JSON.stringify(config.sections));
  });

  it('reads EDS health, weights and workload identity from the endpoints dump', async () => {
    const config = await readProxyConfig({ dump: writer('endpoint', 'configdump.json') });
    assert.equal(config.endpoints.length, 37);
    const reviews = config.index.endpointsByCluster.get('outbound|9080||reviews.default.svc.cluster.local');
    const endpoints = reviews?.localities.value.flatMap((l) => l.endpoints) ?? [];
    assert.equal(endpoints.length, 3);
    assert.ok(endpoints.every((e) => e.healthStatus === 'HEALTHY' && e.weight === 1 && e.tlsMode === 'istio'));
    assert.deepEqual(endpoints.map((e) => e.identity.workload).sort(), ['reviews-v1', 'reviews-v2', 'reviews-v3']);
    const pipe = config.index.endpointsByCluster.get('sds-grpc')?.localities.value[0]?.endpoints[0];
    assert.equal(pipe?.address.pipe, './var/run/secrets/workload-spiffe-uds/socket');
    const istiod = config.index.endpointsByCluster.get('outbound|15010||istiod.istio-system.svc.cluster.local')?.localities.value[0]?.endpoints[0];
    assert.deepEqual(istiod?.identity, { workload: 'istiod', namespace: 'istio-system', cluster: 'Kubernetes' });
  });

  it('reads the DestinationRule, subset and Istio auto mTLS of a sidecar cluster', async () => {
    const config = await readProxyConfig({ dump: pc('describe', 'testdata', 'describe', 'http_config.json') });
    const cluster = config.clusters[0]!;
    assert.equal(cluster.destinationRule?.display, 'productpage.default');
    assert.equal(cluster.istioSubset, 'v1');
    assert.equal(cluster.lbPolicy, 'LEAST_REQUEST');
    assert.equal(cluster.tlsMode, 'ISTIO_MUTUAL');
    assert.equal(cluster.autoMtls, true);
    assert.equal(cluster.sni, 'outbound_.9080_.v1_.productpage.default.svc.cluster.local');
    assert.equal(cluster.circuitBreakers[0]?.maxRequests, 4294967295);
    assert.equal(config.sections.listeners, true, 'an empty listeners section is still a section');
    assert.equal(config.listeners.length, 0);
  });

  it('reads the Envoy version from user_agent_build_version as istioctl prints it', async () => {
    for (const file of [writer('configdump.json'), writer('bootstrapdump.json')]) {
      const config = await readProxyConfig({ dump: file });
      assert.equal(config.node?.istioVersion, '1.10.0', file);
      assert.equal(config.node?.istioProxySha, '436f365a8007cd8a13a9f1321e7cce94bcc8883e', file);
      assert.equal(config.node?.envoyVersion, '1.18.3/Clean/RELEASE/BoringSSL', file);
    }
  });

  it('reads secrets in istioctl order without their private keys', async () => {
    const config = await readProxyConfig({ dump: writer('secret', 'istio', 'config_dump.json') });
    assert.deepEqual(
      config.secrets.map((s) => [s.name, s.state, s.kind]),
      [
        ['configmap://some/thing', 'warming', 'Unknown'],
        ['default', 'active', 'Cert Chain'],
        ['ROOTCA', 'active', 'CA'],
      ],
    );
    assert.ok(config.secrets[1]!.certificates[0]!.inlineBytes?.startsWith('LS0tLS1CRUdJTi'));
    assert.ok(!JSON.stringify(config.secrets).includes('private_key'));
    const spire = await readProxyConfig({ dump: writer('secret', 'spire', 'config_dump.json') });
    assert.deepEqual(
      spire.secrets[1]!.certificates.map((c) => c.trustDomain),
      ['east.local', 'west.local'],
    );
  });

  it('reads ECDS filters from the dump and from istioctl -o json alike', async () => {
    const dump = await readProxyConfig({ dump: writer('ecds', 'configdump.json') });
    const printed = await readProxyConfig({ dump: writer('ecds', 'output.json') });
    assert.equal(dump.ecds.length, 6);
    assert.deepEqual(
      printed.ecds.map((f) => [f.name, f.typeUrl]),
      dump.ecds.map((f) => [f.name, f.typeUrl]),
    );
    assert.equal(dump.ecds[0]?.typeUrl, 'type.googleapis.com/envoy.extensions.filters.http.wasm.v3.Wasm');
    assert.equal(dump.ecds[2]?.typeUrl, '');
  });

  it('reads istioctl eds -o json (camelCase ClusterLoadAssignments) like the dump it came from', async () => {
    const printed = await readProxyConfig({ dump: writer('endpoint', 'emptyfilter_output.json') });
    const dump = await readProxyConfig({ dump: writer('endpoint', 'configdump.json') });
    assert.equal(printed.endpoints.length, 32);
    for (const cla of printed.endpoints) {
      const fromDump = dump.index.endpointsByCluster.get(cla.clusterName);
      assert.ok(fromDump, cla.clusterName);
      const strip = (c: typeof cla) => c.localities.value.map((l) => ({ ...l, endpoints: l.endpoints.map(({ raw: _raw, ...e }) => e) }));
      assert.deepEqual(strip(cla), strip(fromDump), cla.clusterName);
    }
  });
});
