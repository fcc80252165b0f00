import { execa } from 'execa';
import { onAbort } from './abort.ts';

/** How one istioctl run ended. */
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

/**
 * Runs `file args` (an argument array, never a shell) and reports how it ended. Resolves only
 * after the child has exited, so a timeout or a cancellation leaves no process behind: the child
 * gets SIGTERM, then SIGKILL after 2 s. The outcome is read from our own timer and signal rather
 * than from stream errors, which differ by runtime (Deno reports a killed child's closed pipes as
 * ERR_STREAM_PREMATURE_CLOSE). This is the only module that imports execa.
 */
export async function execFile(file: string, args: string[], options: ExecOptions): Promise<ExecOutcome> {
  if (options.signal?.aborted) return { kind: 'canceled' };
  const stop = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    stop.abort();
  }, options.timeoutMs);
  const unlisten = onAbort(options.signal, () => stop.abort());
  try {
    const result = await execa(file, args, {
      env: cleanEnv(options.env),
      extendEnv: false,
      cwd: options.cwd,
      stdin: 'ignore',
      cancelSignal: stop.signal,
      forceKillAfterDelay: FORCE_KILL_AFTER_MS,
      maxBuffer: options.maxOutput,
      encoding: 'utf8',
      stripFinalNewline: false,
      reject: false,
      windowsHide: true,
    });
    const stderr = typeof result.stderr === 'string' ? result.stderr : '';
    if (timedOut) return { kind: 'timeout', stderr };
    if (options.signal?.aborted || result.isCanceled) return { kind: 'canceled' };
    if (result.isMaxBuffer) return { kind: 'too-large', stderr };
    if (result.exitCode === undefined && result.signal === undefined && result.code !== undefined) {
      return { kind: 'spawn-failed', code: result.code, message: result.shortMessage ?? result.message ?? result.code };
    }
    if (result.isTerminated && result.signal !== undefined) return { kind: 'killed', signal: result.signal, stderr };
    return { kind: 'exited', exitCode: result.exitCode ?? 1, stdout: typeof result.stdout === 'string' ? result.stdout : '', stderr };
  } finally {
    clearTimeout(timer);
    unlisten();
  }
}
