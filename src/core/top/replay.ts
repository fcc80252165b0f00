import type { ClusterSample, WorkloadSample } from './sample.ts';

/**
 * A recorded capture holds one read of each proxy's counters, and a rate needs two. Envoy's
 * counters start at 0 when Envoy starts, and `server.uptime` says how long ago that was, so the
 * read itself gives the average since Envoy started: the increase from 0 over the uptime. This
 * builds that starting point — every counter 0, read `uptime` seconds before the capture — so
 * replaying a snapshot shows averages since start instead of "—". Hosts added after Envoy started
 * have had less time than the uptime, so their averages are lower bounds. Gauges (connections,
 * ejections) and quantiles are what they were at capture.
 *
 * Undefined when the capture has no uptime: then there is nothing to divide by.
 */
export function sinceStartBaseline(sample: WorkloadSample): WorkloadSample | undefined {
  if (sample.uptimeSec === undefined || sample.uptimeSec <= 0) return undefined;
  const startedAt = (sample.statsAt ?? sample.hostsAt ?? 0) - sample.uptimeSec * 1000;
  const clusters = new Map<string, ClusterSample>();
  for (const [name, c] of sample.clusters) {
    const zero: ClusterSample = { name, counters: Object.fromEntries(Object.keys(c.counters).map((k) => [k, 0])), gauges: c.gauges };
    if (c.hosts) zero.hosts = c.hosts.map((h) => ({ ...h, counters: { rqTotal: 0, rqSuccess: 0, rqError: 0, rqTimeout: 0 } }));
    clusters.set(name, zero);
  }
  const baseline: WorkloadSample = { proxy: sample.proxy, clusters, errors: [] };
  if (sample.statsAt !== undefined) baseline.statsAt = startedAt;
  if (sample.hostsAt !== undefined) baseline.hostsAt = startedAt;
  return baseline;
}
