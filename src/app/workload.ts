import type { ProxyConfig } from '../core/envoy/types.ts';
import { type Finding, findingsFor } from '../core/findings/index.ts';
import type { AnalyzerMessage, MeshSource, ProxySummary } from './mesh-source.ts';

/** Everything the workload screen shows about one proxy, fetched together. */
export interface Workload {
  /** `pod.namespace`. */
  proxy: string;
  namespace?: string;
  summary?: ProxySummary;
  config: ProxyConfig;
  /** Epoch ms of the fetch or capture (data age). */
  fetchedAt: number;
  /**
   * meshscope's findings about the config (MS1xx); undefined when the caller asked for them
   * later (`findings: 'later'`: the TUI counts them in the background, see findingsInBackground).
   */
  findings?: Finding[];
  /** `istioctl analyze` messages for the namespace. */
  analyzer: AnalyzerMessage[];
  /** Why analyzer messages are missing, when fetching them failed (the rest is still usable). */
  analyzeError?: string;
}

export interface LoadWorkloadOptions {
  summary?: ProxySummary;
  /** Ask a caching source (live istioctl) to fetch again rather than answer from its cache. */
  fresh?: boolean;
  signal?: AbortSignal;
  /** Called with what is being fetched now, for the spinner. */
  onProgress?: (what: string) => void;
  /** `later`: return without findings (the caller computes them, e.g. in the background). Default `now`. */
  findings?: 'now' | 'later';
}

/**
 * Fetches one proxy's config dump and the analyzer messages of its namespace, then computes
 * findings (unless asked for them later). A failing config fetch fails the load (its error names the remedy); failing analyzer
 * messages only leave `analyzeError` set.
 */
export async function loadWorkload(source: MeshSource, proxy: string, options: LoadWorkloadOptions = {}): Promise<Workload> {
  const { signal, onProgress } = options;
  if (options.fresh) (source as MeshSource & { refresh?: (proxy?: string) => void }).refresh?.(proxy);
  onProgress?.(`fetching the config dump of ${proxy} (${source.label})`);
  const { config, fetchedAt } = await source.proxyConfig(proxy, signal);
  const namespace = config.node?.namespace ?? options.summary?.namespace ?? (proxy.includes('.') ? proxy.slice(proxy.lastIndexOf('.') + 1) : undefined);
  let analyzer: AnalyzerMessage[] = [];
  let analyzeError: string | undefined;
  if (namespace) {
    onProgress?.(`fetching istioctl analyze messages for namespace ${namespace}`);
    try {
      analyzer = await source.analyze(namespace, signal);
    } catch (error) {
      if (signal?.aborted) throw error;
      analyzeError = error instanceof Error ? error.message : String(error);
    }
  }
  const loaded: Workload = { proxy, namespace, summary: options.summary, config, fetchedAt, analyzer, analyzeError };
  if (options.findings === 'later') return loaded;
  onProgress?.(`computing findings for ${proxy}`);
  return { ...loaded, findings: findingsFor(config) };
}
