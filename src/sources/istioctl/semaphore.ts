import { onAbort } from './abort.ts';
import { IstioctlError } from './istioctl-error.ts';

/**
 * At most `limit` istioctl processes at once (each holds a port-forward and an API connection).
 * `acquire` waits for a slot and returns the function that frees it; a caller that gives up
 * (its signal aborts) while waiting leaves the queue.
 */
export class Semaphore {
  private running = 0;
  private readonly waiting: { grant: () => void }[] = [];

  constructor(private readonly limit: number) {}

  /** Processes running now (for tests and status lines). */
  get inFlight(): number {
    return this.running;
  }

  acquire(signal?: AbortSignal): Promise<() => void> {
    if (signal?.aborted) return Promise.reject(new IstioctlError('canceled', 'cancelled before istioctl started'));
    if (this.running < this.limit) {
      this.running++;
      return Promise.resolve(this.releaser());
    }
    return new Promise((resolve, reject) => {
      const entry = {
        grant: () => {
          unlisten();
          this.running++;
          resolve(this.releaser());
        },
      };
      const unlisten = onAbort(signal, () => {
        const at = this.waiting.indexOf(entry);
        if (at !== -1) this.waiting.splice(at, 1);
        reject(new IstioctlError('canceled', 'cancelled while waiting for another istioctl call'));
      });
      this.waiting.push(entry);
    });
  }

  private releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.running--;
      this.waiting.shift()?.grant();
    };
  }
}
