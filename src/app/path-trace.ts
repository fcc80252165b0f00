import { type PathProxy, pathProxy } from '../core/path/owners.ts';
import { type PathOptions, tracePath } from '../core/path/path.ts';
import type { PathResult, PathSteps } from '../core/path/types.ts';
import type { HttpRequest } from '../core/router/request.ts';
import type { MeshSource } from './mesh-source.ts';

export interface PathTrace {
  path: PathResult;
  /** Proxies of the source whose config could not be read (a failed capture): the path cannot pass through them. */
  unreadable: { proxy: string; why: string }[];
}

/**
 * `explain --path` and the TUI's path view: every proxy the source holds, read once, and the
 * request followed from `from` through them. Proxies that fail to load are listed, not fatal:
 * the path stops where it would need one of them (the snapshot "lacks" that hop).
 */
export async function tracePathFrom(
  source: MeshSource,
  from: string,
  request: HttpRequest,
  steps: PathSteps,
  options: PathOptions = {},
  signal?: AbortSignal,
  onProgress?: (done: number, total: number) => void,
): Promise<PathTrace> {
  const summaries = await source.listProxies(signal);
  const loaded: (PathProxy | { proxy: string; why: string })[] = new Array(summaries.length);
  let next = 0;
  let done = 0;
  // A few reads at once: a live source runs one istioctl per proxy.
  const worker = async () => {
    while (next < summaries.length) {
      const i = next++;
      const name = summaries[i]!.name;
      try {
        const { config } = await source.proxyConfig(name, signal);
        loaded[i] = pathProxy(name, config);
      } catch (error) {
        if (signal?.aborted) throw error;
        loaded[i] = { proxy: name, why: error instanceof Error ? error.message : String(error) };
      }
      onProgress?.(++done, summaries.length);
    }
  };
  await Promise.all(Array.from({ length: Math.min(READ_CONCURRENCY, summaries.length) }, worker));
  const proxies: PathProxy[] = [];
  const unreadable: PathTrace['unreadable'] = [];
  for (const item of loaded) {
    if ('config' in item) proxies.push(item);
    else unreadable.push(item);
  }
  const path = tracePath(proxies, from, request, steps, options);
  return { path, unreadable };
}

/** Proxies read at once (each live read is an istioctl process). */
const READ_CONCURRENCY = 4;
