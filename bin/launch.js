// Shared by the launchers: pick the entry for this runtime, hand over argv, stdio and env,
// and turn the returned number into the process exit code.
import process from 'node:process';

const typescriptRuntime = typeof globalThis.Bun !== 'undefined' || typeof globalThis.Deno !== 'undefined';

/** `meshscope ... | head` closes the pipe early: that is the reader's choice, not an error. */
function quietOnClosedPipe(stream) {
  stream.on('error', (error) => {
    if (error && error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

export async function launch(program) {
  quietOnClosedPipe(process.stdout);
  const entry = typescriptRuntime ? '../src/cli/main.ts' : '../dist/src/cli/main.js';
  let main;
  let reportInternalError;
  try {
    ({ main, reportInternalError } = await import(entry));
  } catch (error) {
    if (!typescriptRuntime && error && error.code === 'ERR_MODULE_NOT_FOUND') {
      process.stderr.write(`${program}: the compiled program is missing; run \`npm run build\` first\n`);
      process.exitCode = 2;
      return;
    }
    throw error;
  }
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
