import type { FetchedStats } from '../core/envoy/stats.ts';
import type { ProxyConfig } from '../core/envoy/types.ts';
import type { AnalyzerMessage } from '../core/istio/analyze.ts';
import type { ProxySummary } from '../core/istio/proxy-status.ts';

export type { AnalyzerMessage } from '../core/istio/analyze.ts';
export type { ProxySummary } from '../core/istio/proxy-status.ts';

/** One proxy's configuration as fetched, with when it was fetched (for "data age"). */
export interface FetchedProxyConfig {
  config: ProxyConfig;
  /** Epoch ms of the fetch or capture. */
  fetchedAt: number;
}

/** Envoy stats of one proxy (`istioctl x envoy-stats POD -o json`), as name → value counters/gauges. */
export type ProxyStats = FetchedStats;

/**
 * Where meshscope's data comes from: a live mesh through istioctl, a snapshot file, or dump files.
 * `app/` and `ui/` only see this interface; `cli/` constructs the concrete source. Every method
 * may be cancelled with `signal` and fails with a SourceError (exit 3) or InputError (exit 2)
 * whose one-line message says what to do.
 */
export interface MeshSource {
  readonly kind: 'live' | 'snapshot' | 'file';
  /** For status lines: `kube context prod-eu`, `snapshot incident.json.gz`, `file dump.json`. */
  readonly label: string;
  /** Every proxy the source knows (proxy-status), sorted by name. */
  listProxies(signal?: AbortSignal): Promise<ProxySummary[]>;
  /** A proxy's config dump (with EDS) and, where available, its /clusters endpoint state. */
  proxyConfig(proxy: string, signal?: AbortSignal): Promise<FetchedProxyConfig>;
  /** `istioctl analyze` messages for a namespace (all namespaces when undefined). */
  analyze(namespace: string | undefined, signal?: AbortSignal): Promise<AnalyzerMessage[]>;
  /** Envoy stats, for meshtop; undefined when the source has none. */
  stats?(proxy: string, signal?: AbortSignal): Promise<ProxyStats>;
  /**
   * For a capture (snapshot, one dump file): epoch ms its data is from (the snapshot's
   * `capturedAt`, the dump's modification time), once listProxies has read it; undefined when
   * there is no single time (a folder of dumps) or not yet known.
   */
  capturedAt?(): number | undefined;
  /** Releases what the source holds (running processes, caches). */
  close?(): void;
}
