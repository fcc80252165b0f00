import { spawn } from 'node:child_process';
import path from 'node:path';
import process from 'node:process';
import type { RunOutcome } from './classify.ts';

/**
 * Runs `node bin/meshscope.js ARGV` as a real process, for a small sample of cases: the launcher's
 * own handling (exit code from main, uncaught errors, EPIPE) is outside what the in-process runs
 * see. Killed (SIGKILL) after `guardMs`.
 */
export function spawnRun(root: string, argv: string[], env: Record<string, string>, guardMs: number): Promise<RunOutcome> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(root, 'bin', 'meshscope.js'), ...argv], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => err.push(c));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      resolve({ kind: 'hang', afterMs: guardMs });
    }, guardMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      resolve({ kind: 'crash', error: `spawn failed: ${error.message}` });
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (signal && signal !== 'SIGKILL') resolve({ kind: 'crash', error: `killed by ${signal}` });
      else if (code !== null) resolve({ kind: 'exited', code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') });
    });
  });
}

/** Whether an argv can be passed to a process at all (no NUL: execve takes C strings). */
export const spawnable = (argv: string[]): boolean => argv.every((a) => !a.includes('\u0000'));
