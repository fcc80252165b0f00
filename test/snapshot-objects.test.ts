import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { objectKey } from '../src/core/config/object-set.ts';
import { type ConfigSet, objectsOf } from '../src/core/config/objects.ts';
import { readIntentObjects } from '../src/sources/intent-objects.ts';
import { readLiveObjects } from '../src/sources/kubectl/live-objects.ts';
import { SnapshotSource } from '../src/sources/snapshot-source.ts';
import { runCli } from './helpers/cli.ts';
import { createFakeIstioctl, type FakeIstioctl } from './helpers/fake-istioctl.ts';
import { createFakeKubectl, type FakeKubectl } from './helpers/fake-kubectl.ts';
import { fixture, repoRoot } from './helpers/paths.ts';

const PP = 'productpage-v1-7d6cfb7dfd-4xk2p.bookinfo';
const CONTEXT = 'kind-bookinfo';
const PAYLOAD = 'cGFzc3dvcmQtbm90LWZvci10aGUtc25hcHNob3Q=';
const keys = (set: ConfigSet) => set.objects.map(objectKey).sort();

describe('meshscope snapshot records the objects, and reading it gives them back', () => {
  let istioctl: FakeIstioctl;
  let kubectl: FakeKubectl;
  let dir = '';
  before(() => {
    istioctl = createFakeIstioctl();
    kubectl = createFakeKubectl(istioctl.binDir);
    dir = mkdtempSync(path.join(tmpdir(), 'meshscope-snapshot-objects-'));
  });
  after(() => {
    kubectl.dispose();
    istioctl.dispose();
    rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(() => kubectl.reset());
  const env = () => ({ ...kubectl.env(), ...istioctl.env() });

  it('records the live objects (kubectl with the same --context) in a 0600 file, cleaned, and reads them back', async () => {
    const out = path.join(dir, 'live.json');
    const r = await runCli(['snapshot', PP, '-o', out, '--context', CONTEXT], env());
    assert.equal(r.code, 0, r.stderr);
    const live = await readLiveObjects({ env: env(), cwd: repoRoot, context: CONTEXT });
    assert.match(r.stderr, new RegExp(`^objects: ${live.objects.length} recorded$`, 'm'));
    const calls = kubectl.calls();
    assert.equal(calls[0]!.argv.includes('--context') && calls[0]!.argv[calls[0]!.argv.indexOf('--context') + 1], CONTEXT);
    if (process.platform !== 'win32') assert.equal(statSync(out).mode & 0o777, 0o600);
    const file = JSON.parse(readFileSync(out, 'utf8')) as { objects: Record<string, unknown>[] };
    assert.equal(file.objects.length, live.objects.length);
    const text = JSON.stringify(file.objects);
    assert.ok(!text.includes('managedFields'));
    assert.ok(!text.includes('last-applied-configuration'));
    const back = await (await SnapshotSource.open(out)).objects();
    assert.deepEqual(keys(back), keys(live));
    assert.deepEqual(
      objectsOf(back, 'VirtualService').find((v) => v.metadata.name === 'reviews')!.spec,
      objectsOf(live, 'VirtualService').find((v) => v.metadata.name === 'reviews')!.spec,
    );
  });

  it("records --config objects instead of the cluster's, Secrets without their payload", async () => {
    const secretFile = path.join(dir, 'secret.yaml');
    writeFileSync(
      secretFile,
      `apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\n  namespace: bookinfo\ntype: Opaque\ndata:\n  password: ${PAYLOAD}\nstringData:\n  user: admin-user-plain\n`,
    );
    const out = path.join(dir, 'config.json');
    const r = await runCli(['snapshot', PP, '-o', out, '--config', fixture('bookinfo', 'istio'), '--config', secretFile], env());
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(kubectl.calls(), [], 'kubectl is not run when --config gives the objects');
    const text = readFileSync(out, 'utf8');
    assert.ok(!text.includes(PAYLOAD) && !text.includes('admin-user-plain'), 'no Secret payload in the file');
    if (process.platform !== 'win32') assert.equal(statSync(out).mode & 0o777, 0o600);
    const back = await (await SnapshotSource.open(out)).objects();
    assert.deepEqual(objectsOf(back, 'Secret')[0]!.spec, { type: 'Opaque', keys: ['password', 'user'] });
    assert.equal(objectsOf(back, 'DestinationRule').length, 4);
  });

  it('redacts a private key written into an object itself (a ConfigMap), listing it under .objects', async () => {
    const pem = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
    const body = pem.split('\n')[1]!;
    const file = path.join(dir, 'configmap.json');
    writeFileSync(
      file,
      JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'lua', namespace: 'bookinfo' }, data: { 'signing.pem': pem } }),
    );
    const out = path.join(dir, 'configmap-snapshot.json');
    const r = await runCli(['snapshot', PP, '-o', out, '--config', file], env());
    assert.equal(r.code, 0, r.stderr);
    const text = readFileSync(out, 'utf8');
    assert.ok(!text.includes(body), 'the key is not in the file');
    const redactions = (JSON.parse(text) as { redactions: { kind: string; path: string }[] }).redactions.filter((x) => x.path.startsWith('.objects['));
    assert.deepEqual(
      redactions.map((x) => x.path),
      ['.objects[0].data["signing.pem"]'],
    );
  });

  it('still writes the snapshot when kubectl is missing, saying why the objects are not recorded', async () => {
    const out = path.join(dir, 'nokubectl.json');
    kubectl.dispose();
    try {
      const r = await runCli(['snapshot', PP, '-o', out], istioctl.env());
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stderr, /^objects: not recorded: kubectl not found on PATH; install it or give --config$/m);
      const snapshot = JSON.parse(readFileSync(out, 'utf8')) as Record<string, unknown>;
      assert.equal(snapshot.objects, undefined);
      assert.deepEqual(await (await SnapshotSource.open(out)).objects(), { objects: [], problems: [] });
    } finally {
      kubectl = createFakeKubectl(istioctl.binDir);
    }
  });

  it('reads a snapshot written before objects were recorded as no objects', async () => {
    // The demo snapshot without its objects field, as snapshots were written before objects were recorded.
    const demo = JSON.parse(gunzipSync(readFileSync(fixture('snapshots', 'bookinfo.json.gz'))).toString('utf8')) as Record<string, unknown>;
    delete demo.objects;
    const old = path.join(dir, 'before-objects.json');
    writeFileSync(old, JSON.stringify(demo));
    const source = await SnapshotSource.open(old);
    assert.equal(source.snapshot.objects, undefined);
    assert.deepEqual(await source.objects(), { objects: [], problems: [] });
  });

  it('the demo snapshot holds the objects of fixtures/bookinfo/istio, the PeerAuthentication and AuthorizationPolicy among them', async () => {
    const objects = await (await SnapshotSource.open(fixture('snapshots', 'bookinfo.json.gz'))).objects();
    assert.deepEqual(
      objectsOf(objects, 'PeerAuthentication').map((o) => [o.metadata.namespace, o.metadata.name, o.spec.mtls]),
      [['bookinfo', 'default', { mode: 'STRICT' }]],
    );
    assert.deepEqual(
      objectsOf(objects, 'AuthorizationPolicy').map((o) => o.metadata.name),
      ['details-viewer'],
    );
    const ratings = objectsOf(objects, 'DestinationRule').find((o) => o.metadata.name === 'ratings')!;
    assert.deepEqual((ratings.spec as { trafficPolicy?: { tls?: unknown } }).trafficPolicy?.tls, { mode: 'DISABLE' });
  });

  it('refuses a snapshot whose objects field is not a list', async () => {
    const bad = path.join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ format: 'meshscope-snapshot', version: 2, proxies: {}, objects: { a: 1 } }));
    await assert.rejects(SnapshotSource.open(bad), /field "objects" must be a list of Kubernetes objects/);
  });
});

describe('readIntentObjects: --config, then the snapshot, then the cluster', () => {
  let kubectl: FakeKubectl;
  let dir = '';
  before(() => {
    kubectl = createFakeKubectl();
    dir = mkdtempSync(path.join(tmpdir(), 'meshscope-intent-'));
  });
  after(() => {
    kubectl.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('lets a --config file win over the same object from the cluster, and notes it', async () => {
    const file = path.join(dir, 'reviews.yaml');
    writeFileSync(
      file,
      'apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: reviews\n  namespace: bookinfo\nspec:\n  hosts: [reviews]\n  http:\n  - route:\n    - destination: {host: reviews, subset: v3}\n',
    );
    const set = await readIntentObjects({ configPaths: [file], live: { env: kubectl.env(), cwd: repoRoot, context: CONTEXT } });
    const reviews = objectsOf(set, 'VirtualService').filter((v) => v.metadata.name === 'reviews');
    assert.equal(reviews.length, 1);
    assert.equal(reviews[0]!.origin.file, file);
    assert.ok(
      set.problems.some((p) => p.message === `VirtualService bookinfo/reviews from kubectl (context ${CONTEXT}) is not used: ${file} gives it too, and wins`),
    );
    assert.ok(objectsOf(set, 'Pod').length > 0, 'the rest comes from the cluster');
  });

  it("puts a snapshot's objects before the cluster's", async () => {
    const live = await readLiveObjects({ env: kubectl.env(), cwd: repoRoot, context: CONTEXT });
    const older = {
      objects: live.objects.filter((o) => o.kind === 'Service').map((o) => ({ ...o, origin: { file: 'old.json objects', document: 1 } })),
      problems: [],
    };
    const set = await readIntentObjects({ configPaths: [], snapshotObjects: older, live: { env: kubectl.env(), cwd: repoRoot, context: CONTEXT } });
    assert.ok(objectsOf(set, 'Service').every((s) => s.origin.file === 'old.json objects'));
    assert.deepEqual(keys(set), keys(live));
  });

  it('gives nothing when nothing is given', async () => {
    assert.deepEqual(await readIntentObjects({ configPaths: [] }), { objects: [], problems: [] });
  });
});
