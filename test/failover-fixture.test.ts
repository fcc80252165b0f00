import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { before, describe, it } from 'node:test';
import { changesAnswer } from '../src/core/envoy/issue-kinds.ts';
import { readProxyConfig } from '../src/sources/files.ts';
import { runCli } from './helpers/cli.ts';
import { conformance, fixture, needsConformance } from './helpers/paths.ts';

// fixtures/failover (README there): frontend's sidecar in us-east1-b calls inventory, three pods in
// us-east1-b (10.10.1.31 ejected) and two in us-east1-c. The expected answer is Envoy's, worked out
// in the README from LoadBalancerBase::recalculatePerPriorityState / distributeLoad
// (source/extensions/load_balancing_policies/common/load_balancer_impl.cc): priority 0 health
// min(100, 140 × 2 / 3) = 93 (integer division), priority 1 min(100, 140 × 2 / 2) = 100; the normalized
// availability is 100, so priority 0 takes 93% and priority 1 the remaining 7%, spread evenly over
// each priority's healthy hosts by LEAST_REQUEST with equal weights.

// biome-ignore lint/suspicious/noExplicitAny: the checks walk raw fixture and explain JSON by known paths
type J = Record<string, any>;
const DUMP = fixture('failover', 'config_dump.json');
const ENDPOINTS = fixture('failover', 'endpoints.json');
const CLUSTER = 'outbound|8080||inventory.shop.svc.cluster.local';
// biome-ignore lint/suspicious/noExplicitAny: as above
const json = (file: string): any => JSON.parse(readFileSync(file, 'utf8'));
const section = (d: J, suffix: string): J => d.configs.find((c: J) => String(c['@type']).endsWith(`.${suffix}`)) ?? {};
/** One dynamic resource of a config dump section by name, e.g. a cluster of `dynamic_active_clusters`. */
const resource = (d: J, suffix: string, list: string, key: string, name: string, by = 'name'): J =>
  (section(d, suffix)[list] as J[]).map((x) => x[key]).find((x: J) => x[by] === name);

const EXPECTED: { address: string; priority: number; share: number; ejected: boolean; shareReason: string | null }[] = [
  { address: '10.10.1.31', priority: 0, share: 0, ejected: true, shareReason: 'ejected by outlier detection' },
  { address: '10.10.1.32', priority: 0, share: 0.465, ejected: false, shareReason: null },
  { address: '10.10.1.33', priority: 0, share: 0.465, ejected: false, shareReason: null },
  { address: '10.10.2.41', priority: 1, share: 0.035, ejected: false, shareReason: null },
  { address: '10.10.2.42', priority: 1, share: 0.035, ejected: false, shareReason: null },
];

describe('fixtures/failover: the explain answer (Envoy priority load over Istio locality failover)', () => {
  let result: J;
  before(async () => {
    const r = await runCli(['explain', '--file', DUMP, '--endpoints', ENDPOINTS, 'GET http://inventory.shop:8080/', '-o', 'json']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, '');
    result = JSON.parse(r.stdout);
  });

  it('routes by the default route of the inventory virtual host to its one cluster', () => {
    assert.equal(result.outcome, 'route');
    assert.equal(result.listener, '0.0.0.0_8080');
    assert.equal(result.routeConfig, '8080');
    assert.equal(result.virtualHost, 'inventory.shop.svc.cluster.local:8080');
    assert.deepEqual(result.route, { index: 0, name: 'default' });
    assert.equal(result.virtualService, null);
    assert.equal(result.cluster, CLUSTER);
    assert.equal(result.destinationRule, 'inventory.shop');
  });

  it('gives each endpoint its priority and share (46.5% to each healthy us-east1-b pod, 3.5% to each us-east1-c pod), the ejected one 0% and why', () => {
    const pick = (e: J) => ({ address: e.address, priority: e.priority, share: e.share, ejected: e.ejected, shareReason: e.shareReason });
    assert.deepEqual(result.endpoints.map(pick), EXPECTED);
    assert.ok(Math.abs(result.endpoints.reduce((sum: number, e: J) => sum + e.share, 0) - 1) < 1e-9, 'the shares add up to 1');
  });

  it('heads the load balancing with the 93/7 priority split and explains it by Istio locality failover', () => {
    assert.equal(result.loadBalancing.cluster, CLUSTER);
    assert.equal(result.loadBalancing.policy, 'LEAST_REQUEST');
    assert.equal(result.loadBalancing.headline, 'priority 0 93%, priority 1 7%');
    assert.equal(result.loadBalancing.noHost, 0);
    const summary: string[] = result.loadBalancing.summary;
    assert.ok(summary.some((l) => l.includes('2 of 3 healthy') && l.includes('health 93% → 93% of requests') && l.includes('→ 7% of requests')));
    assert.ok(summary.some((l) => l.startsWith("Istio's locality failover (outlier detection is set)")));
  });

  it('has no caveat that could change the answer', () => {
    assert.deepEqual(result.caveats, []);
  });
});

describe('fixtures/failover: the files themselves', () => {
  const dump = json(DUMP);
  const statuses: J[] = json(ENDPOINTS);
  const cluster = resource(dump, 'ClustersConfigDump', 'dynamic_active_clusters', 'cluster', CLUSTER);
  const cla = resource(dump, 'EndpointsConfigDump', 'dynamic_endpoint_configs', 'endpoint_config', CLUSTER, 'cluster_name');

  it('load with no issue that changes an answer (in fact with none)', async () => {
    const config = await readProxyConfig({ dump: DUMP, endpoints: ENDPOINTS });
    assert.deepEqual(config.issues.value.filter(changesAnswer), []);
    assert.equal(config.issues.value.map((i) => `${i.code}: ${i.message}`).join('\n'), '');
  });

  it('hold the cluster as istiod 1.24 builds it: LEAST_REQUEST, outlier detection, panic threshold 0, no locality weighting', () => {
    assert.equal(cluster.lb_policy, 'LEAST_REQUEST');
    assert.deepEqual(cluster.outlier_detection, {
      consecutive_5xx: 3,
      interval: '10s',
      base_ejection_time: '30s',
      max_ejection_percent: 50,
      enforcing_consecutive_5xx: 100,
      enforcing_success_rate: 0,
    });
    assert.deepEqual(cluster.common_lb_config, { healthy_panic_threshold: {} });
  });

  it("put the proxy's zone at EDS priority 0 and the region's other zone at 1 (applyLocalityFailover)", () => {
    const node = section(dump, 'BootstrapConfigDump').bootstrap.node;
    assert.deepEqual(node.locality, { region: 'us-east1', zone: 'us-east1-b' });
    assert.deepEqual(
      cla.endpoints.map((l: J) => [l.locality.zone, l.priority ?? 0, l.load_balancing_weight, l.lb_endpoints.length]),
      [
        ['us-east1-b', 0, 3, 3],
        ['us-east1-c', 1, 2, 2],
      ],
    );
    assert.deepEqual(cla.policy, { overprovisioning_factor: 140 });
  });

  it('mark only 10.10.1.31 failed_outlier_check in /clusters, hosts listed priority by priority', () => {
    const hosts: J[] = statuses.find((s) => s.name === CLUSTER)!.hostStatuses;
    assert.deepEqual(
      hosts.map((h) => [h.address.socketAddress.address, h.priority ?? 0, h.healthStatus.failedOutlierCheck === true, h.healthStatus.edsHealthStatus]),
      EXPECTED.map((e) => [e.address, e.priority, e.ejected, 'HEALTHY']),
    );
  });

  it('route to the inventory cluster with Istio 1.24 default retry policy (no retriable_status_codes) and no timeout', () => {
    const rc = section(dump, 'RoutesConfigDump')
      .dynamic_route_configs.map((r: J) => r.route_config)
      .find((r: J) => r.name === '8080');
    const vh = rc.virtual_hosts.find((v: J) => v.name === 'inventory.shop.svc.cluster.local:8080');
    assert.deepEqual(vh.domains, ['inventory.shop.svc.cluster.local', 'inventory', 'inventory.shop.svc', 'inventory.shop', '10.96.40.10']);
    const [route] = vh.routes;
    assert.deepEqual([route.name, route.route.cluster, route.route.timeout, route.route.retry_policy.num_retries], ['default', CLUSTER, '0s', 2]);
    assert.equal(route.route.retry_policy.retry_on, 'connect-failure,refused-stream,unavailable,cancelled,retriable-status-codes');
    assert.equal('retriable_status_codes' in route.route.retry_policy, false);
  });

  it("give each EDS endpoint the keys of istioctl's own endpoint test dump", { skip: needsConformance }, () => {
    const real = json(conformance('istioctl-configdump', 'istioctl', 'pkg', 'writer', 'envoy', 'configdump', 'testdata', 'endpoint', 'configdump.json'));
    const realCla = section(real, 'EndpointsConfigDump')
      .dynamic_endpoint_configs.map((e: J) => e.endpoint_config)
      .find((e: J) => String(e.cluster_name).startsWith('outbound|') && e.endpoints?.length);
    const keys = (x: J) => Object.keys(x).sort();
    const realEp = realCla.endpoints[0].lb_endpoints[0];
    for (const l of cla.endpoints)
      for (const ep of l.lb_endpoints) {
        assert.deepEqual(keys(ep), keys(realEp));
        assert.deepEqual(keys(ep.metadata.filter_metadata), keys(realEp.metadata.filter_metadata));
      }
  });
});
