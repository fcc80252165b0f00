import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { after, beforeEach, describe, it } from 'node:test';
import { createLiveSource } from '../src/sources/istioctl/live-source.ts';
import { spawnMeshscope } from './helpers/cli-process.ts';
import { createFakeIstioctl, eventually, type FakeIstioctl, type FakeWrapper, isRunning, istioctlFailure } from './helpers/fake-istioctl.ts';

const PRODUCTPAGE = 'productpage-v1-7d6cfb7dfd-4xk2p.bookinfo';

/**
 * istioctl installed as a wrapper script (asdf, mise and other version managers put a shell shim
 * on PATH that runs the real binary as its child): a timeout, a cancellation and meshscope's own
 * exit must stop the shim's children too, and a child the shim leaves in the background holding
 * the output pipe must not keep the call open.
 */

function backgroundPid(fake: FakeIstioctl): number | undefined {
  const file = path.join(fake.stateDir, 'background.pid');
  return existsSync(file) ? Number(readFileSync(file, 'utf8').trim()) : undefined;
}

for (const wrapper of ['child', 'background'] as FakeWrapper[]) {
  describe(`istioctl as a wrapper script (${wrapper})`, { timeout: 40_000 }, () => {
    const fake = createFakeIstioctl(wrapper);
    const source = (settings: Record<string, string> = {}, timeoutMs = 20_000) => createLiveSource({ env: fake.env(settings), cwd: fake.stateDir, timeoutMs });
    beforeEach(() => fake.reset());
    after(() => fake.dispose());

    it('times out at the timeout, not when the wrapper gives up, and leaves no process', async () => {
      const started = Date.now();
      const error = await istioctlFailure(source({ FAKE_ISTIOCTL_MODE: 'hang' }, 1000).analyze('bookinfo'));
      const elapsed = Date.now() - started;
      assert.equal(error.failure, 'timeout');
      assert.match(error.message, /did not answer within 1s/);
      assert.ok(elapsed < 4000, `ended after ${elapsed} ms`);
      assert.ok(await eventually(() => fake.calls().every((c) => !isRunning(c.pid)), 3000), 'the fake is gone');
      const bg = backgroundPid(fake);
      if (bg !== undefined) assert.ok(await eventually(() => !isRunning(bg), 3000), 'the background child is gone');
    });

    it('cancels the whole group when the signal aborts', async () => {
      const controller = new AbortController();
      const pending = source({ FAKE_ISTIOCTL_MODE: 'hang' }).analyze('bookinfo', controller.signal);
      assert.ok(await eventually(() => fake.calls().length > 0, 10_000));
      controller.abort();
      const error = await istioctlFailure(pending);
      assert.equal(error.failure, 'canceled');
      assert.ok(await eventually(() => fake.calls().every((c) => !isRunning(c.pid)), 3000));
    });

    it('answers as soon as istioctl has answered, whatever the wrapper leaves behind', async () => {
      const started = Date.now();
      const messages = await source().analyze('bookinfo');
      assert.ok(messages.length > 0);
      assert.ok(Date.now() - started < 10_000);
      const bg = backgroundPid(fake);
      if (wrapper === 'background') assert.ok(bg !== undefined, 'the wrapper started its background child');
      if (bg !== undefined) assert.ok(await eventually(() => !isRunning(bg), 3000), 'the background child is gone');
    });

    it('stops the wrapper and its children when meshscope gets SIGTERM', async () => {
      const { child, done } = spawnMeshscope(['clusters', PRODUCTPAGE], fake.env({ FAKE_ISTIOCTL_MODE: 'hang' }));
      assert.ok(await eventually(() => fake.calls().length === 2, 10_000), 'both istioctl calls started');
      const started = Date.now();
      child.kill('SIGTERM');
      const result = await done;
      assert.ok(result.signal === 'SIGTERM' || result.code !== 0, `meshscope ended (${result.signal ?? result.code})`);
      assert.ok(Date.now() - started < 5000, 'meshscope ended promptly');
      assert.ok(await eventually(() => fake.calls().every((c) => !isRunning(c.pid)), 3000), 'no istioctl left behind');
    });
  });
}
