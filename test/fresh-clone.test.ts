import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import process from 'node:process';
import { after, it } from 'node:test';
import { onAbort } from '../src/core/abort.ts';
import { haveConformance, repoRoot } from './helpers/paths.ts';
import { slowTest } from './helpers/slow.ts';

// Issue 14 check: "a test that clones the repository into a temporary folder with no ../shared,
// runs the README's test command and expects 0 failures (skip it where the suite already runs in
// such a clone)". The README says `npm install && npm test`; to need no network the clone gets a
// symlink to this checkout's node_modules instead of `npm install`. The clone is of the committed
// HEAD, so uncommitted changes are not part of it. The inner run sets MESHSCOPE_INNER_CLONE=1 so
// it skips this test (no recursion) and drops MESHSCOPE_SLOW_TESTS so it runs the Node suite only.
// It takes about two minutes, more than `npm test`'s per-file --test-timeout: run it with
// `npm run test:slow` (.ci/run does).
const INNER = 'MESHSCOPE_INNER_CLONE';
const skip =
  process.env[INNER] === '1'
    ? 'the fresh-clone run itself: it does not clone again'
    : !haveConformance
      ? 'this checkout has no ../shared beside it: the suite running now is the fresh-clone run'
      : slowTest;

function count(output: string, label: string): number {
  const match = new RegExp(`^# ${label} (\\d+)$`, 'm').exec(output);
  assert.ok(match, `the runner's summary has "# ${label}"`);
  return Number(match[1]);
}

/** `npm test` in the clone, in its own process group so a cancelled or timed-out check stops the whole inner run. */
function npmTest(cwd: string, env: NodeJS.ProcessEnv, signal: AbortSignal): Promise<{ status: number | null; output: string }> {
  const child = spawn('npm', ['test'], { cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const chunks: Buffer[] = [];
  child.stdout.on('data', (c: Buffer) => chunks.push(c));
  child.stderr.on('data', (c: Buffer) => chunks.push(c));
  const stop = () => {
    if (child.pid !== undefined && child.exitCode === null) process.kill(-child.pid, 'SIGKILL');
  };
  const unlisten = onAbort(signal, stop);
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (status) => {
      unlisten();
      resolve({ status, output: Buffer.concat(chunks).toString('utf8') });
    });
  });
}

const work = skip ? '' : mkdtempSync(path.join(tmpdir(), 'meshscope-clone-'));
after(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

it("a fresh clone without ../shared passes the README's `npm test` with 0 failures (issue 14 item 1)", { skip, timeout: 900_000 }, async (t) => {
  const clone = path.join(work, 'meshscope');
  const cloned = spawnSync('git', ['clone', '--quiet', repoRoot, clone], { encoding: 'utf8' });
  assert.equal(cloned.status, 0, cloned.stderr);
  assert.equal(existsSync(path.join(work, 'shared')), false);
  symlinkSync(realpathSync(path.join(repoRoot, 'node_modules')), path.join(clone, 'node_modules'));
  const env = { ...process.env, [INNER]: '1', MESHSCOPE_SLOW_TESTS: undefined, NODE_TEST_CONTEXT: undefined, NO_COLOR: '1' };
  const run = await npmTest(clone, env, t.signal);
  const output = run.output;
  if (!/^# pass /m.test(output)) t.diagnostic(output.slice(-3000));
  const failures = output.split('\n').filter((line) => /^\s*not ok /.test(line));
  const [pass, fail, skipped] = [count(output, 'pass'), count(output, 'fail'), count(output, 'skipped')];
  t.diagnostic(`fresh clone: ${pass} passed, ${skipped} skipped, ${fail} failed`);
  assert.deepEqual(failures, []);
  assert.equal(fail, 0);
  assert.equal(run.status, 0, output.slice(-2000));
  assert.ok(pass > 0);
  // The tests that read the corpus skip, each with the one line saying why.
  assert.ok(skipped > 0);
  assert.match(output, /# SKIP \.\.\/shared\/conformance is absent beside the checkout/);
});
