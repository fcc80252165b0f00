import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import process from 'node:process';
import { after, describe, it } from 'node:test';
import { fixture, repoRoot } from './helpers/paths.ts';
import { slowTest } from './helpers/slow.ts';

// Issue 14 item 2: `npm run compile` builds a single-file executable with Bun that runs every
// command without Node. Each command below must give the executable the same exit code, stdout and
// stderr as the Node launcher on the same input. (The TUI needs a terminal: checked by hand, see README.)
const dump = fixture('bookinfo', 'productpage', 'config_dump.json');
const snapshot = fixture('snapshots', 'bookinfo.json.gz');
const older = fixture('snapshots', 'bookinfo-v1.json.gz');
const commands: string[][] = [
  ['--version'],
  ['--help'],
  ['explain', '--file', dump, 'GET http://reviews:9080/reviews/1', '-H', 'end-user: jason'],
  ['route-check', '--help'],
  ['findings', '--file', dump],
  ['routes', '--file', dump],
  ['clusters', '--file', dump],
  ['listeners', '--file', dump],
  ['endpoints', '--file', dump],
  ['pc', 'all', '--file', dump, '-o', 'json'],
  ['top', '--once', '--snapshot', snapshot],
  ['snapshot', '--help'],
  ['diff', older, snapshot],
];
const env = { ...process.env, NO_COLOR: '1', MESHSCOPE_SLOW_TESTS: undefined };

function run(file: string, args: string[]) {
  const result = spawnSync(file, args, { cwd: repoRoot, encoding: 'utf8', timeout: 60_000, env, maxBuffer: 64 * 1024 * 1024 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('the single-file executable (npm run compile)', { skip: slowTest, timeout: 300_000 }, () => {
  const work = slowTest ? '' : mkdtempSync(path.join(tmpdir(), 'meshscope-compile-'));
  after(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });
  const binary = path.join(work, 'meshscope');

  it('builds with bun build --compile', (t) => {
    const bun = path.join(repoRoot, 'node_modules', '.bin', 'bun');
    const built = spawnSync(bun, [path.join(repoRoot, 'scripts', 'compile', 'build.js'), binary], { encoding: 'utf8', timeout: 120_000 });
    assert.equal(built.status, 0, built.stderr);
    assert.ok(existsSync(binary));
    t.diagnostic(`size ${(statSync(binary).size / 2 ** 20).toFixed(1)} MiB`);
  });

  for (const argv of commands) {
    it(`meshscope ${argv.map((a) => (path.isAbsolute(a) ? path.basename(a) : a)).join(' ')}: same answer as on Node`, () => {
      const node = run(process.execPath, [path.join(repoRoot, 'bin', 'meshscope.js'), ...argv]);
      const compiled = run(binary, argv);
      assert.deepEqual(compiled, node);
      assert.ok(node.stdout.length > 0);
    });
  }

  it('named meshtop (a link), it is meshtop: the same answer as bin/meshtop.js', () => {
    const meshtop = path.join(work, 'meshtop');
    symlinkSync(binary, meshtop);
    const argv = ['--once', '--snapshot', snapshot];
    const node = run(process.execPath, [path.join(repoRoot, 'bin', 'meshtop.js'), ...argv]);
    assert.deepEqual(run(meshtop, argv), node);
    assert.ok(node.stdout.length > 0);
  });
});
