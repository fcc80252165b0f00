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
): Promise<PathTrace> {
  const proxies: PathProxy[] = [];
  const unreadable: PathTrace['unreadable'] = [];
  for (const summary of await source.listProxies(signal)) {
    try {
      const { config } = await source.proxyConfig(summary.name, signal);
      proxies.push(pathProxy(summary.name, config));
    } catch (error) {
      if (signal?.aborted) throw error;
      unreadable.push({ proxy: summary.name, why: error instanceof Error ? error.message : String(error) });
    }
  }
  const path = tracePath(proxies, from, request, steps, options);
  return { path, unreadable };
}
