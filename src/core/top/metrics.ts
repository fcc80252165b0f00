import { type CounterIncrease, counterIncrease, type RateWindow } from './rate.ts';
import type { ClusterSample, HostCounters, HostSample } from './sample.ts';

/**
 * What meshtop shows for a cluster or an endpoint over one interval. Rates are per second; a value
 * meshtop cannot know (first sample, a stat Istio's stats matcher leaves out) is undefined, shown "—".
 */
export interface TopMetrics {
  /** Upstream requests per second (`upstream_rq_total`: each retry is a request too). */
  rps?: number;
  /** Share of responses that were not 5xx, 0–1; undefined when none completed in the interval. */
  successRate?: number;
  /** 5xx responses per second. */
  errorsPerSec?: number;
  /** `upstream_rq_retry` per second. */
  retriesPerSec?: number;
  /** `upstream_rq_timeout` (route timeout hit) per second. */
  timeoutsPerSec?: number;
  /** `upstream_rq_pending_overflow` per second: requests failed by the circuit breaker. */
  pendingOverflowPerSec?: number;
  /** Hosts ejected by outlier detection now (`outlier_detection.ejections_active`); 0/1 for an endpoint. */
  ejectionsActive?: number;
  /** Open upstream connections now. */
  cxActive?: number;
  /** Request time quantiles (`upstream_rq_time`), where the histogram is reported. */
  p50Ms?: number;
  p99Ms?: number;
  /**
   * Where the request counters came from: `stats` (cluster.<name>.*) or `hosts` (the sum of the
   * /clusters host counters, used when Istio's default stats matcher keeps cluster stats out).
   */
  source?: 'stats' | 'hosts';
  /** A counter was reset in the interval (Envoy restarted, or an endpoint was re-added). */
  reset: boolean;
  /**
   * Requests the load balancer sent here in the interval, retries excluded
   * (Δupstream_rq_total − Δupstream_rq_retry): the count the weighted-split check uses.
   */
  picks?: number;
}

class Rates {
  reset = false;
  constructor(private readonly window: RateWindow | undefined) {}
  grow(previous: number | undefined, current: number | undefined): CounterIncrease | undefined {
    const grown = counterIncrease(previous, current, this.window);
    if (grown?.reset) this.reset = true;
    return grown;
  }
  rate(previous: number | undefined, current: number | undefined): number | undefined {
    const grown = this.grow(previous, current);
    return grown && grown.increase / grown.seconds;
  }
}

const CODE_CLASSES = ['rq2xx', 'rq3xx', 'rq4xx', 'rq5xx'] as const;

/** Non-5xx share of completed responses; Envoy creates `upstream_rq_<N>xx` lazily, so an absent class is 0 once any exists. */
function statsSuccess(rates: Rates, previous: ClusterSample, current: ClusterSample): number | undefined {
  if (!CODE_CLASSES.some((k) => current.counters[k] !== undefined)) return undefined;
  let completed = 0;
  let failed = 0;
  for (const k of CODE_CLASSES) {
    const grown = rates.grow(previous.counters[k] ?? (previous.counters.rqTotal === undefined ? undefined : 0), current.counters[k] ?? 0);
    if (!grown) return undefined;
    completed += grown.increase;
    if (k === 'rq5xx') failed = grown.increase;
  }
  return completed > 0 ? 1 - failed / completed : undefined;
}

function hostSuccess(success: CounterIncrease | undefined, error: CounterIncrease | undefined): number | undefined {
  if (!success || !error) return undefined;
  const completed = success.increase + error.increase;
  return completed > 0 ? success.increase / completed : undefined;
}

function gaugeMetrics(current: ClusterSample, metrics: TopMetrics): void {
  const hosts = current.hosts;
  const ejections = current.gauges.ejectionsActive ?? hosts?.filter((h) => h.ejected).length;
  if (ejections !== undefined) metrics.ejectionsActive = ejections;
  const cx = current.gauges.cxActive ?? hosts?.reduce((sum, h) => sum + h.cxActive, 0);
  if (cx !== undefined) metrics.cxActive = cx;
  if (current.p50Ms !== undefined) metrics.p50Ms = current.p50Ms;
  if (current.p99Ms !== undefined) metrics.p99Ms = current.p99Ms;
}

/** Sums per-host increases for hosts present in both reads (a new host has no rate yet). */
function hostTotals(rates: Rates, previous: HostSample[] | undefined, current: HostSample[] | undefined) {
  const before = new Map((previous ?? []).map((h) => [h.address, h.counters]));
  const totals: Record<keyof HostCounters, CounterIncrease | undefined> = {
    rqTotal: undefined,
    rqSuccess: undefined,
    rqError: undefined,
    rqTimeout: undefined,
  };
  for (const host of current ?? []) {
    const old = before.get(host.address);
    if (!old) continue;
    for (const key of Object.keys(totals) as (keyof HostCounters)[]) {
      const grown = rates.grow(old[key], host.counters[key]);
      if (!grown) continue;
      const sum = totals[key];
      totals[key] = sum ? { increase: sum.increase + grown.increase, seconds: Math.max(sum.seconds, grown.seconds), reset: sum.reset || grown.reset } : grown;
    }
  }
  return totals;
}

/** A cluster's metrics over the interval between two samples (previous undefined: the first sample). */
export function clusterMetrics(
  previous: ClusterSample | undefined,
  current: ClusterSample,
  statsWindow: RateWindow | undefined,
  hostsWindow: RateWindow | undefined,
): TopMetrics {
  const metrics: TopMetrics = { reset: false };
  gaugeMetrics(current, metrics);
  if (current.counters.rqTotal !== undefined) {
    metrics.source = 'stats';
    if (!previous) return metrics;
    const rates = new Rates(statsWindow);
    const total = rates.grow(previous.counters.rqTotal, current.counters.rqTotal);
    if (total) metrics.rps = total.increase / total.seconds;
    const set = (key: 'errorsPerSec' | 'retriesPerSec' | 'timeoutsPerSec' | 'pendingOverflowPerSec', value: number | undefined) => {
      if (value !== undefined) metrics[key] = value;
    };
    // 5xx: lazily created, so 0 when absent from both reads but other classes exist.
    const fiveXx = current.counters.rq5xx ?? (statsSuccessKnown(current) ? 0 : undefined);
    set('errorsPerSec', rates.rate(previous.counters.rq5xx ?? (fiveXx === undefined ? undefined : 0), fiveXx));
    set('retriesPerSec', rates.rate(previous.counters.rqRetry, current.counters.rqRetry));
    set('timeoutsPerSec', rates.rate(previous.counters.rqTimeout, current.counters.rqTimeout));
    set('pendingOverflowPerSec', rates.rate(previous.counters.rqPendingOverflow, current.counters.rqPendingOverflow));
    const success = statsSuccess(rates, previous, current);
    if (success !== undefined) metrics.successRate = success;
    if (total) {
      const retries = rates.grow(previous.counters.rqRetry, current.counters.rqRetry);
      metrics.picks = Math.max(0, total.increase - (retries?.increase ?? 0));
    }
    metrics.reset = rates.reset;
    return metrics;
  }
  if (!current.hosts) return metrics;
  metrics.source = 'hosts';
  if (!previous?.hosts) return metrics;
  const rates = new Rates(hostsWindow);
  const totals = hostTotals(rates, previous.hosts, current.hosts);
  const perSec = (grown: CounterIncrease | undefined) => grown && grown.increase / grown.seconds;
  const rps = perSec(totals.rqTotal);
  if (rps !== undefined) {
    metrics.rps = rps;
    metrics.picks = totals.rqTotal!.increase;
  }
  const errors = perSec(totals.rqError);
  if (errors !== undefined) metrics.errorsPerSec = errors;
  const timeouts = perSec(totals.rqTimeout);
  if (timeouts !== undefined) metrics.timeoutsPerSec = timeouts;
  const success = hostSuccess(totals.rqSuccess, totals.rqError);
  if (success !== undefined) metrics.successRate = success;
  metrics.reset = rates.reset;
  return metrics;
}

function statsSuccessKnown(sample: ClusterSample): boolean {
  return CODE_CLASSES.some((k) => sample.counters[k] !== undefined);
}

/** One endpoint's metrics from its /clusters host counters. */
export function endpointMetrics(previous: HostSample | undefined, current: HostSample, window: RateWindow | undefined): TopMetrics {
  const metrics: TopMetrics = { reset: false, source: 'hosts', ejectionsActive: current.ejected ? 1 : 0, cxActive: current.cxActive };
  if (!previous) return metrics;
  const rates = new Rates(window);
  const total = rates.grow(previous.counters.rqTotal, current.counters.rqTotal);
  if (total) {
    metrics.rps = total.increase / total.seconds;
    metrics.picks = total.increase;
  }
  const error = rates.grow(previous.counters.rqError, current.counters.rqError);
  if (error) metrics.errorsPerSec = error.increase / error.seconds;
  const timeout = rates.rate(previous.counters.rqTimeout, current.counters.rqTimeout);
  if (timeout !== undefined) metrics.timeoutsPerSec = timeout;
  const success = hostSuccess(rates.grow(previous.counters.rqSuccess, current.counters.rqSuccess), error);
  if (success !== undefined) metrics.successRate = success;
  metrics.reset = rates.reset;
  return metrics;
}
