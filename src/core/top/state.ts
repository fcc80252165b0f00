import type { ProxyConfig } from '../envoy/types.ts';
import { hostsWindow, statsWindow } from './rate.ts';
import type { TopRow } from './row.ts';
import type { ClusterSample, WorkloadSample } from './sample.ts';
import { buildProxyRows, type RowContext } from './tree.ts';
import { planSignature, type WeightPlan } from './weights.ts';

/**
 * meshtop's state between samples, advanced by one pure step per poll: the rows to show, the
 * reads the next rates are computed against, RPS history for sparklines and the per-interval
 * request counts behind the weight check. Nothing here reads a clock: times come with the samples.
 */
export interface TopOptions {
  /** RPS values kept per row for the sparkline. */
  historyLength: number;
  /** Intervals whose requests the weight check adds up (30 × 2 s = the last minute). */
  weightWindow: number;
  /** Also inbound and Envoy-internal clusters (xds-grpc, prometheus_stats, ...). */
  allClusters: boolean;
  /** Also clusters that never had a request or a connection. */
  includeIdle: boolean;
}

export const DEFAULT_TOP_OPTIONS: TopOptions = { historyLength: 30, weightWindow: 30, allClusters: false, includeIdle: false };

export interface ProxyTop {
  proxy: string;
  /** The last successful read (epoch ms), stats or /clusters. */
  sampledAt?: number;
  /** What failed in the last poll of this proxy. */
  errors: string[];
  /** The workload row (its children are the services). */
  root: TopRow;
  /** The last successful stats read and /clusters read, merged: what the next rates start from. */
  baseline?: WorkloadSample;
  history: ReadonlyMap<string, readonly (number | undefined)[]>;
  /** Requests picked per cluster, one map per interval, oldest first (for the weight check). */
  picks: readonly ReadonlyMap<string, number>[];
  /** Polls of this proxy so far. */
  polls: number;
  /** The configured weights the picks were counted under (planSignature). */
  weights: string;
}

export interface TopState {
  /** By proxy name. */
  proxies: ProxyTop[];
  /** The newest read time over all proxies. */
  sampledAt?: number;
}

export const EMPTY_TOP: TopState = { proxies: [] };

function mergeCluster(name: string, stats: ClusterSample | undefined, hosts: ClusterSample | undefined): ClusterSample {
  const merged: ClusterSample = { name, counters: stats?.counters ?? {}, gauges: stats?.gauges ?? {} };
  if (stats?.p50Ms !== undefined) merged.p50Ms = stats.p50Ms;
  if (stats?.p99Ms !== undefined) merged.p99Ms = stats.p99Ms;
  if (hosts?.hosts) merged.hosts = hosts.hosts;
  if (hosts?.status) merged.status = hosts.status;
  return merged;
}

/**
 * The sample rates are computed on: a part that failed this time (stats or /clusters) is the
 * last good read of it, so its rates are "—" for this poll and come back at the next good read.
 */
function mergeBaseline(previous: WorkloadSample | undefined, current: WorkloadSample): WorkloadSample {
  const haveStats = current.statsAt !== undefined || !previous;
  const haveHosts = current.hostsAt !== undefined || !previous;
  if (haveStats && haveHosts) return current;
  const statsFrom = haveStats ? current : previous!;
  const hostsFrom = haveHosts ? current : previous!;
  const clusters = new Map<string, ClusterSample>();
  for (const name of new Set([...statsFrom.clusters.keys(), ...hostsFrom.clusters.keys()])) {
    clusters.set(name, mergeCluster(name, statsFrom.clusters.get(name), hostsFrom.clusters.get(name)));
  }
  const merged: WorkloadSample = { proxy: current.proxy, clusters, errors: current.errors };
  if (statsFrom.statsAt !== undefined) merged.statsAt = statsFrom.statsAt;
  if (hostsFrom.hostsAt !== undefined) merged.hostsAt = hostsFrom.hostsAt;
  if (statsFrom.uptimeSec !== undefined) merged.uptimeSec = statsFrom.uptimeSec;
  return merged;
}

function walk(row: TopRow, visit: (row: TopRow) => void): void {
  visit(row);
  for (const child of row.children) walk(child, visit);
}

/** One proxy's next state from its new sample and its weighted routes. */
function advanceProxy(
  previous: ProxyTop | undefined,
  sample: WorkloadSample,
  plan: WeightPlan | undefined,
  options: TopOptions = DEFAULT_TOP_OPTIONS,
  config?: ProxyConfig,
): ProxyTop {
  const before = previous?.baseline;
  const current = mergeBaseline(before, sample);
  // New weights (a canary step): requests counted under the old ones say nothing about the new.
  const weights = planSignature(plan);
  const picksSoFar = previous && previous.weights === weights ? previous.picks : [];
  const context: RowContext = {
    proxy: sample.proxy,
    previous: before,
    current,
    statsWindow: statsWindow(before, current),
    hostsWindow: hostsWindow(before, current),
    plan,
    picks: picksSoFar,
    options,
    history: previous?.history ?? new Map(),
  };
  if (config) context.config = config;
  const { root, picks } = buildProxyRows(context);
  const history = new Map<string, readonly (number | undefined)[]>();
  walk(root, (row) => history.set(row.key, row.history));
  const at = [current.statsAt, current.hostsAt].filter((t): t is number => t !== undefined);
  const top: ProxyTop = { proxy: sample.proxy, errors: sample.errors, root, baseline: current, history, picks, polls: (previous?.polls ?? 0) + 1, weights };
  if (at.length > 0) top.sampledAt = Math.max(...at);
  return top;
}

/**
 * The next state from one poll's samples (one per selected proxy). A proxy that is no longer
 * selected (its pod went away) is dropped; a new one starts with "—" rates.
 */
export function advanceTop(
  state: TopState,
  samples: readonly WorkloadSample[],
  plans: ReadonlyMap<string, WeightPlan>,
  options: TopOptions = DEFAULT_TOP_OPTIONS,
  configs: ReadonlyMap<string, ProxyConfig> = new Map(),
): TopState {
  const byProxy = new Map(state.proxies.map((p) => [p.proxy, p]));
  const proxies = samples
    .map((sample) => advanceProxy(byProxy.get(sample.proxy), sample, plans.get(sample.proxy), options, configs.get(sample.proxy)))
    .sort((a, b) => (a.proxy < b.proxy ? -1 : a.proxy > b.proxy ? 1 : 0));
  const times = proxies.map((p) => p.sampledAt).filter((t): t is number => t !== undefined);
  const next: TopState = { proxies };
  if (times.length > 0) next.sampledAt = Math.max(...times);
  return next;
}
