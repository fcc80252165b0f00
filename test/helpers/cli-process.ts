import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import process from 'node:process';
import { repoRoot } from './paths.ts';

export interface ProcessResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/**
 * How to start `meshscope` as a user would, on the runtime running the tests: Node runs the
 * launcher, which runs the build in dist/ on every runtime (npm test, test:bun and test:deno build first).
 */
export function meshscopeCommand(): { file: string; args: string[] } {
  const launcher = path.join(repoRoot, 'bin', 'meshscope.js');
  if (typeof (globalThis as { Deno?: unknown }).Deno !== 'undefined') return { file: process.execPath, args: ['run', '-A', '--quiet', launcher] };
  return { file: process.execPath, args: [launcher] };
}

/** A started meshscope process and its result once it exits (killed after `guardMs`, so a test never hangs). */
export function spawnMeshscope(
  argv: string[],
  env: Record<string, string | undefined>,
  guardMs = 15_000,
): { child: ChildProcess; done: Promise<ProcessResult> } {
  const { file, args } = meshscopeCommand();
  const child = spawn(file, [...args, ...argv], { cwd: repoRoot, env: env as NodeJS.ProcessEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  child.stdout!.on('data', (chunk: Buffer) => out.push(chunk));
  child.stderr!.on('data', (chunk: Buffer) => err.push(chunk));
  const done = new Promise<ProcessResult>((resolve, reject) => {
    const guard = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`meshscope ${argv.join(' ')} still running after ${guardMs} ms`));
    }, guardMs);
    child.on('error', (error) => {
      clearTimeout(guard);
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(guard);
      resolve({ code, signal, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') });
    });
  });
  return { child, done };
}

/** Runs meshscope to the end. */
export function runMeshscope(argv: string[], env: Record<string, string | undefined>, guardMs?: number): Promise<ProcessResult> {
  return spawnMeshscope(argv, env, guardMs).done;
}
