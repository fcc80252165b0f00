import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import process from 'node:process';
import { IstioctlError } from '../../src/sources/istioctl/istioctl-error.ts';
import { repoRoot } from './paths.ts';

/** One run of the fake istioctl, from its calls.jsonl. */
export interface FakeCall {
  pid: number;
  argv: string[];
  kubeconfig: string | null;
  start: number;
  end?: number;
  exitCode?: number;
}

/**
 * test/fake-istioctl/istioctl.js installed as `istioctl` in a temporary bin directory (a shell
 * wrapper that execs node on it, so the process tests look for is the fake itself).
 */
export interface FakeIstioctl {
  binDir: string;
  stateDir: string;
  /** An environment whose PATH holds only the fake, plus FAKE_ISTIOCTL_* `settings`. */
  env(settings?: Record<string, string>): Record<string, string | undefined>;
  /** Every run so far, in start order. */
  calls(): FakeCall[];
  /** Forgets recorded runs and stats counters. */
  reset(): void;
  dispose(): void;
}

/** A node binary for the fake, whichever runtime runs the tests (Bun may shim `node` to itself). */
export function nodeBinary(): string {
  if (/^node(\.exe)?$/.test(path.basename(process.execPath))) return process.execPath;
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const file = path.join(dir, 'node');
    try {
      if (statSync(file).isFile() && /^node/.test(path.basename(realpathSync(file)))) return file;
    } catch {
      // not here
    }
  }
  throw new Error('node is not on PATH; the fake istioctl needs it');
}

export const fakeScript = path.join(repoRoot, 'test', 'fake-istioctl', 'istioctl.js');

/**
 * How `istioctl` starts the fake: `exec` replaces the wrapper shell with it (the process tests
 * look for is the fake itself); `child` keeps the shell and runs the fake as its child, as version
 * managers' shims do; `background` also leaves a background process (a `sleep`) holding the
 * output pipe after the fake has answered.
 */
export type FakeWrapper = 'exec' | 'child' | 'background';

function wrapperScript(kind: FakeWrapper): string {
  const run = `'${nodeBinary()}' '${fakeScript}' "$@"`;
  if (kind === 'exec') return `#!/bin/sh\nexec ${run}\n`;
  if (kind === 'child') return `#!/bin/sh\n${run}\nexit $?\n`;
  return `#!/bin/sh\nsleep 600 &\necho $! > "$FAKE_ISTIOCTL_STATE_DIR/background.pid"\n${run}\n`;
}

export function createFakeIstioctl(wrapper: FakeWrapper = 'exec'): FakeIstioctl {
  const root = mkdtempSync(path.join(tmpdir(), 'meshscope-fake-istioctl-'));
  const binDir = path.join(root, 'bin');
  const stateDir = path.join(root, 'state');
  mkdirSync(binDir);
  mkdirSync(stateDir);
  writeFileSync(path.join(binDir, 'istioctl'), wrapperScript(wrapper), { mode: 0o755 });
  const base: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('FAKE_ISTIOCTL_') && k !== 'KUBECONFIG') base[k] = v;
  return {
    binDir,
    stateDir,
    env: (settings = {}) => ({ ...base, NO_COLOR: '1', PATH: binDir, FAKE_ISTIOCTL_STATE_DIR: stateDir, ...settings }),
    calls: () => readCalls(path.join(stateDir, 'calls.jsonl')),
    reset: () => {
      rmSync(stateDir, { recursive: true, force: true });
      mkdirSync(stateDir);
    },
    dispose: () => rmSync(root, { recursive: true, force: true }),
  };
}

function readCalls(file: string): FakeCall[] {
  if (!existsSync(file)) return [];
  const byPid = new Map<number, FakeCall>();
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (line === '') continue;
    const entry = JSON.parse(line) as Partial<FakeCall> & { pid: number };
    const seen = byPid.get(entry.pid);
    if (seen) Object.assign(seen, entry);
    else byPid.set(entry.pid, entry as FakeCall);
  }
  return [...byPid.values()].sort((a, b) => a.start - b.start);
}

/** Whether a process is still running (a zombie awaiting its parent counts as gone). */
export function isRunning(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return !/^\d+ \(.*\) [ZX]/.test(stat);
  } catch {
    // No /proc (or, on Deno, no permission to read it): ask the kernel.
    try {
      process.kill(pid, 0);
      return true;
    } catch (error) {
      return (error as { code?: string }).code === 'EPERM';
    }
  }
}

/** Polls until `check` holds or `ms` pass; returns whether it held. */
export async function eventually(check: () => boolean, ms = 5000, every = 25): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (check()) return true;
    await new Promise((resolve) => setTimeout(resolve, every));
  }
  return check();
}

/** A directory with no istioctl, for "not installed". */
export function emptyBinDir(): string {
  return mkdtempSync(path.join(tmpdir(), 'meshscope-no-istioctl-'));
}

/** The IstioctlError a live-source call fails with (fails the test when it resolves or throws something else). */
export async function istioctlFailure(promise: Promise<unknown>): Promise<IstioctlError> {
  try {
    await promise;
  } catch (error) {
    if (!(error instanceof IstioctlError)) throw new Error(`expected an IstioctlError, got ${String(error)}`);
    return error;
  }
  throw new Error('expected an IstioctlError, the call resolved');
}
