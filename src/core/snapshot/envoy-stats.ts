import { asArray, asNumber, asObject, asString, type Json } from '../envoy/json.ts';

/**
 * Envoy's `/stats?format=json` (what `istioctl x envoy-stats POD -o json` prints):
 * `{stats: [{name, value}, ..., {histograms: {supported_quantiles, computed_quantiles: [{name,
 * values: [{interval, cumulative}]}]}}]}`. The JSON does not say which stats are gauges, so
 * names with a gauge's suffix (`_active`, `uptime`, `membership_*`, ...) are listed as gauges and
 * everything else as counters. Histogram quantiles are the cumulative values, keyed `P50`, `P99`.
 */
export interface EnvoyStatsValues {
  counters: Record<string, number>;
  gauges: Record<string, number>;
  histograms: Record<string, Record<string, number>>;
}

const GAUGE = /(?:_active|\.uptime|membership_(?:healthy|total|degraded|excluded)|_buffered|\.concurrency|_size|\.live|\.state|ejections_active|_open)$/;

function quantileKey(q: number): string {
  return `P${String(q).replace(/\.0+$/, '')}`;
}

/** Reads the stats document; also accepts the `{counters, gauges, histograms}` shape it produces. */
export function parseEnvoyStats(doc: Json): EnvoyStatsValues {
  const o = asObject(doc);
  const out: EnvoyStatsValues = { counters: {}, gauges: {}, histograms: {} };
  if (o && (asObject(o.counters) || asObject(o.gauges))) {
    for (const [k, v] of Object.entries(asObject(o.counters) ?? {})) if (typeof v === 'number') out.counters[k] = v;
    for (const [k, v] of Object.entries(asObject(o.gauges) ?? {})) if (typeof v === 'number') out.gauges[k] = v;
    for (const [k, v] of Object.entries(asObject(o.histograms) ?? {})) {
      const h: Record<string, number> = {};
      for (const [q, n] of Object.entries(asObject(v) ?? {})) if (typeof n === 'number') h[q] = n;
      out.histograms[k] = h;
    }
    return out;
  }
  for (const item of asArray(o?.stats)) {
    const stat = asObject(item);
    if (!stat) continue;
    const name = asString(stat.name);
    const value = asNumber(stat.value);
    if (name !== undefined && value !== undefined) {
      (GAUGE.test(name) ? out.gauges : out.counters)[name] = value;
      continue;
    }
    const histograms = asObject(stat.histograms);
    if (!histograms) continue;
    const quantiles = asArray(histograms.supported_quantiles).map((q) => asNumber(q) ?? NaN);
    for (const computed of asArray(histograms.computed_quantiles)) {
      const c = asObject(computed);
      const hname = asString(c?.name);
      if (!c || !hname) continue;
      const values: Record<string, number> = {};
      asArray(c.values).forEach((v, i) => {
        const cumulative = asNumber(asObject(v)?.cumulative);
        const q = quantiles[i];
        if (cumulative !== undefined && q !== undefined && !Number.isNaN(q)) values[quantileKey(q)] = cumulative;
      });
      out.histograms[hname] = values;
    }
  }
  return out;
}
