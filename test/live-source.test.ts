import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { UsageError } from '../src/core/errors.ts';
import { IstioctlError } from '../src/sources/istioctl/istioctl-error.ts';
import { createLiveSource, type LiveSourceOptions } from '../src/sources/istioctl/live-source.ts';
import { createFakeIstioctl, type FakeIstioctl } from './helpers/fake-istioctl.ts';

const PRODUCTPAGE = 'productpage-v1-7d6cfb7dfd-4xk2p.bookinfo';
const GATEWAY = 'istio-ingressgateway-6b8f4c7d9b-wq5tz.istio-system';

async function rejection(promise: Promise<unknown>): Promise<IstioctlError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof IstioctlError, String(error));
    assert.equal(error.exitCode, 3);
    assert.ok(!error.message.includes('\n'), error.message);
    return error;
  }
  assert.fail('resolved');
}

describe('live source through istioctl', { timeout: 30_000 }, () => {
  let fake: FakeIstioctl;
  const source = (settings: Record<string, string> = {}, options: Partial<LiveSourceOptions> = {}) =>
    createLiveSource({ env: fake.env(settings), cwd: fake.stateDir, ...options });
  const commands = () => fake.calls().map((c) => c.argv.join(' '));

  before(() => {
    fake = createFakeIstioctl();
  });
  after(() => fake.dispose());
  beforeEach(() => fake.reset());

  it('lists every proxy of proxy-status -o json, one document per istiod', async () => {
    const proxies = await source().listProxies();
    assert.equal(proxies.length, 12);
    const gateway = proxies.find((p) => p.name === GATEWAY);
    assert.equal(gateway?.proxyType, 'router');
    assert.deepEqual(commands(), ['proxy-status -o json']);
  });

  it('loads a proxy from proxy-config all and proxy-config endpoints, with the time it was fetched', async () => {
    const live = source({}, { now: () => 1_700_000_000_000 });
    const { config, fetchedAt } = await live.proxyConfig(PRODUCTPAGE);
    assert.equal(fetchedAt, 1_700_000_000_000);
    assert.equal(config.source, PRODUCTPAGE);
    assert.equal(config.node?.podName, 'productpage-v1-7d6cfb7dfd-4xk2p');
    const v1 = config.index.hostStatusByCluster.get('outbound|9080|v1|reviews.bookinfo.svc.cluster.local');
    assert.ok(
      v1?.hosts.some((h) => h.outlierEjected),
      'the ejected reviews-v1 host comes from /clusters',
    );
    assert.deepEqual(commands().sort(), [`proxy-config all ${PRODUCTPAGE} -o json`, `proxy-config endpoints ${PRODUCTPAGE} -o json`]);
    assert.equal((await live.dumpText(PRODUCTPAGE)).startsWith('{'), true);
  });

  it('fetches a config dump once per proxy until refresh or maxAgeMs', async () => {
    let now = 0;
    const live = source({}, { now: () => now, maxAgeMs: 60_000 });
    await live.proxyConfig(PRODUCTPAGE);
    now = 30_000;
    assert.equal((await live.proxyConfig(PRODUCTPAGE)).fetchedAt, 0);
    assert.equal(fake.calls().length, 2);
    live.refresh(PRODUCTPAGE);
    assert.equal((await live.proxyConfig(PRODUCTPAGE)).fetchedAt, 30_000);
    now = 100_000;
    assert.equal((await live.proxyConfig(PRODUCTPAGE)).fetchedAt, 100_000);
    assert.equal(fake.calls().filter((c) => c.argv[1] === 'all').length, 3);
  });

  it('shares one fetch between callers asking for the same proxy at once', async () => {
    const live = source();
    const [a, b] = await Promise.all([live.proxyConfig(PRODUCTPAGE), live.proxyConfig(PRODUCTPAGE)]);
    assert.equal(a.config, b.config);
    assert.equal(fake.calls().filter((c) => c.argv[1] === 'all').length, 1);
  });

  it('names a bare pod with --namespace and refuses names that could reach istioctl as flags', async () => {
    const live = source({}, { namespace: 'bookinfo' });
    assert.equal(live.proxyName('productpage-v1-7d6cfb7dfd-4xk2p'), PRODUCTPAGE);
    assert.equal(live.proxyName(`pod/${PRODUCTPAGE}`), PRODUCTPAGE);
    await assert.rejects(live.proxyConfig('--kubeconfig=/etc/shadow'), UsageError);
    assert.equal(fake.calls().length, 0);
  });

  it('passes --context, --kubeconfig, --istioNamespace and KUBECONFIG through to istioctl', async () => {
    const kubeconfig = path.join(fake.stateDir, 'kubeconfig');
    writeFileSync(kubeconfig, 'apiVersion: v1\n');
    const live = source({ KUBECONFIG: '/home/me/.kube/other' }, { context: 'kind-bookinfo', kubeconfig, istioNamespace: 'istio-system' });
    assert.equal(live.label, 'kube context kind-bookinfo');
    await live.listProxies();
    const [call] = fake.calls();
    assert.deepEqual(call!.argv, ['proxy-status', '-o', 'json', '--context', 'kind-bookinfo', '--kubeconfig', kubeconfig, '--istioNamespace', 'istio-system']);
    assert.equal(call!.kubeconfig, '/home/me/.kube/other');
  });

  it('says when istiod cannot be found in the Istio namespace', async () => {
    const error = await rejection(source({}, { istioNamespace: 'istio-control' }).listProxies());
    assert.equal(error.failure, 'istiod-unreachable');
    assert.equal(
      error.message,
      'cannot reach istiod (istioctl: no running Istio pods in "istio-control"); is Istio installed there, and is -i/--istioNamespace right?',
    );
  });

  it('reads analyzer messages for a namespace (-n) or all namespaces (-A)', async () => {
    const live = source();
    const messages = await live.analyze('bookinfo');
    assert.ok(messages.some((m) => m.code === 'IST0173' && m.level === 'Error'));
    assert.deepEqual(await live.analyze('default'), []);
    assert.ok((await live.analyze(undefined)).length > 0);
    assert.deepEqual(commands(), ['analyze -n bookinfo -o json', 'analyze -n default -o json', 'analyze -A -o json']);
    const missing = await rejection(live.analyze('nope'));
    assert.equal(missing.failure, 'namespace-not-found');
  });

  it('reads Envoy stats whose counters grow between calls', async () => {
    let now = 1000;
    const live = source({}, { now: () => now });
    const first = await live.stats(PRODUCTPAGE);
    now = 6000;
    const second = await live.stats(PRODUCTPAGE);
    const total = 'cluster.outbound|9080|v1|reviews.bookinfo.svc.cluster.local;.upstream_rq_total';
    assert.ok(second.counters[total]! > first.counters[total]!, 'upstream_rq_total grows');
    assert.equal(second.fetchedAt - first.fetchedAt, 5000);
    assert.equal(first.gauges['cluster.outbound|9080|v1|reviews.bookinfo.svc.cluster.local;.outlier_detection.ejections_active'], 1);
    assert.equal(first.counters['cluster.outbound|9080|v1|reviews.bookinfo.svc.cluster.local;.outlier_detection.ejections_active'], undefined);
    assert.equal(first.counters['cluster_manager.cds.version_text'], undefined, 'text readouts are not numbers');
    assert.equal(first.histograms['cluster.outbound|9080|v1|reviews.bookinfo.svc.cluster.local;.upstream_rq_time']?.P50, 7);
    assert.deepEqual(first.histograms['cluster.xds-grpc.upstream_cx_length_ms'], {});
  });

  it('reads /clusters host state from envoy-stats --type clusters', async () => {
    const { hostStatus } = await source().clusterStats(GATEWAY);
    assert.ok(hostStatus.length > 0);
    assert.deepEqual(commands(), [`x envoy-stats ${GATEWAY} --type clusters -o json`]);
  });

  it('reads istioctl version -o json', async () => {
    const versions = await source().version();
    assert.equal(versions.client, '1.29.0');
    assert.deepEqual(
      versions.controlPlane.map((c) => c.version),
      ['1.24.2'],
    );
    // One data-plane entry per pod the fake serves (the eight captures of fixtures/bookinfo).
    assert.equal(versions.dataPlane.length, 8);
  });

  it('says that an older istioctl cannot list proxies, and still loads a named one', async () => {
    const live = source({ FAKE_ISTIOCTL_VERSION: '1.24.2' });
    const error = await rejection(live.listProxies());
    assert.equal(error.failure, 'unsupported');
    assert.match(error.message, /cannot list proxies as JSON .*unknown shorthand flag: 'o' in -o.*POD\.NAMESPACE/);
    assert.equal((await live.proxyConfig(PRODUCTPAGE)).config.source, PRODUCTPAGE);
  });

  it('keeps the config when only /clusters fails, and says what is missing', async () => {
    const live = source({
      FAKE_ISTIOCTL_MODE: 'fail',
      FAKE_ISTIOCTL_ONLY: 'proxy-config endpoint',
      FAKE_ISTIOCTL_STDERR: 'Error: failed to execute command on Envoy: EOF',
    });
    const { config } = await live.proxyConfig(PRODUCTPAGE);
    assert.equal(config.hostStatus.length, 0);
    const partial = config.issues.value.find((i) => i.code === 'source-partial');
    assert.match(partial?.message ?? '', /endpoint health and outlier ejection unknown: .*proxy-config endpoints/);
  });

  it('runs at most 4 istioctl processes at once', async () => {
    const live = source({ FAKE_ISTIOCTL_MODE: 'slow', FAKE_ISTIOCTL_DELAY_MS: '300' });
    const seen: number[] = [];
    const timer = setInterval(() => seen.push(live.inFlight), 10);
    await Promise.all(Array.from({ length: 8 }, () => live.stats(GATEWAY)));
    clearInterval(timer);
    const calls = fake.calls();
    assert.equal(calls.length, 8);
    const overlap = Math.max(...calls.map((c) => calls.filter((d) => d.start <= c.start && (d.end ?? Infinity) > c.start).length));
    assert.ok(overlap <= 4, `at most 4 overlapping runs, saw ${overlap}`);
    assert.equal(Math.max(...seen), 4);
  });

  it('rejects output over the size limit with a clear message', async () => {
    const error = await rejection(source({}, { maxOutput: 64 * 1024 }).proxyConfig(PRODUCTPAGE));
    assert.equal(error.failure, 'too-large');
    assert.match(error.message, /printed more than 64 KiB; save its output to a file and use --file/);
  });
});
