import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { stringify } from 'yaml';
import { objectKey } from '../src/core/config/object-set.ts';
import { type ConfigSet, objectsOf } from '../src/core/config/objects.ts';
import { SnapshotSource } from '../src/sources/snapshot-source.ts';
import { runCli } from './helpers/cli.ts';
import { nodeBinary } from './helpers/fake-istioctl.ts';
import { fakeKubectlScript } from './helpers/fake-kubectl.ts';
import { fixture } from './helpers/paths.ts';
import { tarArchive } from './helpers/snapshot-files.ts';

/**
 * The `cluster/` files of an `istioctl bug-report`, as istio/istio writes them:
 * tools/bug-report/pkg/bugreport/bugreport.go `gatherInfo` → `getFromCluster(content.GetK8sResources |
 * GetCRs | GetSecrets | GetPodInfo, …, archive.ClusterInfoPath(tempDir))`, one file per map key of
 * tools/bug-report/pkg/content/content.go (`k8s-resources`, `k8s-cluster-resources`, `crs`,
 * `secrets`, `pods`), each the stdout of `kubectl get … -o yaml` (a `kind: List`). The items come
 * from the fake kubectl's cluster (the demo's objects with the API server's fields).
 */
const PP = 'productpage-v1-7d6cfb7dfd-4xk2p';
const PAYLOAD = 'c2VjcmV0LWtleS1tYXRlcmlhbC1kby1ub3Qtc2hvdw==';

function clusterItems(types: string[]): Record<string, unknown>[] {
  const out = execFileSync(nodeBinary(), [fakeKubectlScript, 'get', types.join(','), '-A', '-o', 'json'], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH },
  });
  return (JSON.parse(out) as { items: Record<string, unknown>[] }).items;
}

/** `kubectl get … -o yaml` of these items. */
const listYaml = (items: unknown[]) => stringify({ apiVersion: 'v1', items, kind: 'List', metadata: { resourceVersion: '' } });

const replicaSet = (name: string) => ({ apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name, namespace: 'bookinfo' }, spec: { replicas: 1 } });

function bugReportFiles(secretsAsTable: boolean): Record<string, string> {
  const crTypes = [
    'virtualservices.networking.istio.io',
    'destinationrules.networking.istio.io',
    'gateways.networking.istio.io',
    'serviceentries.networking.istio.io',
    'sidecars.networking.istio.io',
    'gateways.gateway.networking.k8s.io',
  ];
  const pods = clusterItems(['pods']);
  const istioPods = pods.filter((p) => (p.metadata as { namespace: string }).namespace === 'istio-system');
  const secret = {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: 'api-example-com-cert', namespace: 'istio-system' },
    type: 'kubernetes.io/tls',
    data: { 'tls.crt': PAYLOAD, 'tls.key': PAYLOAD },
  };
  return {
    [`bug-report/proxies/bookinfo/${PP}/config_dump?include_eds`]: readFileSync(fixture('bookinfo', 'productpage', 'config_dump.json'), 'utf8'),
    'bug-report/cluster/cluster-context': 'kind-bookinfo\nhttps://127.0.0.1:6443\n',
    'bug-report/cluster/crs': listYaml(clusterItems(crTypes)),
    'bug-report/cluster/k8s-resources': listYaml([
      ...clusterItems(['services', 'endpointslices.discovery.k8s.io']),
      ...pods,
      replicaSet('reviews-v1-5896f547f5'),
      replicaSet('reviews-v2-5b667bcbf8'),
    ]),
    'bug-report/cluster/k8s-cluster-resources': listYaml([
      ...clusterItems(['namespaces']),
      { apiVersion: 'admissionregistration.k8s.io/v1', kind: 'MutatingWebhookConfiguration', metadata: { name: 'istio-sidecar-injector' }, webhooks: [] },
    ]),
    'bug-report/cluster/pods': listYaml(istioPods),
    'bug-report/cluster/secrets': secretsAsTable
      ? 'NAMESPACE      NAME                   TYPE                DATA   AGE\nistio-system   api-example-com-cert   kubernetes.io/tls   2      11h\n'
      : listYaml([secret]),
    'bug-report/cluster/events': 'LAST SEEN   TYPE     REASON    OBJECT\n',
  };
}

function writeFolder(root: string, files: Record<string, string>): void {
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    writeFileSync(path.join(root, name), text);
  }
}

const keys = (set: ConfigSet) => set.objects.map(objectKey).sort();

describe("a bug report's Kubernetes resources and Istio CRs (cluster/crs, k8s-resources, …) as objects", () => {
  let dir = '';
  let folder = '';
  let tableFolder = '';
  let archive = '';
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'meshscope-bugreport-objects-'));
    folder = path.join(dir, 'full');
    tableFolder = path.join(dir, 'table');
    const files = bugReportFiles(false);
    writeFolder(folder, files);
    writeFolder(tableFolder, bugReportFiles(true));
    archive = path.join(dir, 'bug-report.tar.gz');
    writeFileSync(archive, gzipSync(tarArchive(Object.entries(files).map(([name, data]) => ({ name, data })))));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('reads every object once, cleaned, with one note for the kinds it does not use', async () => {
    const set = await (await SnapshotSource.open(folder)).objects();
    assert.deepEqual(
      objectsOf(set, 'VirtualService')
        .map((v) => v.metadata.name)
        .sort(),
      ['api', 'bookinfo', 'details', 'ratings', 'reviews', 'reviews-hotfix'],
    );
    assert.deepEqual(
      objectsOf(set, 'KubernetesGateway').map((g) => g.metadata.name),
      ['waypoint'],
    );
    assert.equal(objectsOf(set, 'Service').length, 7);
    // cluster/pods repeats istio-system's pods from k8s-resources: each pod once.
    const pods = objectsOf(set, 'Pod').map(objectKey);
    assert.equal(pods.length, 16);
    assert.equal(new Set(pods).size, pods.length);
    assert.deepEqual(objectsOf(set, 'Namespace').length, 2);
    for (const object of set.objects) {
      const meta = object.raw.metadata as Record<string, unknown>;
      assert.equal(meta.managedFields, undefined);
      assert.equal((meta.annotations as Record<string, unknown> | undefined)?.['kubectl.kubernetes.io/last-applied-configuration'], undefined);
    }
    const [secret] = objectsOf(set, 'Secret');
    assert.deepEqual(secret!.spec, { type: 'kubernetes.io/tls', keys: ['tls.crt', 'tls.key'] });
    assert.ok(!JSON.stringify(set.objects.map((o) => o.raw)).includes(PAYLOAD), 'no Secret payload is kept');
    assert.deepEqual(
      set.problems.map((p) => p.message),
      [
        `${folder}:bug-report/cluster/k8s-resources: not read: 2 ReplicaSet (kinds meshscope does not use)`,
        `${folder}:bug-report/cluster/k8s-cluster-resources: not read: 1 MutatingWebhookConfiguration (kinds meshscope does not use)`,
      ],
    );
    // The proxies are read as before.
    assert.deepEqual((await SnapshotSource.open(folder)).proxyNames(), [`${PP}.bookinfo`]);
  });

  it('reads the same objects from the .tar.gz archive', async () => {
    const fromArchive = await (await SnapshotSource.open(archive)).objects();
    const fromFolder = await (await SnapshotSource.open(folder)).objects();
    assert.deepEqual(keys(fromArchive), keys(fromFolder));
    assert.ok(fromArchive.objects.every((o) => o.origin.file.startsWith(`${archive}:bug-report/cluster/`)));
  });

  it('says that Secrets listed as a table (no --full-secrets) are not read', async () => {
    const set = await (await SnapshotSource.open(tableFolder)).objects();
    assert.deepEqual(objectsOf(set, 'Secret'), []);
    assert.ok(
      set.problems.some(
        (p) =>
          p.message ===
          `${tableFolder}:bug-report/cluster/secrets: Secrets listed as a table (the report was made without --full-secrets); their names and keys are not read`,
      ),
    );
  });

  it('keeps the objects when converted to a snapshot (0600, no Secret payload in the file)', async () => {
    const out = path.join(dir, 'converted.json');
    const r = await runCli(['snapshot', '--snapshot', folder, '-A', '-o', out]);
    assert.equal(r.code, 0, r.stderr);
    const before = await (await SnapshotSource.open(folder)).objects();
    assert.match(r.stderr, new RegExp(`objects: ${before.objects.length} recorded`));
    if (process.platform !== 'win32') assert.equal(statSync(out).mode & 0o777, 0o600);
    const text = readFileSync(out, 'utf8');
    assert.ok(!text.includes(PAYLOAD));
    assert.ok(!text.includes('managedFields') && !text.includes('last-applied-configuration'));
    assert.deepEqual(keys(await (await SnapshotSource.open(out)).objects()), keys(before));
  });
});
