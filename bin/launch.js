// Shared by the launchers: pick the entry, hand over argv, stdio and env, and turn the returned
// number into the process exit code. Every runtime (Node, Bun, Deno) runs the compiled output in
// dist/ when it is there (what `npm pack` ships); only a development checkout without a build
// runs the TypeScript sources, and only on Bun or Deno, which can load them.
import { existsSync, readFileSync, statSync } from 'node:fs';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

const typescriptRuntime = typeof globalThis.Bun !== 'undefined' || typeof globalThis.Deno !== 'undefined';
const bundled = '../dist/bundle/main.js';
const builtFrom = '../dist/bundle/built-from.json';
const sourceDir = '../src';
const compiled = '../dist/src/cli/main.js';
const sources = '../../src/cli/main.ts';

/**
 * The module to import, or undefined when this installation has nothing this runtime can run:
 * the bundle (scripts/bundle/build.js: the same code in a few files, ~50 modules loaded instead
 * of ~280) when it is there and was built from the dist/src that is there; else dist/src; else,
 * on Bun or Deno, the sources. An installed package has no sources beside it, so its bundle is
 * the one it shipped with; in a checkout the bundle must have been built from this dist/src
 * (`built-from.json` holds dist/src/cli/main.js's modification time then: a `tsc` run alone
 * rewrites it, and the npm scripts bundle after every tsc). `base`: the launcher's own URL (a
 * test's stand-in tree).
 */
export function pickEntry(base = import.meta.url) {
  const file = (relative) => fileURLToPath(new URL(relative, base));
  const present = (relative) => existsSync(file(relative));
  const builtFromHere = () => {
    try {
      return JSON.parse(readFileSync(file(builtFrom), 'utf8')).compiledMtimeMs === statSync(file(compiled)).mtimeMs;
    } catch {
      return false;
    }
  };
  if (present(compiled)) return present(bundled) && (!present(sourceDir) || builtFromHere()) ? bundled : compiled;
  if (typescriptRuntime && present(sources)) return sources;
  return undefined;
}

/** `meshscope ... | head` closes the pipe early: that is the reader's choice, not an error. */
function quietOnClosedPipe(stream) {
  stream.on('error', (error) => {
    if (error && error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

export async function launch(program) {
  const entry = pickEntry();
  if (entry === undefined) {
    process.stderr.write(`${program}: the compiled program is missing (dist/src/cli/main.js); run \`npm run build\` first\n`);
    process.exitCode = 2;
    return;
  }
  await runMain(program, await import(entry));
}

/** Runs the CLI module's main; also the entry of the single-file executable (scripts/compile/entry.js). */
export async function runMain(program, { main, reportInternalError }) {
  quietOnClosedPipe(process.stdout);
  // A bug that escapes main (a stream's error event, a stray rejection): one line, exit 70.
  const debug = process.argv.slice(2).includes('--debug');
  const bug = (error) => {
    process.exitCode = reportInternalError(error, process.stderr, debug);
    process.exit();
  };
  process.on('uncaughtException', bug);
  process.on('unhandledRejection', bug);
  const args = process.argv.slice(2);
  const argv = program === 'meshtop' ? ['top', ...args] : args;
  const code = await main(argv, {
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    cwd: process.cwd(),
  });
  process.exitCode = code;
}
