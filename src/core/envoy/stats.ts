import { asArray, asNumber, asObject, asString, type Json } from './json.ts';

/** Envoy stats split by kind, as read from `/stats?format=json`. */
export interface EnvoyStats {
  /** Monotonic counters (`cluster.X.upstream_rq_total`, `…upstream_rq_5xx`, `…upstream_rq_retry`). */
  counters: Record<string, number>;
  /** Values that go up and down (`…upstream_rq_active`, `…membership_healthy`, `…ejections_active`). */
  gauges: Record<string, number>;
  /** Histogram summaries by name: quantile (`P50`, `P99`, `P99.9`) → cumulative value (ms for times). */
  histograms: Record<string, Record<string, number>>;
}

/** One proxy's stats as a source hands them out: the reading and when it was read (epoch ms). */
export interface FetchedStats extends EnvoyStats {
  fetchedAt: number;
}

/**
 * Envoy's JSON stats do not say whether a number is a counter or a gauge (only the Prometheus
 * format does). These are the gauges Envoy documents for clusters, listeners, the HTTP connection
 * manager, circuit breakers, outlier detection, xDS subscriptions and the server; every other
 * numeric stat is a counter.
 */
const GAUGE =
  /(?:_active|_open|_buffered|\.membership_(?:healthy|degraded|excluded|total)|\.max_host_weight|\.remaining_\w+|\.ejections_active|\.version|\.update_time|\.connected_state|\.pending_requests|\.warming_state|\.total_listeners_\w+|\.total_filter_chains_draining|\.active_clusters|\.warming_clusters|\.days_until_first_cert_expiring|\.seconds_until_\w+|\.hot_restart_epoch|\.live|\.state|\.uptime|\.concurrency|\.memory_\w+|\.parent_connections|\.total_connections|\.stats_recent_lookups|\.dynamic_unknown_fields|\.static_unknown_fields|\.initialization_time_ms)$/;

/** Whether Envoy reports this stat as a gauge (see GAUGE). */
export function isGaugeName(name: string): boolean {
  return GAUGE.test(name);
}

function quantileKey(quantile: number): string {
  return `P${quantile}`;
}

/**
 * Reads Envoy's `/stats?format=json` (what `istioctl x envoy-stats POD -o json` prints after its
 * "The result of pod …" line): `{"stats": [{name, value}, …, {"histograms": {supported_quantiles,
 * computed_quantiles: [{name, values: [{interval, cumulative}]}]}}]}`. Text readouts (string
 * values) are left out; histograms without recorded values (null) have no quantiles.
 */
export function parseEnvoyStats(doc: Json): EnvoyStats {
  const out: EnvoyStats = { counters: {}, gauges: {}, histograms: {} };
  for (const entry of asArray(asObject(doc)?.stats)) {
    const o = asObject(entry);
    if (!o) continue;
    const histograms = asObject(o.histograms);
    if (histograms) {
      readHistograms(histograms, out.histograms);
      continue;
    }
    const name = asString(o.name);
    if (name === undefined || typeof o.value === 'string' || o.value === undefined) continue;
    const value = asNumber(o.value);
    if (value === undefined) continue;
    (isGaugeName(name) ? out.gauges : out.counters)[name] = value;
  }
  return out;
}

function readHistograms(section: Record<string, Json>, into: EnvoyStats['histograms']): void {
  const quantiles = asArray(section.supported_quantiles).map((q) => asNumber(q));
  for (const h of asArray(section.computed_quantiles)) {
    const o = asObject(h);
    const name = asString(o?.name);
    if (!o || name === undefined) continue;
    const summary: Record<string, number> = {};
    asArray(o.values).forEach((v, i) => {
      const quantile = quantiles[i];
      const cumulative = asNumber(asObject(v)?.cumulative);
      if (quantile !== undefined && cumulative !== undefined) summary[quantileKey(quantile)] = cumulative;
    });
    into[name] = summary;
  }
}
