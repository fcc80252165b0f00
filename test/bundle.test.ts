import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { scanHere } from '../src/core/envoy/parse-sections.ts';
import { claimBoard, claimFront } from '../src/sources/scan-claims.ts';
import { fixture, repoRoot } from './helpers/paths.ts';

/**
 * dist/bundle (scripts/bundle/build.js: Bun bundles dist/src into a few files) is what the
 * launchers run when it is fresh. It must be the same program: each command's exit status, stdout
 * and stderr from the bundle equal dist/src's; the scan worker starts from the bundle's own
 * file; and the launcher takes the bundle only when it is not older than dist/src.
 */
const bundle = path.join(repoRoot, 'dist', 'bundle', 'main.js');
const compiled = path.join(repoRoot, 'dist', 'src', 'cli', 'main.js');
const absent = existsSync(bundle) ? false : 'dist/bundle is absent (npm run build bundles it with Bun): skipped';

const work = mkdtempSync(path.join(tmpdir(), 'meshscope-bundle-'));
after(() => rmSync(work, { recursive: true, force: true }));

/** Runs `meshscope ...argv` in a node process through the launcher's runMain with `entry` as the CLI module. */
function run(entry: string, argv: string[]): { code: number | null; stdout: string; stderr: string } {
  const runner = path.join(work, 'run-entry.mjs');
  writeFileSync(
    runner,
    `import { runMain } from ${JSON.stringify(pathToFileURL(path.join(repoRoot, 'bin', 'launch.js')).href)};\n` +
      `await runMain('meshscope', await import(process.env.MESHSCOPE_TEST_ENTRY));\n`,
  );
  const r = spawnSync('node', [runner, ...argv], {
    cwd: repoRoot,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', MESHSCOPE_TEST_ENTRY: pathToFileURL(entry).href },
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('the bundled build', { skip: absent }, () => {
  it('answers every command as dist/src does: exit status, stdout and stderr', () => {
    const dump = fixture('bookinfo', 'productpage', 'config_dump.json');
    const commands = [
      ['--help'],
      ['explain', '--file', dump, '-o', 'json', 'GET http://reviews:9080/reviews/1', '-H', 'end-user: jason'],
      ['explain', '--file', dump, 'GET http://reviews:9080/reviews/1', '--why-not', 'v2'],
      ['clusters', '--file', dump],
      ['routes', '--file', dump, '-o', 'json'],
      ['findings', '--file', dump],
      ['--file', dump],
      ['pc', 'all', '--file', dump, '-o', 'yaml'],
      ['routes', '--file', path.join(work, 'missing.json')],
      ['explain', '--file', dump, 'reviews'],
    ];
    for (const argv of commands) {
      const want = run(compiled, argv);
      assert.ok(want.stdout.length + want.stderr.length > 0, argv.join(' '));
      assert.deepEqual(run(bundle, argv), want, argv.join(' '));
    }
  });

  it("starts the scan worker from the bundle's own file, with the same answers", async () => {
    const text = `{"configs": [${Array.from({ length: 200 }, (_, i) => `{"@type": "x", "k${i}": [[1], {"a": "é"}]}`).join(', ')}]}`;
    const plain = Buffer.from(text, 'utf8');
    const bytes = new Uint8Array(new SharedArrayBuffer(plain.length));
    bytes.set(plain);
    const ranges = [
      { start: 0, end: bytes.length, limit: 100 },
      { start: 0, end: bytes.length, limit: 2 },
      { start: 0, end: bytes.length, limit: 100, syntaxOnly: true },
      { start: 0, end: bytes.length - 1, limit: 100, syntaxOnly: true },
    ];
    const worker = new Worker(pathToFileURL(path.join(repoRoot, 'dist', 'bundle', 'scan-worker.js')));
    try {
      // The worker's protocol (src/sources/scan-worker.ts): it takes every range from the board's
      // front when nobody takes from the back, an answer a message, then `done`.
      const answers: unknown[] = [];
      const done = new Promise((resolve, reject) => {
        worker.on('message', (message: { index?: number; result?: unknown; done?: boolean }) => {
          if (message.done) resolve(undefined);
          else answers[message.index!] = message.result;
        });
        worker.once('error', reject);
      });
      const board = claimBoard(ranges.length);
      worker.postMessage({ buffer: bytes.buffer, offset: 0, length: bytes.length, ranges, board: board.buffer });
      await done;
      assert.deepEqual(answers, await scanHere(bytes, ranges).finish());
      assert.equal(claimFront(board), undefined, 'every range taken');
    } finally {
      await worker.terminate();
    }
  });
});

describe('which build the launcher runs', () => {
  it('in a checkout, the bundle only while it was built from the dist/src there; in a package (no sources), its bundle', async () => {
    const { pickEntry } = (await import(pathToFileURL(path.join(repoRoot, 'bin', 'launch.js')).href)) as { pickEntry(base?: string): string | undefined };
    const tree = path.join(work, 'tree');
    for (const dir of ['bin', 'dist/src/cli', 'dist/bundle', 'src']) mkdirSync(path.join(tree, dir), { recursive: true });
    const base = pathToFileURL(path.join(tree, 'bin', 'launch.js')).href;
    const src = path.join(tree, 'dist', 'src', 'cli', 'main.js');
    const bundled = path.join(tree, 'dist', 'bundle', 'main.js');
    const stamp = path.join(tree, 'dist', 'bundle', 'built-from.json');
    writeFileSync(src, '');
    utimesSync(src, 1000, 1000);
    assert.equal(pickEntry(base), '../dist/src/cli/main.js', 'no bundle');
    writeFileSync(bundled, '');
    assert.equal(pickEntry(base), '../dist/src/cli/main.js', 'a bundle that does not say what it was built from');
    writeFileSync(stamp, JSON.stringify({ compiledMtimeMs: statSync(src).mtimeMs }));
    assert.equal(pickEntry(base), '../dist/bundle/main.js', 'built from this dist/src');
    utimesSync(src, 3000, 3000);
    assert.equal(pickEntry(base), '../dist/src/cli/main.js', 'tsc ran after the bundle: stale');
    writeFileSync(stamp, '{not json');
    assert.equal(pickEntry(base), '../dist/src/cli/main.js', 'an unreadable stamp');
    rmSync(path.join(tree, 'src'), { recursive: true });
    assert.equal(pickEntry(base), '../dist/bundle/main.js', 'an installed package: nothing beside it to rebuild dist/src from');
    rmSync(bundled);
    assert.equal(pickEntry(base), '../dist/src/cli/main.js', 'a package without a bundle');
  });
});
