import { asObject, type Json } from '../envoy/json.ts';
import { type EnvoyStats, parseEnvoyStats } from '../envoy/stats.ts';

/**
 * A proxy's stats as a snapshot stores them: Envoy's `/stats?format=json` as istioctl printed it
 * (read by `parseEnvoyStats`), or, from a source that only hands out parsed stats, the
 * `{counters, gauges, histograms}` object those parse into.
 */
export function parseSnapshotStats(doc: Json): EnvoyStats {
  const o = asObject(doc);
  if (!o || (!asObject(o.counters) && !asObject(o.gauges))) return parseEnvoyStats(doc);
  const numbers = (value: Json | undefined): Record<string, number> => {
    const out: Record<string, number> = {};
    for (const [k, v] of Object.entries(asObject(value) ?? {})) if (typeof v === 'number') out[k] = v;
    return out;
  };
  const histograms: Record<string, Record<string, number>> = {};
  for (const [k, v] of Object.entries(asObject(o.histograms) ?? {})) histograms[k] = numbers(v);
  return { counters: numbers(o.counters), gauges: numbers(o.gauges), histograms };
}
