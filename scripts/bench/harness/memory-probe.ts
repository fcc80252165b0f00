/**
 * Child process that measures the memory of ONE parse or load of a dump, in a fresh heap:
 *
 *   node --expose-gc memory-probe.js parse|load FILE   → one JSON line on stdout (MemoryProbe)
 *
 * A fresh process because RSS high-water marks and V8's committed heap only grow: measured inside
 * the bench process they would mostly show what earlier runs left behind.
 */
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import { loadDumpText } from './cli-path.ts';

export interface MemoryProbe {
  mode: 'parse' | 'load';
  fileBytes: number;
  /** Heap used by the text alone (after gc). */
  textHeapBytes: number;
  /** Peak RSS during the call minus RSS just before it (text already in memory). */
  peakRssDeltaBytes: number;
  /** False when the kernel's RSS high-water mark could not be reset (then the peak is an upper bound). */
  peakRssReset: boolean;
  /** V8 committed heap right after the call, before any gc: close to the heap's high-water mark. */
  heapTotalAfterBytes: number;
  /** Heap still used after gc by the result alone (text dropped), above the empty baseline. */
  retainedHeapBytes: number;
  ms: number;
}

function statusKb(field: string): number {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync('/proc/self/status', 'utf8'));
  return match ? Number(match[1]) * 1024 : Number.NaN;
}

/** Resets VmHWM to the current RSS (Linux ≥ 4.0: `echo 5 > /proc/self/clear_refs`). */
function resetPeakRss(): boolean {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
    return true;
  } catch {
    return false;
  }
}

const [mode, file] = process.argv.slice(2) as ['parse' | 'load', string];
const gc = (globalThis as { gc?: () => void }).gc!;
const collect = () => {
  gc();
  gc();
};

collect();
const emptyHeap = process.memoryUsage().heapUsed;
let text: string | null = readFileSync(file, 'utf8');
collect();
const before = process.memoryUsage();
const peakRssReset = resetPeakRss();
const rssBefore = statusKb('VmRSS');
const start = performance.now();
// biome-ignore lint/correctness/noUnusedVariables: holds the parsed value alive until the heap is measured
let kept: unknown = mode === 'parse' ? JSON.parse(text) : loadDumpText(path.basename(file), text);
const ms = performance.now() - start;
const peakRss = peakRssReset ? statusKb('VmHWM') : process.resourceUsage().maxRSS * 1024;
const heapTotalAfter = process.memoryUsage().heapTotal;
text = null;
collect();
const retained = process.memoryUsage().heapUsed - emptyHeap;
const probe: MemoryProbe = {
  mode,
  fileBytes: statSync(file).size,
  textHeapBytes: before.heapUsed - emptyHeap,
  peakRssDeltaBytes: peakRss - rssBefore,
  peakRssReset,
  heapTotalAfterBytes: heapTotalAfter,
  retainedHeapBytes: retained,
  ms,
};
kept = null;
process.stdout.write(`${JSON.stringify(probe)}\n`);
