import { displayCommand } from './commands.ts';
import { execFile } from './exec.ts';
import { failureOf } from './failure.ts';
import { IstioctlError } from './istioctl-error.ts';
import { INSTALL_HINT, resolveIstioctl } from './resolve.ts';
import { Semaphore } from './semaphore.ts';

export interface RunnerOptions {
  /** Environment for istioctl (PATH to find it, KUBECONFIG, HOME for ~/.kube). */
  env: Record<string, string | undefined>;
  cwd: string;
  /** `--istioctl PATH`; else istioctl is looked up on env.PATH. */
  istioctl?: string;
  /** Appended to every call (`--context`, `--kubeconfig`, `--istioNamespace`). */
  globalArgs: string[];
  timeoutMs: number;
  concurrency: number;
  /** Largest output accepted from one call, in characters. */
  maxOutput: number;
}

export interface IstioctlAnswer {
  stdout: string;
  stderr: string;
  /** The command as a person would type it, for messages. */
  display: string;
}

export function formatDuration(ms: number): string {
  return ms < 1000 ? `${ms}ms` : `${Math.round(ms / 100) / 10}s`;
}

function formatSize(chars: number): string {
  return chars >= 1 << 20 ? `${Math.round(chars / (1 << 20))} MiB` : `${Math.round(chars / 1024)} KiB`;
}

/**
 * Runs istioctl calls: finds the binary once, runs at most `concurrency` at a time, each with a
 * timeout and an output limit, and turns every failure into an IstioctlError (exit 3).
 */
export class IstioctlRunner {
  private binary?: Promise<string>;
  private readonly slots: Semaphore;

  constructor(private readonly options: RunnerOptions) {
    this.slots = new Semaphore(options.concurrency);
  }

  /** Calls running now. */
  get inFlight(): number {
    return this.slots.inFlight;
  }

  /** The command line of `args` as it will run (`istioctl proxy-config all … --context prod`). */
  display(args: string[]): string {
    return displayCommand('istioctl', [...args, ...this.options.globalArgs]);
  }

  /** Runs `istioctl args…`; `okExitCodes` are exits that still carry the answer on stdout. */
  async run(args: string[], signal?: AbortSignal, okExitCodes: readonly number[] = [0]): Promise<IstioctlAnswer> {
    const display = this.display(args);
    this.binary ??= resolveIstioctl(this.options.env, this.options.cwd, this.options.istioctl);
    const file = await this.binary.catch((error: unknown) => {
      this.binary = undefined;
      throw error;
    });
    const release = await this.slots.acquire(signal);
    let outcome: Awaited<ReturnType<typeof execFile>>;
    try {
      outcome = await execFile(file, [...args, ...this.options.globalArgs], {
        env: this.options.env,
        cwd: this.options.cwd,
        timeoutMs: this.options.timeoutMs,
        maxOutput: this.options.maxOutput,
        signal,
      });
    } finally {
      release();
    }
    switch (outcome.kind) {
      case 'exited':
        if (okExitCodes.includes(outcome.exitCode)) return { stdout: outcome.stdout, stderr: outcome.stderr, display };
        throw failureOf(display, outcome.exitCode, outcome.stderr);
      case 'timeout':
        throw new IstioctlError('timeout', `${display} did not answer within ${formatDuration(this.options.timeoutMs)}; raise --timeout`, outcome.stderr);
      case 'canceled':
        throw new IstioctlError('canceled', `${display} was cancelled`);
      case 'too-large':
        throw new IstioctlError(
          'too-large',
          `${display} printed more than ${formatSize(this.options.maxOutput)}; save its output to a file and use --file`,
          outcome.stderr,
        );
      case 'killed':
        throw new IstioctlError('failed', `${display} was killed by ${outcome.signal}`, outcome.stderr);
      case 'spawn-failed':
        this.binary = undefined;
        if (outcome.code === 'ENOENT') throw new IstioctlError('not-installed', `${file} disappeared; ${INSTALL_HINT}`);
        if (outcome.code === 'EACCES') throw new IstioctlError('not-installed', `${file} cannot be run (permission denied)`);
        throw new IstioctlError('failed', `${display} could not start: ${outcome.message}`);
    }
  }
}
