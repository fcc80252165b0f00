import type { ClusterStatus, ProxyConfig } from '../core/envoy/types.ts';
import { ClusterStatResolver, clusterStatResolver } from '../core/top/cluster-stats.ts';
import { buildWorkloadSample, type HostStatusInput, type StatsInput, type WorkloadSample } from '../core/top/sample.ts';
import { type WeightPlan, weightPlan } from '../core/top/weights.ts';
import type { MeshSource } from './mesh-source.ts';

/**
 * How meshtop reads one proxy from any MeshSource. Each poll reads the stats (`stats`) and the
 * /clusters host counters — from the source's `clusterStats` when it has one (the live source:
 * `istioctl x envoy-stats POD --type clusters`, no config dump), otherwise from the config's
 * /clusters data (a snapshot). The config dump (routes, clusters, their stat names) is read once
 * and again every `configEveryMs`, since weights change while a canary is shifted.
 */

/** A source that can read /clusters alone (the live source does). */
interface ClusterStatsSource {
  clusterStats(proxy: string, signal?: AbortSignal): Promise<{ hostStatus: ClusterStatus[]; fetchedAt: number }>;
}

/** A source that caches config dumps and can be told to fetch again (the live source). */
interface RefreshableSource {
  refresh(proxy?: string): void;
}

const hasClusterStats = (source: MeshSource): source is MeshSource & ClusterStatsSource =>
  typeof (source as Partial<ClusterStatsSource>).clusterStats === 'function';
const isRefreshable = (source: MeshSource): source is MeshSource & RefreshableSource => typeof (source as Partial<RefreshableSource>).refresh === 'function';

/** One line for an error, whatever was thrown. */
export function errorText(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0]!;
}

/** What meshtop knows of a proxy's config: stat names and weighted routes. */
export interface TopProxyConfig {
  config?: ProxyConfig;
  resolver: ClusterStatResolver;
  plan?: WeightPlan;
  /** When the config was fetched (epoch ms), or when the last attempt failed. */
  fetchedAt?: number;
  /** Why there is no config, if the last fetch failed. */
  error?: string;
}

export class TopReader {
  private readonly configs = new Map<string, TopProxyConfig & { readAt: number }>();

  constructor(
    private readonly source: MeshSource,
    private readonly now: () => number,
    private readonly configEveryMs = 30_000,
  ) {}

  /** The config meshtop has for a proxy (after at least one read). */
  configOf(proxy: string): TopProxyConfig | undefined {
    return this.configs.get(proxy);
  }

  /** Forgets proxies that are no longer selected. */
  retain(proxies: readonly string[]): void {
    const keep = new Set(proxies);
    for (const proxy of this.configs.keys()) if (!keep.has(proxy)) this.configs.delete(proxy);
  }

  private async config(proxy: string, signal: AbortSignal): Promise<TopProxyConfig> {
    const known = this.configs.get(proxy);
    const now = this.now();
    if (known?.config && now - known.readAt < this.configEveryMs) return known;
    if (known?.config && isRefreshable(this.source)) this.source.refresh(proxy);
    try {
      const fetched = await this.source.proxyConfig(proxy, signal);
      const entry = {
        config: fetched.config,
        resolver: clusterStatResolver(fetched.config),
        plan: weightPlan(fetched.config),
        fetchedAt: fetched.fetchedAt,
        readAt: now,
      };
      this.configs.set(proxy, entry);
      return entry;
    } catch (error) {
      if (signal.aborted) throw error;
      // Keep what we had; without any config, stats are still split by Istio's `;.` delimiter.
      const entry = { ...(known ?? { resolver: new ClusterStatResolver() }), error: `config: ${errorText(error)}`, readAt: known?.readAt ?? 0 };
      this.configs.set(proxy, entry);
      return entry;
    }
  }

  private async hosts(proxy: string, config: TopProxyConfig, signal: AbortSignal): Promise<HostStatusInput | undefined> {
    if (hasClusterStats(this.source)) {
      const read = await this.source.clusterStats(proxy, signal);
      return { fetchedAt: read.fetchedAt, clusters: read.hostStatus };
    }
    if (!config.config?.sections.hostStatus || config.fetchedAt === undefined) return undefined;
    return { fetchedAt: config.fetchedAt, clusters: config.config.hostStatus };
  }

  /** One sample of one proxy. Never throws for a failed read: the sample carries the error. */
  async read(proxy: string, signal: AbortSignal): Promise<WorkloadSample> {
    const config = await this.config(proxy, signal);
    const errors: string[] = config.error ? [config.error] : [];
    const [stats, hosts] = await Promise.all([
      this.source.stats
        ? this.source.stats(proxy, signal).then(
            (s): StatsInput => s,
            (e: unknown) => void errors.push(`stats: ${errorText(e)}`),
          )
        : undefined,
      this.hosts(proxy, config, signal).catch((e: unknown) => void errors.push(`endpoints: ${errorText(e)}`)),
    ]);
    if (!this.source.stats) errors.push(`stats: ${this.source.label} has no Envoy stats`);
    return buildWorkloadSample(proxy, config.resolver, stats ?? undefined, hosts ?? undefined, errors);
  }
}
