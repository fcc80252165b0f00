import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * Issue 18 item 6: the same commands under Bun and Deno, side by side with Node. Each runtime's
 * commands are timed against that runtime's own floor (its bare read + JSON.parse of the dump,
 * or its empty start for --help), in interleaved pairs as for Node. The runtimes are the
 * project's devDependencies (node_modules/.bin/bun and deno, native executables); one that is
 * not installed is left out of the table, said in the doc.
 */
export interface OtherRuntime {
  name: 'Bun' | 'Deno';
  version: string;
  /** argv for `meshscope ARGS` (the launcher, `bin/meshscope.js`, first in `argv`). */
  run(argv: string[]): string[];
  /** argv for the floor: read and parse `file`. */
  parseFloor(file: string): string[];
  /** argv for the empty start. */
  emptyFloor(): string[];
}

function version(exe: string): string {
  try {
    return execFileSync(exe, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
      .split('\n')[0]!
      .trim();
  } catch {
    return '';
  }
}

/** Bun and Deno from node_modules/.bin, those that are there and start. */
export function otherRuntimes(root: string): OtherRuntime[] {
  const bin = (name: string) => path.join(root, 'node_modules', '.bin', name);
  const out: OtherRuntime[] = [];
  const bun = bin('bun');
  const bunVersion = existsSync(bun) ? version(bun) : '';
  if (bunVersion !== '') {
    out.push({
      name: 'Bun',
      version: bunVersion,
      run: (argv) => [bun, ...argv],
      parseFloor: (file) => [bun, '-e', `JSON.parse(require('fs').readFileSync(${JSON.stringify(file)},'utf8'))`],
      emptyFloor: () => [bun, '-e', ''],
    });
  }
  const deno = bin('deno');
  const denoVersion = existsSync(deno) ? version(deno) : '';
  if (denoVersion !== '') {
    out.push({
      name: 'Deno',
      version: denoVersion.replace(/^deno /, '').split(' ')[0]!,
      // -A as the README's Deno line runs it (the CLI reads files, env and runs istioctl).
      run: (argv) => [deno, 'run', '-A', ...argv],
      parseFloor: (file) => [deno, 'eval', `import { readFileSync } from 'node:fs'; JSON.parse(readFileSync(${JSON.stringify(file)}, 'utf8'));`],
      emptyFloor: () => [deno, 'eval', ''],
    });
  }
  return out;
}
