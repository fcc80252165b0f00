import { Worker } from 'node:worker_threads';
import { type ScanResult, type SectionScanner, scanHere } from '../core/envoy/parse-sections.ts';

/**
 * The depth and key scan of a dump's sections (`scanJsonBytes`, ~1 ns a byte) in a worker thread
 * while this thread decodes and parses them (issue 18: on a 340 MB dump it is ~0.4 s of the load
 * that need not wait for the parse). Only for bytes in a SharedArrayBuffer (`readInputBytes` with
 * `shared`), so nothing is copied, and only past `PARALLEL_MIN_BYTES`, below which starting a
 * worker (~30 ms) costs more than it saves. When the worker cannot start or fails, the scan runs
 * here: the answer never depends on where it ran. Node, Bun and Deno all provide
 * node:worker_threads and SharedArrayBuffer.
 */
export const PARALLEL_MIN_BYTES = 16 * 1024 * 1024;

/** The worker module beside this one, in the form this process runs (dist's .js, or .ts under Bun and Deno). */
function workerUrl(): URL {
  const self = (import.meta as { url: string }).url;
  return new URL(`./scan-worker${self.endsWith('.ts') ? '.ts' : '.js'}`, self);
}

/** The scan in a worker thread, whatever the size (exported for the tests: the CLI calls `scanInParallel`). */
export function scanInWorker(bytes: Uint8Array, ranges: Parameters<SectionScanner>[1]): Promise<ScanResult[]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerUrl());
    let settled = false;
    // Settled once, before terminating: Deno emits 'exit' from inside terminate().
    const done = (error: unknown, result?: ScanResult[]): void => {
      if (settled) return;
      settled = true;
      if (result) resolve(result);
      else reject(error);
      void worker.terminate();
    };
    worker.once('message', (result: ScanResult[]) => done(undefined, result));
    worker.once('error', (error) => done(error));
    worker.once('exit', (code) => done(new Error(`scan worker exited (${code})`)));
    worker.postMessage({ buffer: bytes.buffer, offset: bytes.byteOffset, length: bytes.byteLength, ranges });
  });
}

export const scanInParallel: SectionScanner = async (bytes, ranges) => {
  const total = ranges.reduce((n, r) => n + (r.end - r.start), 0);
  if (!(bytes.buffer instanceof SharedArrayBuffer) || total < PARALLEL_MIN_BYTES) return scanHere(bytes, ranges);
  try {
    return await scanInWorker(bytes, ranges);
  } catch {
    return scanHere(bytes, ranges);
  }
};
