import { performance } from 'node:perf_hooks';

/** Timing helpers: every duration in milliseconds from the monotonic clock. */

export function median(samples: number[]): number {
  return percentile(samples, 50);
}

/** The nearest-rank percentile (p in 0–100) of the samples. */
export function percentile(samples: number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

/** Milliseconds one call of `fn` takes. */
export function timeOnce(fn: () => unknown): number {
  const start = performance.now();
  fn();
  return performance.now() - start;
}

/**
 * Runs `fn` `warmup` times untimed, then `runs` times timed, collecting garbage before each call so
 * that one run does not pay for the previous run's garbage. Returns the timed samples.
 */
export function timeRuns(fn: () => unknown, options: { warmup: number; runs: number; gc: () => void }): number[] {
  for (let i = 0; i < options.warmup; i++) {
    options.gc();
    fn();
  }
  const samples: number[] = [];
  for (let i = 0; i < options.runs; i++) {
    options.gc();
    samples.push(timeOnce(fn));
  }
  return samples;
}

/**
 * Like timeRuns for several functions at once, interleaved (A B A B …) so that load from other
 * processes on a shared machine falls on all of them alike; ratios of their medians stay fair.
 */
export function timeInterleaved(fns: (() => unknown)[], options: { warmup: number; runs: number; gc: () => void }): number[][] {
  const samples = fns.map((): number[] => []);
  for (let i = 0; i < options.warmup + options.runs; i++) {
    fns.forEach((fn, k) => {
      options.gc();
      const ms = timeOnce(fn);
      if (i >= options.warmup) samples[k]!.push(ms);
    });
  }
  return samples;
}

export const MB = 1e6;
