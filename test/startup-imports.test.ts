import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type ImportEdge, readImports } from './helpers/imports.ts';

/**
 * Start-up (issue 18): a command loads only the modules it uses. Walking the static imports a
 * command module pulls in when it loads (not `import type`, not `import(…)`, which loads on use),
 * the commands that read files reach neither execa (the live istioctl/kubectl source, ~140
 * modules) nor Ink and React (the TUI).
 */
const edges = readImports('src');
const byFile = new Map<string, ImportEdge[]>();
for (const e of edges) byFile.set(e.from, [...(byFile.get(e.from) ?? []), e]);

/** The packages a module's load reaches, with one chain of files to each. */
function packagesReached(start: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const seen = new Set<string>([start]);
  const queue: string[][] = [[start]];
  while (queue.length > 0) {
    const chain = queue.shift()!;
    for (const e of byFile.get(chain.at(-1)!) ?? []) {
      if (e.dynamic || e.typeOnly) continue;
      if (e.target === undefined) {
        const pkg = e.specifier.startsWith('node:') ? 'node:' : e.specifier.split('/')[0]!;
        if (!out.has(pkg)) out.set(pkg, chain);
      } else if (!seen.has(e.target)) {
        seen.add(e.target);
        queue.push([...chain, e.target]);
      }
    }
  }
  return out;
}

const FILE_COMMANDS = ['explain', 'tables', 'findings', 'proxy-config', 'diff', 'route-check', 'intent', 'analyze', 'overview'];

describe('a command that reads files loads no live source and no TUI', () => {
  for (const command of FILE_COMMANDS) {
    it(`src/cli/commands/${command}.ts`, () => {
      const reached = packagesReached(`src/cli/commands/${command}.ts`);
      for (const pkg of ['execa', 'ink', 'react']) assert.ok(!reached.has(pkg), `${command} loads ${pkg} through ${reached.get(pkg)?.join(' → ')}`);
    });
  }
  it('the walk sees real packages: re2js from explain (route regexes), yaml from route-check (its YAML routes)', () => {
    assert.ok(packagesReached('src/cli/commands/explain.ts').has('re2js'));
    assert.ok(packagesReached('src/cli/commands/route-check.ts').has('yaml'));
  });

  it('the YAML parser loads only where YAML is read: not for an explain without --config, nor the TUI on a file', () => {
    for (const command of ['explain', 'tables', 'findings', 'overview', 'tui']) {
      const reached = packagesReached(`src/cli/commands/${command}.ts`);
      assert.ok(!reached.has('yaml'), `${command} loads yaml through ${reached.get('yaml')?.join(' → ')}`);
    }
  });

  it('the TUI command loads its sources on use: istioctl (execa) for a live proxy only', () => {
    const reached = packagesReached('src/cli/commands/tui.ts');
    assert.ok(!reached.has('execa'), `the TUI command loads execa through ${reached.get('execa')?.join(' → ')}`);
  });
});
