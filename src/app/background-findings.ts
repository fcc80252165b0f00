import type { ProxyConfig } from '../core/envoy/types.ts';
import { type Finding, findingSteps } from '../core/findings/index.ts';
import { runInSlices, type SliceOptions } from './background-slices.ts';

export interface BackgroundOptions extends SliceOptions {
  /** Called at most every `progressMs` with the share of the work done (0–1). */
  onProgress?: (share: number) => void;
  progressMs?: number;
}

/**
 * `findingsFor(config)`, the same findings in the same order, computed in slices of about
 * `sliceMs` with the event loop free in between, so a terminal UI stays responsive while a large
 * proxy's findings are counted (a 10k-service sidecar: ~0.8 s of analysis). Rejects with the
 * signal's reason when aborted.
 */
export function findingsInBackground(config: ProxyConfig, options: BackgroundOptions = {}): Promise<Finding[]> {
  const { onProgress, progressMs = 200, ...slices } = options;
  let reported = performance.now();
  return runInSlices(findingSteps(config), {
    ...slices,
    onSlice: (progress) => {
      const now = performance.now();
      if (!onProgress || now - reported < progressMs) return;
      reported = now;
      onProgress(progress.total === 0 ? 0 : progress.done / progress.total);
    },
  });
}
