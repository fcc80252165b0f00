/**
 * Bench `load`: what opening a dump costs. For each generated dump: its size; bare JSON.parse;
 * meshscope's load + index along the exact CLI path (text → parseJsonDocument → loadProxyConfig)
 * and its ratio to JSON.parse (target ≤ 1.5×); peak memory of the load relative to the file size
 * (target ≤ 3×, peak RSS growth in a fresh process — see harness/memory-probe.ts).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadDumpText } from './harness/cli-path.ts';
import { MB, median, timeInterleaved } from './harness/measure.ts';
import { probeMemory } from './harness/probe.ts';
import { type BenchContext, type BenchDump, type BenchResult, result } from './harness/types.ts';

const WARMUP = 2;

function describeRuns(samples: number[]): string {
  return `median of ${samples.length} runs after ${WARMUP} warm-ups, interleaved with the other, gc before each; runs ${samples.map((s) => s.toFixed(0)).join(', ')} ms`;
}

/** Counts in the raw JSON, to check the model really holds what was timed. */
function rawCounts(text: string): { clusters: number; endpoints: number; listeners: number; routeConfigs: number } {
  const configs = (JSON.parse(text) as { configs: Record<string, unknown[]>[] }).configs;
  const count = (...keys: string[]) => configs.reduce((n, c) => n + keys.reduce((m, k) => m + (Array.isArray(c[k]) ? c[k].length : 0), 0), 0);
  return {
    clusters: count('static_clusters', 'dynamic_active_clusters', 'dynamic_warming_clusters'),
    endpoints: count('dynamic_endpoint_configs'),
    listeners: count('dynamic_listeners'),
    routeConfigs: count('dynamic_route_configs'),
  };
}

function completeness(dump: BenchDump, text: string): BenchResult {
  const config = loadDumpText(path.basename(dump.file), text);
  const want = rawCounts(text);
  const got = {
    clusters: config.clusters.length,
    endpoints: config.endpoints.length,
    listeners: config.listeners.length,
    routeConfigs: config.routeConfigs.length,
  };
  const ratios = Object.entries(want).map(([key, n]) => Math.min(1, got[key as keyof typeof got] / n));
  return result({
    bench: 'load',
    dump: dump.label,
    name: 'model holds every resource',
    value: Math.min(...ratios),
    unit: 'x',
    target: { op: '>=', value: 1 },
    detail: `loaded/in dump: ${Object.keys(want)
      .map((k) => `${k} ${got[k as keyof typeof got]}/${want[k as keyof typeof want]}`)
      .join(
        ', ',
      )}; ${config.issues.value.length} load issues${config.issues.value[0] ? ` (first: ${config.issues.value[0].code} ${config.issues.value[0].message})` : ''}`,
  });
}

function timing(ctx: BenchContext, dump: BenchDump): BenchResult[] {
  const name = path.basename(dump.file);
  const text = readFileSync(dump.file, 'utf8');
  ctx.log(`load ${dump.label}: JSON.parse and parseJsonDocument + loadProxyConfig, interleaved…`);
  const [parse, load] = timeInterleaved([() => JSON.parse(text), () => loadDumpText(name, text)], { warmup: WARMUP, runs: ctx.runs, gc: ctx.gc }) as [
    number[],
    number[],
  ];
  const base = { bench: 'load', dump: dump.label };
  return [
    result({ ...base, name: 'file size', value: dump.bytes / MB, unit: 'MB', detail: `${dump.services} services, Envoy's 1-space pretty JSON` }),
    result({ ...base, name: 'JSON.parse', value: median(parse), unit: 'ms', detail: describeRuns(parse) }),
    result({ ...base, name: 'load + index', value: median(load), unit: 'ms', detail: describeRuns(load) }),
    result({
      ...base,
      name: 'load + index / JSON.parse',
      value: median(load.map((ms, i) => ms / parse[i]!)),
      unit: 'x',
      target: { op: '<=', value: 1.5 },
      detail:
        `median of the ratios of adjacent runs (robust to other processes on a shared machine); ` +
        `ratio of medians ${(median(load) / median(parse)).toFixed(2)}, of minimums ${(Math.min(...load) / Math.min(...parse)).toFixed(2)}; ` +
        'load + index includes its own JSON.parse',
    }),
    completeness(dump, text),
  ];
}

function memory(ctx: BenchContext, dump: BenchDump): BenchResult[] {
  ctx.log(`load ${dump.label}: memory probes (fresh processes)…`);
  const parse = probeMemory('parse', dump.file);
  const load = probeMemory('load', dump.file);
  const base = { bench: 'load', dump: dump.label };
  const mb = (bytes: number) => `${(bytes / MB).toFixed(0)} MB`;
  const upperBound = load.peakRssReset ? '' : ' (VmHWM could not be reset: an upper bound)';
  return [
    result({
      ...base,
      name: 'peak memory during load / file size',
      value: load.peakRssDeltaBytes / load.fileBytes,
      unit: 'x',
      target: { op: '<=', value: 3 },
      detail:
        `peak RSS growth ${mb(load.peakRssDeltaBytes)} over RSS with the text already read, in a fresh node process${upperBound}; ` +
        `RSS because it sees the transient JSON tree, garbage not yet collected and V8 overhead that heap-after-gc misses; ` +
        `the text itself adds ${(load.textHeapBytes / load.fileBytes).toFixed(2)}x; committed heap after load ${mb(load.heapTotalAfterBytes)}`,
    }),
    result({
      ...base,
      name: 'peak memory during bare JSON.parse / file size',
      value: parse.peakRssDeltaBytes / parse.fileBytes,
      unit: 'x',
      detail: `the floor for the row above: ${mb(parse.peakRssDeltaBytes)} peak RSS growth for JSON.parse alone`,
    }),
    result({
      ...base,
      name: 'heap retained after load / file size',
      value: load.retainedHeapBytes / load.fileBytes,
      unit: 'x',
      detail: `heap used after gc with the ProxyConfig alive and the text dropped, minus the empty heap: ${mb(load.retainedHeapBytes)} (bare JSON tree: ${mb(parse.retainedHeapBytes)})`,
    }),
  ];
}

export async function run(ctx: BenchContext): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  for (const dump of ctx.dumps) {
    results.push(...timing(ctx, dump));
    ctx.gc();
    results.push(...memory(ctx, dump));
  }
  return results;
}
