import { parentPort } from 'node:worker_threads';
import { scanJsonBytes } from '../core/envoy/json-depth.ts';
import type { ScanRange } from '../core/envoy/parse-sections.ts';

/**
 * The worker of `parallel-scan.ts`: scans the ranges of the shared bytes it is sent for depth and
 * keys (`scanJsonBytes`) and posts the answers back, once.
 */
parentPort?.once('message', (message: { buffer: SharedArrayBuffer; offset: number; length: number; ranges: ScanRange[] }) => {
  const bytes = new Uint8Array(message.buffer, message.offset, message.length);
  parentPort?.postMessage(message.ranges.map((r) => scanJsonBytes(bytes, r.start, r.end, r.limit)));
});
