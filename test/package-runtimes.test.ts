import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import process from 'node:process';
import { after, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { installTarball, packInto } from './helpers/install-tarball.ts';
import { repoRoot } from './helpers/paths.ts';
import { slowTest } from './helpers/slow.ts';

// Issue 14 check: "a test that packs the package, installs it in a temporary folder and runs
// --help and one explain on Node, Bun and Deno". Bun and Deno are the devDependencies' binaries.
const outerBin = path.join(repoRoot, 'node_modules', '.bin');
const runtimes: { name: string; command: string[] }[] = [
  { name: 'Node', command: [process.execPath] },
  { name: 'Bun', command: [path.join(outerBin, 'bun')] },
  { name: 'Deno', command: [path.join(outerBin, 'deno'), 'run', '-A', '--quiet'] },
];
const childEnv = { ...process.env, NO_COLOR: '1', MESHSCOPE_SLOW_TESTS: undefined };
const request = ['GET http://reviews:9080/reviews/1', '-H', 'end-user: jason'];

function run(command: string[], args: string[], cwd: string) {
  const [file, ...rest] = command;
  const result = spawnSync(file!, [...rest, ...args], { cwd, encoding: 'utf8', timeout: 60_000, env: childEnv });
  return { code: result.status, stdout: result.stdout ?? '', stderr: result.stderr ?? '' };
}

describe('the packed package on every runtime (issue 14 item 2)', { skip: slowTest, timeout: 600_000 }, () => {
  const work = slowTest ? '' : mkdtempSync(path.join(tmpdir(), 'meshscope-pack-'));
  after(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });
  const project = path.join(work, 'project');
  const installed = path.join(project, 'node_modules', 'meshscope');
  const launcher = path.join(installed, 'bin', 'meshscope.js');
  const dump = path.join(installed, 'fixtures', 'bookinfo', 'productpage', 'config_dump.json');

  it('npm pack ships the launchers, the compiled program and the fixtures, not the sources or the tests', (t) => {
    const { tarball, files } = packInto(work);
    const shipped = ['bin/meshscope.js', 'bin/meshtop.js', 'bin/kubectl-meshscope.js', 'bin/launch.js', 'dist/src/cli/main.js'];
    // The bundle (scripts/bundle/build.js), when the build made one: the launchers prefer it.
    if (existsSync(path.join(repoRoot, 'dist', 'bundle', 'main.js'))) shipped.push('dist/bundle/main.js', 'dist/bundle/scan-worker.js');
    for (const file of shipped) {
      assert.ok(files.includes(file), `${file} is in the tarball`);
    }
    assert.ok(files.some((f) => f.startsWith('fixtures/bookinfo/')));
    assert.deepEqual(
      files.filter((f) => f.startsWith('src/') || f.startsWith('dist/test/') || f.startsWith('test/')),
      [],
    );
    const { mode } = installTarball(tarball, project);
    t.diagnostic(`dependencies installed: ${mode}`);
    assert.ok(existsSync(launcher));
  });

  it('the installed launcher runs the bundle when the package has one (no sources beside it)', async (t) => {
    if (!existsSync(path.join(installed, 'dist', 'bundle', 'main.js'))) {
      t.skip('the build made no bundle (no Bun)');
      return;
    }
    const { pickEntry } = (await import(pathToFileURL(path.join(installed, 'bin', 'launch.js')).href)) as { pickEntry(): string | undefined };
    assert.equal(pickEntry(), '../dist/bundle/main.js');
  });

  // The answer each installed copy must give: the checkout's own launcher on Node, on the same dump.
  // (jason goes to v2: Istio's samples/bookinfo/networking/virtual-service-reviews-test-v2.yaml.)
  const expected = () => run([process.execPath], [path.join(repoRoot, 'bin', 'meshscope.js'), 'explain', '--file', dump, ...request], repoRoot);

  for (const runtime of runtimes) {
    it(`${runtime.name}: --help and an explain from the installed package`, () => {
      const help = run(runtime.command, [launcher, '--help'], project);
      assert.equal(help.stderr, '');
      assert.equal(help.code, 0);
      assert.match(help.stdout, /^meshscope \d+\.\d+\.\d+: /);
      const answer = run(runtime.command, [launcher, 'explain', '--file', dump, ...request], project);
      const reference = expected();
      assert.equal(answer.stderr, '');
      assert.equal(answer.code, reference.code);
      assert.equal(answer.stdout, reference.stdout);
      assert.match(answer.stdout, /subset v2 .* via route #0 "jason-to-v2"/);
    });
  }

  // `bunx meshscope` (README): Bun finds the installed bin; `--bun` runs it on Bun instead of the
  // shebang's Node. `--no-install`: never reach for the registry in a test.
  for (const flags of [[], ['--bun']]) {
    it(`bunx ${flags.join(' ')} meshscope: --help and an explain from the installed package`.replace('  ', ' '), () => {
      const bunx = [path.join(outerBin, 'bun'), 'x', ...flags, '--no-install', 'meshscope'];
      const help = run(bunx, ['--help'], project);
      assert.equal(help.code, 0, help.stderr);
      assert.match(help.stdout, /^meshscope \d+\.\d+\.\d+: /);
      const answer = run(bunx, ['explain', '--file', dump, ...request], project);
      assert.equal(answer.stdout, expected().stdout);
    });
  }

  it('kubectl finds the plugin: the installed kubectl-meshscope executable runs meshscope', () => {
    const plugin = path.join(project, 'node_modules', '.bin', 'kubectl-meshscope');
    const target = existsSync(plugin) ? [plugin] : [process.execPath, path.join(installed, 'bin', 'kubectl-meshscope.js')];
    const version = run(target, ['--version'], project);
    assert.equal(version.code, 0);
    assert.match(version.stdout, /^meshscope \d+\.\d+\.\d+\n$/);
  });

  it('without the compiled program every runtime says so in one line and exits 2', () => {
    renameSync(path.join(installed, 'dist'), path.join(installed, 'dist.moved'));
    for (const runtime of runtimes) {
      const missing = run(runtime.command, [launcher, '--help'], project);
      assert.equal(missing.code, 2, runtime.name);
      assert.equal(missing.stdout, '', runtime.name);
      assert.match(missing.stderr, /^meshscope: the compiled program is missing .*run `npm run build` first\n$/, runtime.name);
    }
  });
});
