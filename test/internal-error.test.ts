import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import process from 'node:process';
import { PassThrough, Writable } from 'node:stream';
import { describe, it } from 'node:test';
import { INTERNAL_ERROR_EXIT, takeDebugFlag } from '../src/cli/internal-error.ts';
import { main } from '../src/cli/main.ts';
import { VERSION } from '../src/cli/usage.ts';
import { runCli } from './helpers/cli.ts';
import { repoRoot } from './helpers/paths.ts';

/** A stdout whose write throws: a bug meshscope did not expect, injected through its stdio. */
function brokenStdout(): Writable {
  const stream = new Writable({ write: (_chunk, _enc, done) => done() });
  stream.write = () => {
    throw new TypeError("Cannot read properties of undefined (reading 'x')");
  };
  return stream;
}

async function runBroken(argv: string[]): Promise<{ code: number; stderr: string }> {
  const stderr = new PassThrough();
  const err: Buffer[] = [];
  stderr.on('data', (c: Buffer) => err.push(c));
  const code = await main(argv, { stdin: new PassThrough(), stdout: brokenStdout(), stderr, env: { NO_COLOR: '1' }, cwd: repoRoot });
  return { code, stderr: Buffer.concat(err).toString('utf8') };
}

describe('an unexpected internal error (issue 13 part 6)', () => {
  it('exits 70 (EX_SOFTWARE in sysexits.h) with one line naming where to report it, no stack', async () => {
    const result = await runBroken(['--version']);
    assert.equal(result.code, INTERNAL_ERROR_EXIT);
    assert.equal(INTERNAL_ERROR_EXIT, 70);
    assert.equal(
      result.stderr,
      "meshscope: internal error: TypeError: Cannot read properties of undefined (reading 'x') — please report it to the meshscope maintainers (rerun with --debug for the stack)\n",
    );
    assert.doesNotMatch(result.stderr, /^ {4}at /m);
  });

  it('prints the stack after the line with the global --debug flag, before or after the subcommand', async () => {
    for (const argv of [
      ['--debug', '--version'],
      ['--version', '--debug'],
    ]) {
      const result = await runBroken(argv);
      assert.equal(result.code, 70);
      const [line, ...stack] = result.stderr.trimEnd().split('\n');
      assert.match(line!, /^meshscope: internal error: TypeError: /);
      assert.match(stack[0]!, /^TypeError: /);
      assert.ok(
        stack.some((l) => /^ {4}at /.test(l)),
        'stack frames',
      );
    }
  });

  it('--debug is taken out of argv before the subcommand parses its flags (not an unknown flag)', async () => {
    const result = await runCli(['routes', '--debug', '--file', 'fixtures/bookinfo/productpage/config_dump.json']);
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(takeDebugFlag(['explain', '--debug', '--', '--debug']), { argv: ['explain', '--', '--debug'], debug: true });
    assert.deepEqual(takeDebugFlag(['routes']), { argv: ['routes'], debug: false });
  });

  it('known failures keep their codes: bad usage 2, not 70', async () => {
    const result = await runCli(['routes', '--nope']);
    assert.equal(result.code, 2);
  });

  const onNode = typeof (globalThis as { Bun?: unknown }).Bun === 'undefined' && typeof (globalThis as { Deno?: unknown }).Deno === 'undefined';
  it('the launcher turns an error thrown outside main (a timer) into the same line and exit 70', {
    skip: onNode ? false : 'node --import is Node only',
  }, () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'meshscope-bug-'));
    try {
      const preload = path.join(dir, 'boom.mjs');
      writeFileSync(preload, "setTimeout(() => { throw new Error('boom from a timer'); }, 300);\n");
      const run = spawnSync(process.execPath, ['--import', preload, path.join(repoRoot, 'bin', 'meshscope.js'), '--version'], {
        encoding: 'utf8',
        timeout: 20_000,
      });
      assert.equal(run.status, 70, run.stderr);
      assert.equal(run.stdout, `meshscope ${VERSION}\n`);
      assert.equal(
        run.stderr,
        'meshscope: internal error: boom from a timer — please report it to the meshscope maintainers (rerun with --debug for the stack)\n',
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
