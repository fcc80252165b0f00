import { onAbort } from './abort.ts';
import { IstioctlError } from './istioctl-error.ts';

interface Pending<T> {
  promise: Promise<T>;
  controller: AbortController;
  waiters: number;
}

const canceled = (): IstioctlError => new IstioctlError('canceled', 'cancelled');

/**
 * One fetch per key at a time, shared by every caller that asks while it runs (two views opening
 * the same workload start one istioctl). Each caller can give up with its own signal; the fetch
 * itself is cancelled when the last caller gives up, and that caller's promise settles only after
 * the fetch has (so its istioctl process is gone).
 */
export class SharedFetches<T> {
  private readonly pending = new Map<string, Pending<T>>();

  get(key: string, start: (signal: AbortSignal) => Promise<T>, signal?: AbortSignal): Promise<T> {
    if (signal?.aborted) return Promise.reject(canceled());
    let entry = this.pending.get(key);
    if (!entry) {
      const controller = new AbortController();
      const created: Pending<T> = { promise: start(controller.signal), controller, waiters: 0 };
      const forget = (): void => {
        if (this.pending.get(key) === created) this.pending.delete(key);
      };
      created.promise.then(forget, forget);
      this.pending.set(key, created);
      entry = created;
    }
    const shared = entry;
    shared.waiters++;
    return new Promise<T>((resolve, reject) => {
      let left = false;
      const unlisten = onAbort(signal, () => {
        left = true;
        shared.waiters--;
        if (shared.waiters > 0) return reject(canceled());
        shared.controller.abort();
        const settle = (): void => reject(canceled());
        shared.promise.then(settle, settle);
      });
      shared.promise.then(
        (value) => {
          if (left) return;
          unlisten();
          shared.waiters--;
          resolve(value);
        },
        (error: unknown) => {
          if (left) return;
          unlisten();
          shared.waiters--;
          reject(error);
        },
      );
    });
  }

  /** Cancels every running fetch (the source is closing). */
  abortAll(): void {
    for (const entry of this.pending.values()) entry.controller.abort();
  }
}
