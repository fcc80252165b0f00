import { parentPort } from 'node:worker_threads';
import { type ScanRange, scanRange } from '../core/envoy/parse-sections.ts';
import { claimFront } from './scan-claims.ts';

/**
 * The worker of `parallel-scan.ts`: takes the ranges of the shared bytes it is sent from the
 * front of their board (scan-claims.ts), scans each (`scanRange`) and posts its answer, then
 * posts `done` when none is left.
 */
export interface ScanRequest {
  buffer: SharedArrayBuffer;
  offset: number;
  length: number;
  ranges: ScanRange[];
  /** The board's SharedArrayBuffer (`claimBoard`). */
  board: SharedArrayBuffer;
}

parentPort?.once('message', (message: ScanRequest) => {
  const bytes = new Uint8Array(message.buffer, message.offset, message.length);
  const board = new Int32Array(message.board);
  for (let index = claimFront(board); index !== undefined; index = claimFront(board)) {
    parentPort?.postMessage({ index, result: scanRange(bytes, message.ranges[index]!) });
  }
  parentPort?.postMessage({ done: true });
});
