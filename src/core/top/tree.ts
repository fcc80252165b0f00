import { parseClusterName } from '../envoy/cluster-name.ts';
import type { ProxyConfig } from '../envoy/types.ts';
import { clusterLb } from '../lb/cluster-lb.ts';
import type { HostShare } from '../lb/shares.ts';
import { checkShare } from './divergence.ts';
import { clusterMetrics, endpointMetrics, type TopMetrics } from './metrics.ts';
import type { RateWindow } from './rate.ts';
import { aggregateMetrics, rowKey, type TopRow, type TopWeight } from './row.ts';
import type { ClusterSample, WorkloadSample } from './sample.ts';
import type { TopOptions } from './state.ts';
import type { WeightPlan } from './weights.ts';

/** Everything one proxy's rows are built from (see state.ts). */
export interface RowContext {
  proxy: string;
  previous?: WorkloadSample;
  current: WorkloadSample;
  statsWindow?: RateWindow;
  hostsWindow?: RateWindow;
  plan?: WeightPlan;
  picks: readonly ReadonlyMap<string, number>[];
  options: TopOptions;
  history: ReadonlyMap<string, readonly (number | undefined)[]>;
  /** The proxy's config, for the endpoint shares (its EDS priorities and load balancer settings). */
  config?: ProxyConfig;
}

/** Clusters that are the workload's outbound traffic: Istio `outbound|…` ones and the passthrough/blackhole clusters. */
function isOutbound(name: string): boolean {
  const istio = parseClusterName(name);
  return istio ? istio.direction === 'outbound' : name === 'PassthroughCluster' || name === 'BlackHoleCluster';
}

/**
 * Whether a cluster is a row: outbound (unless `allClusters`), and with requests or connections
 * at some point (unless `includeIdle`); a cluster of a weighted split always is. Decided from the
 * read alone, before any rate, so a sidecar with thousands of idle clusters costs little.
 */
function visible(sample: ClusterSample, context: RowContext): boolean {
  if (context.plan?.byCluster.has(sample.name)) return true;
  if (!context.options.allClusters && !isOutbound(sample.name)) return false;
  if (context.options.includeIdle) return true;
  const hosts = sample.hosts;
  const requests = sample.counters.rqTotal ?? hosts?.reduce((total, h) => total + h.counters.rqTotal, 0) ?? 0;
  const connections = sample.gauges.cxActive ?? hosts?.reduce((total, h) => total + h.cxActive, 0) ?? 0;
  return requests > 0 || connections > 0;
}

function historyOf(context: RowContext, key: string, rps: number | undefined): (number | undefined)[] {
  const history = [...(context.history.get(key) ?? []), rps];
  return history.length > context.options.historyLength ? history.slice(history.length - context.options.historyLength) : history;
}

function row(context: RowContext, fields: Omit<TopRow, 'history' | 'children'> & { children?: TopRow[] }): TopRow {
  return { ...fields, history: historyOf(context, fields.key, fields.metrics.rps), children: fields.children ?? [] };
}

/** The configured share beside the observed one, over the intervals in `picks`. */
function weightOf(cluster: string, context: RowContext, picks: readonly ReadonlyMap<string, number>[]): TopWeight | undefined {
  const entry = context.plan?.byCluster.get(cluster);
  if (!entry) return undefined;
  const weight: TopWeight = { route: entry.split.route, configured: entry.share, samples: 0 };
  if (!entry.split.exclusive) {
    weight.notComparable = 'other routes or mirrors also send requests to these clusters';
    return weight;
  }
  const members = [...new Set(entry.split.clusters.map((c) => c.cluster))];
  let n = 0;
  let hits = 0;
  for (const interval of picks) {
    if (!members.some((m) => interval.has(m))) continue;
    for (const m of members) n += interval.get(m) ?? 0;
    hits += interval.get(cluster) ?? 0;
  }
  const check = checkShare(entry.share, hits, n);
  weight.samples = n;
  if (check.observed !== undefined) weight.observed = check.observed;
  if (check.diverges !== undefined) weight.diverges = check.diverges;
  return weight;
}

/** Each host's share of the cluster now: the config's load balancer over this poll's /clusters read. */
function sharesOf(context: RowContext, sample: ClusterSample): ReadonlyMap<string, HostShare> | undefined {
  if (!context.config || !sample.status || !context.config.index.clusterByName.has(sample.name)) return undefined;
  const lb = clusterLb(context.config, sample.name, sample.status);
  return lb.result.notInterpreted ? undefined : lb.byKey;
}

function endpointRows(context: RowContext, service: string, sample: ClusterSample, subset: string | null): TopRow[] {
  const before = new Map((context.previous?.clusters.get(sample.name)?.hosts ?? []).map((h) => [h.address, h]));
  const shares = sharesOf(context, sample);
  return (sample.hosts ?? []).map((host) => {
    const fields: Omit<TopRow, 'history' | 'children'> = {
      key: rowKey(context.proxy, 'endpoint', sample.name, host.address),
      kind: 'endpoint',
      proxy: context.proxy,
      name: host.address,
      service,
      cluster: sample.name,
      subset,
      endpoint: host.address,
      health: host.health,
      metrics: endpointMetrics(before.get(host.address), host, context.hostsWindow),
    };
    if (host.zone) fields.zone = host.zone;
    const share = shares?.get(host.address);
    if (share?.share !== null && share?.share !== undefined) {
      fields.share = share.share;
      if (share.share === 0) fields.noShare = share.reason ?? 'takes no traffic';
    }
    return row(context, fields);
  });
}

/** The workload row of one proxy with its services, clusters and endpoints; and this interval's request picks. */
export function buildProxyRows(context: RowContext): { root: TopRow; picks: ReadonlyMap<string, number>[] } {
  const interval = new Map<string, number>();
  const services = new Map<string, TopRow[]>();
  const clusters: { sample: ClusterSample; metrics: TopMetrics; service: string }[] = [];
  for (const sample of context.current.clusters.values()) {
    // Only clusters that are rows get rates; split clusters always are, so the picks are complete.
    if (!visible(sample, context)) continue;
    const metrics = clusterMetrics(context.previous?.clusters.get(sample.name), sample, context.statsWindow, context.hostsWindow);
    if (metrics.picks !== undefined) interval.set(sample.name, metrics.picks);
    const istio = parseClusterName(sample.name);
    clusters.push({ sample, metrics, service: istio ? `${istio.host}:${istio.port}` : sample.name });
  }
  const real = context.statsWindow !== undefined || context.hostsWindow !== undefined;
  const picks = real ? [...context.picks, interval].slice(-context.options.weightWindow) : [...context.picks];
  for (const { sample, metrics, service } of clusters) {
    const istio = parseClusterName(sample.name);
    const subset = istio ? istio.subset || null : null;
    const fields: Omit<TopRow, 'history' | 'children'> & { children: TopRow[] } = {
      key: rowKey(context.proxy, 'cluster', sample.name),
      kind: 'cluster',
      proxy: context.proxy,
      name: istio ? (subset ?? '(default)') : sample.name,
      service,
      cluster: sample.name,
      subset,
      metrics,
      children: endpointRows(context, service, sample, subset),
    };
    const weight = weightOf(sample.name, context, picks);
    if (weight) fields.weight = weight;
    let list = services.get(service);
    if (!list) {
      list = [];
      services.set(service, list);
    }
    list.push(row(context, fields));
  }
  const serviceRows = [...services].map(([service, children]) =>
    row(context, {
      key: rowKey(context.proxy, 'service', service),
      kind: 'service',
      proxy: context.proxy,
      name: service,
      service,
      metrics: aggregateMetrics(children.map((c) => c.metrics)),
      children,
    }),
  );
  const root = row(context, {
    key: rowKey(context.proxy, 'workload'),
    kind: 'workload',
    proxy: context.proxy,
    name: context.proxy,
    metrics: aggregateMetrics(serviceRows.map((s) => s.metrics)),
    children: serviceRows,
  });
  return { root, picks };
}
