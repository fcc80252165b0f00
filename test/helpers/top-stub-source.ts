import { setTimeout as sleep } from 'node:timers/promises';
import type { FetchedProxyConfig, MeshSource, ProxyStats, ProxySummary } from '../../src/app/mesh-source.ts';
import { parseEnvoyStats } from '../../src/core/envoy/stats.ts';
import type { ClusterStatus, ProxyConfig } from '../../src/core/envoy/types.ts';
import { host } from './top-samples.ts';

/**
 * An in-process MeshSource whose Envoy counters grow with its clock, for meshtop's poller tests
 * and its CPU bench: `traffic` says requests per second per cluster. Stats are produced as the
 * Envoy `/stats?format=json` document and read back with the live source's parser, so a poll
 * costs what a live one costs minus the istioctl process. It can fail a read, restart Envoy
 * (counters and uptime back to 0) and count its calls.
 */
export interface StubTraffic {
  rps: number;
  /** Share of responses that are 5xx. */
  errorShare?: number;
  retryShare?: number;
  ejected?: number;
  /** Endpoints (`ip:port`), sharing the requests equally. */
  endpoints?: string[];
}

export class TopStubSource implements MeshSource {
  readonly kind = 'live' as const;
  readonly label = 'stub mesh';
  calls = { stats: 0, clusterStats: 0, proxyConfig: 0, listProxies: 0 };
  /** Calls in flight now, and the most seen at once. */
  inFlight = 0;
  maxInFlight = 0;
  /** Next reads of these kinds throw. */
  failing = new Set<'stats' | 'clusterStats' | 'proxyConfig' | 'listProxies'>();
  /** Milliseconds each read takes. */
  delayMs = 0;
  private startedAt: number;

  constructor(
    private readonly config: ProxyConfig,
    public proxies: ProxySummary[],
    public traffic: Record<string, StubTraffic>,
    private readonly clock: () => number = Date.now,
  ) {
    this.startedAt = clock();
  }

  /** Envoy restarts: uptime and every counter start again from 0. */
  restart(): void {
    this.startedAt = this.clock();
  }

  private async call<T>(kind: keyof TopStubSource['calls'], signal: AbortSignal | undefined, answer: () => T): Promise<T> {
    this.calls[kind]++;
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      if (this.delayMs > 0) await sleep(this.delayMs, undefined, signal ? { signal } : {});
      if (this.failing.has(kind)) throw new Error(`${kind} failed (stub)`);
      return answer();
    } finally {
      this.inFlight--;
    }
  }

  private seconds(): number {
    return (this.clock() - this.startedAt) / 1000;
  }

  listProxies(signal?: AbortSignal): Promise<ProxySummary[]> {
    return this.call('listProxies', signal, () => this.proxies);
  }

  proxyConfig(_proxy: string, signal?: AbortSignal): Promise<FetchedProxyConfig> {
    return this.call('proxyConfig', signal, () => ({ config: this.config, fetchedAt: this.clock() }));
  }

  async analyze(): Promise<never[]> {
    return [];
  }

  /** The stats document Envoy would print, parsed as the live source parses it. */
  stats(_proxy: string, signal?: AbortSignal): Promise<ProxyStats> {
    return this.call('stats', signal, () => {
      const t = this.seconds();
      const stats: { name: string; value: number }[] = [{ name: 'server.uptime', value: Math.floor(t) }];
      for (const cluster of this.config.clusters) {
        const traffic = this.traffic[cluster.name];
        const total = Math.floor((traffic?.rps ?? 0) * t);
        const errors = Math.floor(total * (traffic?.errorShare ?? 0));
        const prefix = `cluster.${cluster.name};.`;
        stats.push(
          { name: `${prefix}upstream_rq_total`, value: total },
          { name: `${prefix}upstream_rq_2xx`, value: total - errors },
          { name: `${prefix}upstream_rq_5xx`, value: errors },
          { name: `${prefix}upstream_rq_retry`, value: Math.floor(total * (traffic?.retryShare ?? 0)) },
          { name: `${prefix}upstream_rq_timeout`, value: 0 },
          { name: `${prefix}upstream_rq_pending_overflow`, value: 0 },
          { name: `${prefix}upstream_cx_active`, value: total > 0 ? 2 : 0 },
          { name: `${prefix}upstream_cx_total`, value: Math.floor(total / 50) },
          { name: `${prefix}outlier_detection.ejections_active`, value: traffic?.ejected ?? 0 },
          { name: `${prefix}membership_healthy`, value: 1 },
        );
      }
      const histograms = {
        supported_quantiles: [50, 99],
        computed_quantiles: [
          {
            name: `cluster.${Object.keys(this.traffic)[0]};.upstream_rq_time`,
            values: [
              { interval: 5, cumulative: 4 },
              { interval: 40, cumulative: 38 },
            ],
          },
        ],
      };
      const text = JSON.stringify({ stats: [...stats, { histograms }] });
      return { fetchedAt: this.clock(), ...parseEnvoyStats(JSON.parse(text)) };
    });
  }

  /** /clusters host counters, as LiveSource.clusterStats returns them. */
  clusterStats(_proxy: string, signal?: AbortSignal): Promise<{ hostStatus: ClusterStatus[]; fetchedAt: number }> {
    return this.call('clusterStats', signal, () => {
      const t = this.seconds();
      const hostStatus = Object.entries(this.traffic).map(([name, traffic]): ClusterStatus => {
        const endpoints = traffic.endpoints ?? [];
        const each = Math.floor((traffic.rps * t) / Math.max(1, endpoints.length));
        return {
          name,
          addedViaApi: true,
          circuitBreakers: [],
          raw: {},
          hosts: endpoints.map((address, i) => host({ address, rq_total: each, rq_success: each, ejected: i < (traffic.ejected ?? 0), cx_active: 1 })),
        };
      });
      return { hostStatus, fetchedAt: this.clock() };
    });
  }
}
