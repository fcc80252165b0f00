import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { objectKey } from '../src/core/config/object-set.ts';
import { type ConfigSet, objectsOf } from '../src/core/config/objects.ts';
import { readConfigPaths } from '../src/sources/config-files.ts';
import { KubectlError } from '../src/sources/kubectl/kubectl-error.ts';
import { KUBECTL_NOT_FOUND, readLiveObjects } from '../src/sources/kubectl/live-objects.ts';
import { LIVE_RESOURCE_TYPES } from '../src/sources/kubectl/resource-types.ts';
import { emptyBinDir } from './helpers/fake-istioctl.ts';
import { createFakeKubectl, type FakeKubectl } from './helpers/fake-kubectl.ts';
import { fixture, repoRoot } from './helpers/paths.ts';

const CONTEXT = 'kind-bookinfo';
const ALL_TYPES = LIVE_RESOURCE_TYPES.join(',');

async function kubectlFailure(promise: Promise<unknown>): Promise<KubectlError> {
  try {
    await promise;
  } catch (error) {
    if (!(error instanceof KubectlError)) throw new Error(`expected a KubectlError, got ${String(error)}`);
    return error;
  }
  throw new Error('expected a KubectlError, the call resolved');
}

const keys = (set: ConfigSet, kinds: string[]) =>
  set.objects
    .filter((o) => kinds.includes(o.kind))
    .map(objectKey)
    .sort();

describe('live objects through kubectl get … -A -o json (test/fake-kubectl)', () => {
  let fake: FakeKubectl;
  before(() => {
    fake = createFakeKubectl();
  });
  after(() => fake.dispose());
  beforeEach(() => fake.reset());
  const read = (settings: Record<string, string> = {}, extra: { context?: string; kubeconfig?: string; timeoutMs?: number; signal?: AbortSignal } = {}) =>
    readLiveObjects({ env: fake.env({ KUBECONFIG: '/tmp/meshscope-test-kubeconfig', ...settings }), cwd: repoRoot, context: CONTEXT, ...extra });

  it('lists every type in one call with -A -o json and --context, KUBECONFIG inherited, and reads the List', async () => {
    const set = await read();
    const calls = fake.calls();
    assert.equal(calls.length, 1);
    assert.deepEqual(calls[0]!.argv, ['get', ALL_TYPES, '-A', '-o', 'json', '--context', CONTEXT]);
    assert.equal(calls[0]!.kubeconfig, '/tmp/meshscope-test-kubeconfig');
    assert.deepEqual(set.problems, []);
    // The Istio and Gateway API objects are the demo's files, as applied.
    const files = await readConfigPaths([fixture('bookinfo', 'istio')]);
    const istioKinds = ['VirtualService', 'DestinationRule', 'Gateway', 'ServiceEntry', 'Sidecar', 'KubernetesGateway'];
    assert.deepEqual(keys(set, istioKinds), keys(files, istioKinds));
    assert.deepEqual(
      objectsOf(set, 'Service')
        .map((s) => `${s.metadata.namespace}/${s.metadata.name}=${String(s.spec.clusterIP)}`)
        .filter((s) => s.startsWith('bookinfo/')),
      [
        'bookinfo/api=10.96.77.23',
        'bookinfo/details=10.96.18.205',
        'bookinfo/productpage=10.96.142.37',
        'bookinfo/ratings=10.96.224.11',
        'bookinfo/reviews=10.96.61.148',
      ],
    );
    assert.equal(objectsOf(set, 'Service').find((s) => s.metadata.name === 'reviews')!.metadata.labels['istio.io/use-waypoint'], 'waypoint');
    assert.ok(
      objectsOf(set, 'Pod').some((p) => p.metadata.name === 'productpage-v1-7d6cfb7dfd-4xk2p' && (p.status as { podIP?: string }).podIP === '10.244.1.12'),
    );
    assert.deepEqual(
      objectsOf(set, 'Namespace').map((n) => n.metadata.name),
      ['bookinfo', 'istio-system'],
    );
    assert.equal(objectsOf(set, 'EndpointSlice').length, objectsOf(set, 'Service').length);
    for (const object of set.objects) {
      const meta = object.raw.metadata as Record<string, unknown>;
      assert.equal(meta.managedFields, undefined, objectKey(object));
      assert.equal(
        (meta.annotations as Record<string, unknown> | undefined)?.['kubectl.kubernetes.io/last-applied-configuration'],
        undefined,
        objectKey(object),
      );
    }
  });

  it('passes --kubeconfig through', async () => {
    await read({}, { kubeconfig: '/etc/kube/prod.yaml' });
    assert.deepEqual(fake.calls()[0]!.argv.slice(-4), ['--context', CONTEXT, '--kubeconfig', '/etc/kube/prod.yaml']);
  });

  it('retries without the Gateway API types when their CRDs are not installed, and says so', async () => {
    const missing = ['httproutes.gateway.networking.k8s.io', 'grpcroutes.gateway.networking.k8s.io', 'gateways.gateway.networking.k8s.io'];
    const set = await read({ FAKE_KUBECTL_MISSING: missing.join(',') });
    const calls = fake.calls();
    assert.equal(calls.length, 4, 'one call, then one retry per missing type');
    const last = calls.at(-1)!.argv[1]!.split(',');
    for (const type of missing) assert.ok(!last.includes(type), type);
    assert.ok(last.includes('gateways.networking.istio.io'));
    assert.deepEqual(
      set.problems.map((p) => p.message),
      missing.map((t) => `kubectl (context ${CONTEXT}): the cluster has no ${t} (its CRD is not installed); none read`),
    );
    assert.deepEqual(objectsOf(set, 'KubernetesGateway'), []);
    assert.deepEqual(
      objectsOf(set, 'Gateway').map((g) => g.metadata.name),
      ['api-gateway', 'bookinfo-gateway'],
    );
  });

  it('tells the two "gateways" apart: Istio\'s missing, the Gateway API\'s kept', async () => {
    const set = await read({ FAKE_KUBECTL_MISSING: 'gateways.networking.istio.io' });
    assert.deepEqual(
      set.problems.map((p) => p.message),
      [`kubectl (context ${CONTEXT}): the cluster has no gateways.networking.istio.io (its CRD is not installed); none read`],
    );
    assert.deepEqual(
      objectsOf(set, 'KubernetesGateway').map((g) => g.metadata.name),
      ['waypoint'],
    );
    assert.deepEqual(objectsOf(set, 'Gateway'), []);
    const last = fake.calls().at(-1)!.argv[1]!.split(',');
    assert.ok(last.includes('gateways.gateway.networking.k8s.io') && !last.includes('gateways.networking.istio.io'));
  });

  it('keeps what RBAC lets it list and notes each refused type', async () => {
    const set = await read({ FAKE_KUBECTL_FORBID: 'authorizationpolicies.security.istio.io,pods' });
    assert.deepEqual(objectsOf(set, 'Pod'), []);
    assert.ok(objectsOf(set, 'VirtualService').length > 0);
    assert.deepEqual(
      set.problems.map((p) => p.message),
      [
        `kubectl (context ${CONTEXT}): not allowed to list authorizationpolicies.security.istio.io (RBAC); none read`,
        `kubectl (context ${CONTEXT}): not allowed to list pods (RBAC); none read`,
      ],
    );
  });

  const failures: { name: string; settings: Record<string, string>; context?: string; failure: string; message: RegExp }[] = [
    {
      name: 'expired credentials (Unauthorized)',
      settings: { FAKE_KUBECTL_MODE: 'unauthorized' },
      failure: 'forbidden',
      message: /^the cluster refused access \(kubectl: You must be logged in to the server \(Unauthorized\)\); check your credentials and RBAC/,
    },
    {
      name: 'every type forbidden',
      settings: { FAKE_KUBECTL_FORBID: ALL_TYPES },
      failure: 'forbidden',
      message:
        /^the cluster refused access \(kubectl: Error from server \(Forbidden\): endpointslices\.discovery\.k8s\.io is forbidden: User "jane@example\.com"/,
    },
    {
      name: 'an API server that refuses connections (the klog lines are not quoted)',
      settings: { FAKE_KUBECTL_MODE: 'unreachable' },
      failure: 'cluster-unreachable',
      message:
        /^cannot reach the Kubernetes cluster \(kubectl: The connection to the server 127\.0\.0\.1:6443 was refused - did you specify the right host or port\?\); check --context, KUBECONFIG and your network$/,
    },
    {
      name: 'a context the kubeconfig does not have',
      settings: {},
      context: 'prod-eu',
      failure: 'context-not-found',
      message: /^kube context prod-eu not found in the kubeconfig; list them with `kubectl config get-contexts` and give --context NAME$/,
    },
  ];
  for (const c of failures) {
    it(`fails with one line (exit 3) on ${c.name}`, async () => {
      const error = await kubectlFailure(read(c.settings, c.context ? { context: c.context } : {}));
      assert.equal(error.failure, c.failure);
      assert.equal(error.exitCode, 3);
      assert.match(error.message, c.message);
      assert.ok(!error.message.includes('\n'));
    });
  }

  it('says how to go on when kubectl is not on PATH', async () => {
    const error = await kubectlFailure(readLiveObjects({ env: { PATH: emptyBinDir() }, cwd: repoRoot }));
    assert.equal(error.failure, 'not-installed');
    assert.equal(error.message, KUBECTL_NOT_FOUND);
    assert.equal(error.message, 'kubectl not found on PATH; install it or give --config');
  });

  it('stops a kubectl that does not answer at the timeout', async () => {
    const error = await kubectlFailure(read({ FAKE_KUBECTL_MODE: 'hang' }, { timeoutMs: 400 }));
    assert.equal(error.failure, 'timeout');
    assert.match(error.message, /^kubectl get .* did not answer within 400ms; raise --timeout$/);
  });

  it('stops when cancelled', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 150);
    const started = Date.now();
    const error = await kubectlFailure(read({ FAKE_KUBECTL_MODE: 'hang' }, { signal: controller.signal, timeoutMs: 20_000 }));
    assert.equal(error.failure, 'canceled');
    assert.ok(Date.now() - started < 5000);
  });
});
