import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { runCli } from './helpers/cli.ts';
import { createFakeIstioctl, type FakeIstioctl } from './helpers/fake-istioctl.ts';
import { createFakeKubectl, type FakeKubectl } from './helpers/fake-kubectl.ts';

/**
 * The intent section from every source of objects: live (kubectl beside istioctl, with the same
 * --context), and a snapshot that recorded them. The fake kubectl serves fixtures/bookinfo/istio
 * (the demo's objects, including reviews-hotfix, created after reviews).
 */
const PP = 'productpage-v1-7d6cfb7dfd-4xk2p.bookinfo';
const CONTEXT = 'kind-bookinfo';

describe('intent from the cluster and from snapshots (CLI)', () => {
  let istioctl: FakeIstioctl;
  let kubectl: FakeKubectl;
  let dir = '';
  before(() => {
    istioctl = createFakeIstioctl();
    kubectl = createFakeKubectl(istioctl.binDir);
    dir = mkdtempSync(path.join(tmpdir(), 'meshscope-intent-sources-'));
  });
  after(() => {
    kubectl.dispose();
    istioctl.dispose();
    rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(() => kubectl.reset());
  const env = (settings: Record<string, string> = {}) => ({ ...kubectl.env(settings), ...istioctl.env() });

  it('live explain --intent reads the objects with kubectl on the same context', async () => {
    const r = await runCli(['explain', PP, '--context', CONTEXT, '--intent', 'GET http://reviews:9080/'], env());
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /✓ {2}VirtualService bookinfo\/reviews +applied \(decided this request\)/);
    assert.match(r.stdout, /✗ {2}VirtualService bookinfo\/reviews-hotfix +older-wins/);
    const calls = kubectl.calls();
    assert.equal(calls.length, 1);
    assert.ok(calls[0]!.argv.includes('--context') && calls[0]!.argv.includes(CONTEXT), calls[0]!.argv.join(' '));
  });

  it('live explain without --intent never runs kubectl', async () => {
    const r = await runCli(['explain', PP, '--context', CONTEXT, 'GET http://reviews:9080/'], env());
    assert.equal(r.code, 0, r.stderr);
    assert.doesNotMatch(r.stdout, /Istio config for this request/);
    assert.equal(kubectl.calls().length, 0);
  });

  it('intent HOST POD.NS reads the cluster by itself; a kubectl failure is one line, exit 3', async () => {
    const ok = await runCli(['intent', 'ratings:9080', PP, '--context', CONTEXT, '-o', 'json'], env());
    assert.equal(ok.code, 0, ok.stderr);
    const j = JSON.parse(ok.stdout) as { intent: { kind: string; name: string; applies: boolean; notes: { code: string; message: string }[] }[] };
    const dr = j.intent.find((v) => v.kind === 'DestinationRule' && v.name === 'ratings')!;
    // The demo's ratings-v3 pod (rolled out, not Ready) matches no subset of ratings' DestinationRule.
    assert.ok(
      dr.notes.some((n) => n.code === 'pod-matches-no-subset' && /ratings-v3-/.test(n.message)),
      JSON.stringify(dr.notes),
    );
    const bad = await runCli(['intent', 'ratings:9080', PP, '--context', CONTEXT], env({ FAKE_KUBECTL_MODE: 'unauthorized' }));
    assert.equal(bad.code, 3, bad.stderr);
    assert.equal(bad.stderr.trim().split('\n').length, 1, bad.stderr);
  });

  it('a snapshot records the objects, and explain --snapshot adds the section by itself', async () => {
    const snap = path.join(dir, 'snap.json');
    const s = await runCli(['snapshot', PP, '-o', snap, '--context', CONTEXT], env());
    assert.equal(s.code, 0, s.stderr);
    const r = await runCli(['explain', '--snapshot', snap, '--from', PP, '-o', 'markdown', 'GET http://reviews:9080/']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^### Istio config for this request$/m);
    assert.match(r.stdout, /`bookinfo\/reviews-hotfix` \| `older-wins`/);
  });
});
