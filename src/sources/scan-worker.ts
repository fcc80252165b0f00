import { parentPort } from 'node:worker_threads';
import { type ScanRange, scanRange } from '../core/envoy/parse-sections.ts';

/**
 * The worker of `parallel-scan.ts`: scans the ranges of the shared bytes it is sent for depth and
 * keys, or syntax (`scanRange`), and posts the answers back, once.
 */
parentPort?.once('message', (message: { buffer: SharedArrayBuffer; offset: number; length: number; ranges: ScanRange[] }) => {
  const bytes = new Uint8Array(message.buffer, message.offset, message.length);
  parentPort?.postMessage(message.ranges.map((r) => scanRange(bytes, r)));
});
