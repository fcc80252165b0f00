import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { runCli } from './helpers/cli.ts';
import { repoRoot } from './helpers/paths.ts';

/** Modules reachable from `file` through static imports (dynamic `import()` excluded). */
function staticGraph(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  const text = readFileSync(file, 'utf8');
  for (const m of text.matchAll(/^(?:import|export)\s[^'"]*?from\s+'([^']+)'/gm)) {
    const spec = m[1]!;
    if (spec.startsWith('.')) staticGraph(path.resolve(path.dirname(file), spec), seen);
    else seen.add(spec);
  }
  return seen;
}

describe('meshscope without a subcommand (the TUI entry) when there is no terminal', () => {
  it('--dir lists the capture, which proxies have a dump, and commands on files that exist', async () => {
    const { code, stdout } = await runCli(['--dir', 'fixtures/bookinfo']);
    assert.equal(code, 0);
    assert.match(stdout, /^12 proxies in fixtures\/bookinfo/);
    assert.match(stdout, /productpage-v1-7d6cfb7dfd-4xk2p\s+bookinfo\s+sidecar\s+1\.24\.2\s+SYNCED\s+captured/);
    assert.match(stdout, /reviews-v2-5b667bcbf8-xq2lm\s+bookinfo\s+sidecar\s+1\.24\.2\s+SYNCED\s+captured/);
    // A proxy proxy-status lists without a dump in the folder.
    assert.match(stdout, /reviews-v1-5896f547f5-7cjxn\s+bookinfo\s+sidecar\s+1\.24\.2\s+SYNCED\s+—/);
    assert.match(stdout, /Not a terminal, so no interactive TUI/);
    // Every file a hint names exists (it used to name fixtures/bookinfo/<proxy>/…).
    const named = [...stdout.matchAll(/--(?:file|endpoints) (\S+)/g)].map((m) => m[1]!);
    assert.ok(named.length >= 2);
    for (const file of named) assert.ok(existsSync(path.join(repoRoot, file)), file);
  });

  it('--file prints the overview, and says on stderr why there is no TUI', async () => {
    const { code, stdout, stderr } = await runCli(['--file', 'fixtures/bookinfo/productpage/config_dump.json']);
    assert.equal(code, 0);
    assert.match(stdout, /productpage-v1-7d6cfb7dfd-4xk2p\.bookinfo/);
    assert.match(stderr, /not a terminal, so no interactive TUI; printed the overview\. Non-interactive commands: explain, routes/);
  });

  it('live mode without a terminal names the command to use instead, exit 2', async () => {
    const { code, stderr } = await runCli(['productpage-v1-abc.bookinfo'], { PATH: '/nonexistent' });
    assert.equal(code, 2);
    assert.match(stderr, /not a terminal, so no interactive TUI\. .*meshscope explain productpage-v1-abc\.bookinfo "GET/);
  });

  it('refuses conflicting sources with one line, exit 2', async () => {
    const both = await runCli(['--file', 'a.json', '--dir', 'fixtures/bookinfo']);
    assert.equal(both.code, 2);
    assert.match(both.stderr, /give one of --file, --dir, not several/);
    const podAndDir = await runCli(['--dir', 'fixtures/bookinfo', 'productpage.bookinfo']);
    assert.equal(podAndDir.code, 2);
    assert.match(podAndDir.stderr, /--dir reads no cluster: drop productpage\.bookinfo/);
    const missing = await runCli(['--dir', 'fixtures/nowhere']);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /fixtures\/nowhere: no such folder/);
  });

  it('loads ink and react only for the TUI: --version, --help and the subcommands never import them', () => {
    const main = staticGraph(path.join(repoRoot, 'src', 'cli', 'main.ts'));
    const tui = staticGraph(path.join(repoRoot, 'src', 'cli', 'commands', 'tui.ts'));
    for (const graph of [main, tui]) {
      assert.ok(!graph.has('ink') && !graph.has('react'), [...graph].filter((m) => !m.startsWith('/')).join(', '));
    }
    const ui = staticGraph(path.join(repoRoot, 'src', 'ui', 'run.tsx'));
    assert.ok(ui.has('ink') && ui.has('react'), 'the UI module itself does use them');
  });
});
