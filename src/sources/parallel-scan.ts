import { Worker } from 'node:worker_threads';
import { type ScanJob, type ScanRange, type ScanResult, type SectionScanner, scanHere, scanRange } from '../core/envoy/parse-sections.ts';
import { claimBack, claimBoard, MAX_CLAIMED_RANGES } from './scan-claims.ts';
import type { ScanRequest } from './scan-worker.ts';

/**
 * The depth and key scan of a dump's sections (`scanJsonBytes`, ~1 ns a byte) in a worker thread
 * while this thread decodes and parses them (issue 18: on a 340 MB dump it is ~0.4 s of the load
 * that need not wait for the parse). The two threads share the ranges (scan-claims.ts): the
 * worker takes them from the front, and this thread, once its parse is done, takes what is left
 * from the back instead of waiting (a command that parses one small section and checks the
 * syntax of the rest). Only for bytes in a SharedArrayBuffer (`readInputBytes` with `shared`), so
 * nothing is copied, and only past `PARALLEL_MIN_BYTES`, below which starting a worker (~30 ms)
 * costs more than it saves. A worker can be started before the bytes are read (`prepareScanner`),
 * its start-up then overlapping the read. When the worker cannot start or fails, this thread
 * scans what it left: the answer never depends on where it ran. Node, Bun and Deno all provide
 * node:worker_threads, SharedArrayBuffer and Atomics.
 */
export const PARALLEL_MIN_BYTES = 16 * 1024 * 1024;

/** The worker module beside this one, in the form this process runs (dist's .js, or .ts under Bun and Deno). */
function workerUrl(): URL {
  const self = (import.meta as { url: string }).url;
  return new URL(`./scan-worker${self.endsWith('.ts') ? '.ts' : '.js'}`, self);
}

/** A started worker and what it said: its listeners are attached at once, so an early error is never unhandled. */
interface ScanThread {
  worker: Worker;
  stopped: boolean;
  onAnswer?: (index: number, result: ScanResult) => void;
  onStop?: () => void;
}

function startThread(): ScanThread | undefined {
  let worker: Worker;
  try {
    worker = new Worker(workerUrl());
  } catch {
    return undefined;
  }
  const thread: ScanThread = { worker, stopped: false };
  const stop = (): void => {
    thread.stopped = true;
    thread.onStop?.();
  };
  worker.on('message', (message: { index?: number; result?: ScanResult }) => {
    if (typeof message.index === 'number' && message.result) thread.onAnswer?.(message.index, message.result);
  });
  worker.on('error', stop);
  worker.on('exit', stop);
  return thread;
}

/**
 * The ranges shared with `thread`. `finish` scans here what the worker has not taken (unless
 * `help` is false), waits for the answers it owes, and stops it; a range it took and never
 * answered (it failed) is scanned here.
 */
function shareWith(thread: ScanThread, bytes: Uint8Array, ranges: readonly ScanRange[], help = true): ScanJob {
  const results: (ScanResult | undefined)[] = ranges.map(() => undefined);
  const board = claimBoard(ranges.length);
  let wake: (() => void) | undefined;
  thread.onAnswer = (index, result) => {
    results[index] = result;
    wake?.();
  };
  thread.onStop = () => wake?.();
  const request: ScanRequest = {
    buffer: bytes.buffer as SharedArrayBuffer,
    offset: bytes.byteOffset,
    length: bytes.byteLength,
    ranges: [...ranges],
    board: board.buffer as SharedArrayBuffer,
  };
  thread.worker.postMessage(request);
  const stop = (): void => {
    thread.onAnswer = undefined;
    thread.onStop = undefined;
    void thread.worker.terminate();
  };
  return {
    cancel: stop,
    finish: async () => {
      if (help) for (let index = claimBack(board); index !== undefined; index = claimBack(board)) results[index] = scanRange(bytes, ranges[index]!);
      while (!thread.stopped && results.some((r) => r === undefined)) {
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
        wake = undefined;
      }
      stop();
      return ranges.map((range, index) => results[index] ?? scanRange(bytes, range));
    },
  };
}

function worthAWorker(bytes: Uint8Array, ranges: readonly ScanRange[]): boolean {
  const total = ranges.reduce((n, r) => n + (r.end - r.start), 0);
  return bytes.buffer instanceof SharedArrayBuffer && total >= PARALLEL_MIN_BYTES && ranges.length <= MAX_CLAIMED_RANGES;
}

/** The scan in a worker thread alone, whatever the size (for the tests: the CLI shares the ranges). */
export function scanInWorker(bytes: Uint8Array, ranges: readonly ScanRange[]): Promise<ScanResult[]> {
  const thread = startThread();
  if (!thread) return Promise.reject(new Error('the scan worker did not start'));
  return shareWith(thread, bytes, ranges, false).finish();
}

export const scanInParallel: SectionScanner = (bytes, ranges) => {
  const thread = worthAWorker(bytes, ranges) ? startThread() : undefined;
  return thread ? shareWith(thread, bytes, ranges) : scanHere(bytes, ranges);
};

/** A scanner whose worker started before the bytes were read; `dispose` stops it if it was not used (call it once the scan is over). */
export interface PreparedScanner {
  scanner: SectionScanner;
  dispose(): void;
}

export function prepareScanner(): PreparedScanner {
  let thread = startThread();
  const dispose = (): void => {
    if (thread) void thread.worker.terminate();
    thread = undefined;
  };
  return {
    scanner: (bytes, ranges) => {
      const ready = thread && !thread.stopped && worthAWorker(bytes, ranges) ? thread : undefined;
      if (!ready) {
        dispose();
        return scanInParallel(bytes, ranges);
      }
      return shareWith(ready, bytes, ranges);
    },
    dispose,
  };
}
