import assert from 'node:assert/strict';
import { chmodSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { createLiveSource, type LiveSourceOptions } from '../src/sources/istioctl/live-source.ts';
import { createFakeIstioctl, emptyBinDir, eventually, type FakeIstioctl, isRunning, istioctlFailure } from './helpers/fake-istioctl.ts';

const PRODUCTPAGE = 'productpage-v1-7d6cfb7dfd-4xk2p.bookinfo';

describe('istioctl calls that stop: timeout, cancellation, not installed', { timeout: 30_000 }, () => {
  let fake: FakeIstioctl;
  const source = (settings: Record<string, string> = {}, options: Partial<LiveSourceOptions> = {}) =>
    createLiveSource({ env: fake.env(settings), cwd: fake.stateDir, ...options });
  const started = () => eventually(() => fake.calls().length > 0);

  before(() => {
    fake = createFakeIstioctl();
  });
  after(() => fake.dispose());
  beforeEach(() => fake.reset());

  it('gives up after the timeout, says which call and how to raise it, and leaves no process', async () => {
    const error = await istioctlFailure(source({ FAKE_ISTIOCTL_MODE: 'hang' }, { timeoutMs: 800 }).analyze('bookinfo'));
    assert.equal(error.failure, 'timeout');
    assert.equal(error.message, 'istioctl analyze -n bookinfo -o json did not answer within 800ms; raise --timeout');
    // (On a loaded machine the fake may not have started within the timeout; then nothing can be left.)
    assert.ok(fake.calls().every((c) => !isRunning(c.pid)));
  });

  it('cancels a call when its signal aborts, and the istioctl process is gone when the promise settles', async () => {
    const controller = new AbortController();
    const pending = source({ FAKE_ISTIOCTL_MODE: 'hang' }).stats(PRODUCTPAGE, controller.signal);
    assert.ok(await started());
    const { pid } = fake.calls()[0]!;
    assert.equal(isRunning(pid), true);
    controller.abort();
    const error = await istioctlFailure(pending);
    assert.equal(error.failure, 'canceled');
    assert.equal(isRunning(pid), false);
  });

  it('stops both istioctl processes of a config fetch when the last caller leaves', async () => {
    const live = source({ FAKE_ISTIOCTL_MODE: 'hang' });
    const first = new AbortController();
    const second = new AbortController();
    const a = live.proxyConfig(PRODUCTPAGE, first.signal);
    const b = live.proxyConfig(PRODUCTPAGE, second.signal);
    assert.ok(await eventually(() => fake.calls().length === 2));
    first.abort();
    assert.equal((await istioctlFailure(a)).failure, 'canceled');
    assert.ok(
      fake.calls().every((c) => isRunning(c.pid)),
      'still fetching for the other caller',
    );
    second.abort();
    assert.equal((await istioctlFailure(b)).failure, 'canceled');
    assert.ok(fake.calls().every((c) => !isRunning(c.pid)));
  });

  it('close() cancels what is running', async () => {
    const live = source({ FAKE_ISTIOCTL_MODE: 'hang' });
    const pending = live.listProxies();
    assert.ok(await started());
    live.close();
    assert.equal((await istioctlFailure(pending)).failure, 'canceled');
    assert.equal(isRunning(fake.calls()[0]!.pid), false);
  });

  it('says how to install istioctl when it is not on PATH', async () => {
    const dir = emptyBinDir();
    try {
      const error = await istioctlFailure(createLiveSource({ env: { PATH: dir } }).listProxies());
      assert.equal(error.failure, 'not-installed');
      assert.match(error.message, /^istioctl not found on PATH; install it \(curl -L https:\/\/istio\.io\/downloadIstio \| sh -.*or pass --istioctl PATH$/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('runs --istioctl PATH instead of PATH, and names it when it is missing or not executable', async () => {
    const live = createLiveSource({ env: fake.env({ PATH: '' }), istioctl: path.join(fake.binDir, 'istioctl') });
    assert.equal((await live.listProxies()).length, 12);
    const missing = await istioctlFailure(createLiveSource({ env: {}, istioctl: '/nonexistent/istioctl' }).listProxies());
    assert.equal(missing.message, '--istioctl /nonexistent/istioctl: no such file');
    const plain = path.join(fake.stateDir, 'istioctl');
    writeFileSync(plain, '#!/bin/sh\n');
    chmodSync(plain, 0o644);
    const notExecutable = await istioctlFailure(createLiveSource({ env: {}, cwd: fake.stateDir, istioctl: 'istioctl' }).listProxies());
    assert.match(notExecutable.message, /^--istioctl istioctl: is not executable/);
  });
});
