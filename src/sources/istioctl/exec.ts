import process from 'node:process';
import { execa } from 'execa';
import { onAbort } from './abort.ts';

/** How one run (istioctl, or kubectl for the objects) ended. */
export type ExecOutcome =
  | { kind: 'exited'; exitCode: number; stdout: string; stderr: string }
  | { kind: 'timeout'; stderr: string }
  | { kind: 'canceled' }
  | { kind: 'too-large'; stderr: string }
  | { kind: 'killed'; signal: string; stderr: string }
  | { kind: 'spawn-failed'; code: string; message: string };

export interface ExecOptions {
  env: Record<string, string | undefined>;
  cwd: string;
  timeoutMs: number;
  /** Largest stdout (and stderr) accepted, in characters. */
  maxOutput: number;
  signal?: AbortSignal;
}

/** Grace period between SIGTERM and SIGKILL for a child that does not stop. */
const FORCE_KILL_AFTER_MS = 2000;

function cleanEnv(env: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (typeof v === 'string') out[k] = v;
  return out;
}

/** Process groups of the children running now, killed if meshscope exits first. */
const liveGroups = new Set<number>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const pid of liveGroups) signalGroup(pid, 'SIGKILL', true);
  });
}

/**
 * Sends `signal` to the child's whole process group (the child leads its own group: it was
 * started detached), so a wrapper script's children stop with it; falls back to the child alone
 * where the runtime could not give it a group.
 */
function signalGroup(pid: number, signal: NodeJS.Signals, orChild: boolean): void {
  try {
    process.kill(-pid, signal);
  } catch {
    if (!orChild) return;
    try {
      process.kill(pid, signal);
    } catch {
      // already gone
    }
  }
}

/**
 * Runs `file args` (an argument array, never a shell) and reports how it ended. The child runs
 * in its own process group: `istioctl` is often a wrapper script (a version manager's shim) whose
 * own child does the work, and a timeout or a cancellation must stop them all — SIGTERM to the
 * group, SIGKILL 2 s later. When the child exits, whatever it left in its group (a background
 * process holding the output pipe) is killed too, so the call ends with the child and no orphan
 * remains; a process group still running when meshscope exits is killed on the way out. The
 * timeout counts from the start of the call and ends it at that time. The outcome is read from
 * our own timer and signal rather than from stream errors, which differ by runtime (Deno reports
 * a killed child's closed pipes as ERR_STREAM_PREMATURE_CLOSE). This is the only module that
 * imports execa.
 */
export async function execFile(file: string, args: string[], options: ExecOptions): Promise<ExecOutcome> {
  if (options.signal?.aborted) return { kind: 'canceled' };
  let timedOut = false;
  let stopping = false;
  let exited = false;
  let forceKill: ReturnType<typeof setTimeout> | undefined;
  installExitHook();
  const subprocess = execa(file, args, {
    env: cleanEnv(options.env),
    extendEnv: false,
    cwd: options.cwd,
    stdin: 'ignore',
    detached: true,
    maxBuffer: options.maxOutput,
    encoding: 'utf8',
    stripFinalNewline: false,
    reject: false,
    windowsHide: true,
  });
  const pid = subprocess.pid;
  if (pid !== undefined) liveGroups.add(pid);
  // Until the child has exited its pid is still its own: signal it alone if it has no group.
  const stop = (): void => {
    if (stopping || pid === undefined) return;
    stopping = true;
    signalGroup(pid, 'SIGTERM', !exited);
    forceKill = setTimeout(() => signalGroup(pid, 'SIGKILL', !exited), FORCE_KILL_AFTER_MS);
  };
  const timer = setTimeout(() => {
    timedOut = true;
    stop();
  }, options.timeoutMs);
  const unlisten = onAbort(options.signal, stop);
  // The child is done: anything left in its group would only hold the pipes open.
  subprocess.once('exit', () => {
    exited = true;
    if (pid !== undefined) signalGroup(pid, 'SIGKILL', false);
  });
  try {
    const result = await subprocess;
    const stderr = typeof result.stderr === 'string' ? result.stderr : '';
    if (timedOut) return { kind: 'timeout', stderr };
    if (options.signal?.aborted) return { kind: 'canceled' };
    if (result.isMaxBuffer) return { kind: 'too-large', stderr };
    if (result.exitCode === undefined && result.signal === undefined && result.code !== undefined) {
      return { kind: 'spawn-failed', code: result.code, message: result.shortMessage ?? result.message ?? result.code };
    }
    if (result.isTerminated && result.signal !== undefined) return { kind: 'killed', signal: result.signal, stderr };
    return { kind: 'exited', exitCode: result.exitCode ?? 1, stdout: typeof result.stdout === 'string' ? result.stdout : '', stderr };
  } finally {
    clearTimeout(timer);
    if (forceKill !== undefined) clearTimeout(forceKill);
    unlisten();
    if (pid !== undefined) liveGroups.delete(pid);
  }
}
