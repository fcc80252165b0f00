import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { RunOutcome } from './classify.ts';
import type { RunReply, RunRequest } from './worker.ts';

/**
 * One worker thread running CLI calls in sequence, with a watchdog: a run that does not answer
 * within `guardMs` is a hang (the worker is terminated and a fresh one started), a worker that
 * dies (an uncaught exception, out of memory) is a crash. A thread, not a process: a run costs
 * milliseconds, not a Node start.
 */
const WORKER = fileURLToPath(new URL('./worker.js', (import.meta as { url: string }).url));

export class WorkerRunner {
  private worker: Worker | undefined;
  private nextId = 0;
  private pending: { id: number; resolve: (o: RunOutcome) => void } | undefined;

  constructor(private readonly guardMs: number) {}

  private start(): Worker {
    const worker = new Worker(WORKER, { resourceLimits: { maxOldGenerationSizeMb: 2048 }, stdout: true, stderr: true });
    worker.stdout.resume();
    worker.stderr.resume();
    worker.on('message', (reply: RunReply) => {
      const pending = this.pending;
      if (!pending || pending.id !== reply.id) return;
      this.pending = undefined;
      pending.resolve(
        'thrown' in reply
          ? { kind: 'crash', error: `main threw: ${reply.thrown}` }
          : { kind: 'exited', code: reply.code, stdout: reply.stdout, stderr: reply.stderr },
      );
    });
    worker.on('error', (error) => this.fail(`worker died: ${error.stack ?? error.message}`));
    worker.on('exit', (code) => this.fail(`worker exited with code ${code}`));
    return worker;
  }

  private fail(error: string): void {
    this.worker = undefined;
    const pending = this.pending;
    this.pending = undefined;
    pending?.resolve({ kind: 'crash', error });
  }

  run(argv: string[], env: Record<string, string>, cwd: string): Promise<RunOutcome> {
    this.worker ??= this.start();
    const worker = this.worker;
    const id = this.nextId++;
    return new Promise<RunOutcome>((resolve) => {
      const timer = setTimeout(() => {
        if (this.pending?.id !== id) return;
        this.pending = undefined;
        this.worker = undefined;
        worker.removeAllListeners('exit');
        worker.removeAllListeners('error');
        void worker.terminate();
        resolve({ kind: 'hang', afterMs: this.guardMs });
      }, this.guardMs);
      this.pending = {
        id,
        resolve: (outcome) => {
          clearTimeout(timer);
          resolve(outcome);
        },
      };
      worker.postMessage({ id, argv, env, cwd } satisfies RunRequest);
    });
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    if (worker) {
      worker.removeAllListeners('exit');
      await worker.terminate();
    }
  }
}
