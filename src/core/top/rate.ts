import type { WorkloadSample } from './sample.ts';

/**
 * Rates from Envoy counters: the increase between two reads divided by the time between them.
 *
 * - The first read of a proxy, a cluster or an endpoint has no rate: undefined (shown "—"), never 0.
 * - A counter that went down was reset: Envoy restarted (the container, not the pod, so the name
 *   stays), or the host was removed and re-added (EDS), which gives it fresh HostStats. Counters
 *   restart at 0, so the new value is the increase since the reset, and the rate is that value over
 *   the interval — a lower bound, as Prometheus' rate() does after a reset. When the proxy's own
 *   `server.uptime` shows the restart fell inside the interval, the value is divided by the uptime
 *   instead, which is exact. Such rates carry `reset: true` so the view can mark them.
 */
export interface CounterRate {
  perSec: number | undefined;
  /** The counter was reset within the interval; the rate counts from the reset. */
  reset: boolean;
}

/** The interval between two reads of one kind (cluster stats or /clusters) of one proxy. */
export interface RateWindow {
  seconds: number;
  /** `server.uptime` went down: Envoy restarted, every counter counts from 0. */
  restarted: boolean;
  /** Seconds since the restart, when the proxy reported its uptime. */
  sinceRestartSec?: number;
}

/** How much a counter grew over a window, and over how many seconds (shorter after a known restart). */
export interface CounterIncrease {
  increase: number;
  seconds: number;
  reset: boolean;
}

export function counterIncrease(previous: number | undefined, current: number | undefined, window: RateWindow | undefined): CounterIncrease | undefined {
  if (previous === undefined || current === undefined || window === undefined) return undefined;
  if (!window.restarted && current >= previous) return { increase: current - previous, seconds: window.seconds, reset: false };
  const since = window.sinceRestartSec;
  const seconds = window.restarted && since !== undefined && since > 0 && since < window.seconds ? since : window.seconds;
  return { increase: current, seconds, reset: true };
}

export function counterRate(previous: number | undefined, current: number | undefined, window: RateWindow | undefined): CounterRate {
  const grown = counterIncrease(previous, current, window);
  return grown ? { perSec: grown.increase / grown.seconds, reset: grown.reset } : { perSec: undefined, reset: false };
}

function windowBetween(
  previousAt: number | undefined,
  currentAt: number | undefined,
  previous: WorkloadSample,
  current: WorkloadSample,
): RateWindow | undefined {
  if (previousAt === undefined || currentAt === undefined || currentAt <= previousAt) return undefined;
  const window: RateWindow = { seconds: (currentAt - previousAt) / 1000, restarted: false };
  if (current.uptimeSec !== undefined && previous.uptimeSec !== undefined && current.uptimeSec < previous.uptimeSec) {
    window.restarted = true;
    window.sinceRestartSec = current.uptimeSec;
  }
  return window;
}

/**
 * The window for cluster-stat rates: undefined for a first sample, or when the stats were not read
 * again (a failed call leaves the previous read time, and a repeated read is not a new interval).
 */
export function statsWindow(previous: WorkloadSample | undefined, current: WorkloadSample): RateWindow | undefined {
  return previous ? windowBetween(previous.statsAt, current.statsAt, previous, current) : undefined;
}

/** The window for /clusters host-stat rates. */
export function hostsWindow(previous: WorkloadSample | undefined, current: WorkloadSample): RateWindow | undefined {
  return previous ? windowBetween(previous.hostsAt, current.hostsAt, previous, current) : undefined;
}
