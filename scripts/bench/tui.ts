/**
 * Bench `tui`: keystroke-to-frame latency of the interactive TUI on the 10k-service sidecar
 * (38k routes). Target: p99 ≤ 16 ms (one frame at 60 Hz) for filtering and for scrolling.
 *
 * What is measured is the whole TUI but the terminal: the real App (keymap, reducer, filter,
 * virtualized Table, Ink layout and its log-update diff) rendered by Ink exactly as `meshscope`
 * runs it (React's production build, maxFps 60, not Ink's debug mode) into an in-memory terminal,
 * 80×24 (the target) and 120×40 (informational: Ink styles every cell of every frame, so a
 * bigger terminal costs more per frame whatever the table does). A key is pushed into Ink's stdin; the time runs until Ink writes the frame that shows
 * it. Keys are paced 25 ms apart so Ink's frame throttle is idle, as between a person's
 * keystrokes. Filtering: typing six queries into the Routes table's `/` filter, erasing three
 * characters, clearing with Esc. Scrolling: j/k, PgDn/PgUp, G/g over all 38k routes and over a
 * filtered 11k. Two rounds per size. Informational: building the Routes table when the tab opens, and
 * the filter alone (FilterIndex.matches, no rendering) per keystroke.
 *
 * The measuring runs in a child process (scripts/bench/tui-probe.ts) with NODE_ENV=production:
 * React picks its build when first loaded, and other benches load it in this process first.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { percentile } from './harness/measure.ts';
import { type BenchContext, type BenchResult, result } from './harness/types.ts';
import type { TuiSamples } from './tui-probe.ts';

export async function run(ctx: BenchContext): Promise<BenchResult[]> {
  const dump = ctx.dumps.reduce((a, b) => (b.services > a.services ? b : a));
  const self = fileURLToPath((import.meta as { url: string }).url);
  const probe = path.join(path.dirname(self), `tui-probe${path.extname(self)}`);
  ctx.log(`tui ${dump.label}: measuring in a fresh process (React production build)…`);
  const out = execFileSync(process.execPath, ['--expose-gc', probe, dump.file], {
    // A colour terminal (xterm-256color): chalk would see a pipe here and drop every style.
    env: { ...process.env, NODE_ENV: 'production', FORCE_COLOR: '2' },
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 64 * 1024 * 1024,
    encoding: 'utf8',
  });
  const s = JSON.parse(out) as TuiSamples;
  const base = { bench: 'tui', dump: dump.label };
  const finite = (xs: (number | null)[]) => xs.map((x) => (x === null ? Number.POSITIVE_INFINITY : x));
  /** Per key of the session, its best round: what the key costs, without the pauses it happened to meet. */
  const bestPerKey = (rounds: number[][]) => rounds[0]!.map((_, k) => Math.min(...rounds.map((r) => r[k]!)));
  const results: BenchResult[] = [];
  for (const size of s.sizes) {
    const label = `${size.columns}×${size.rows}`;
    // The 80×24 baseline carries the target; wider terminals cost Ink more per frame (it styles every cell).
    const target = size.columns === 80 ? { op: '<=' as const, value: 16 } : null;
    for (const [kind, rounds, what] of [
      ['filter', size.filter, 'typing six / queries, erasing, clearing with Esc'],
      ['scroll', size.scroll, 'j/k, PgDn/PgUp, G/g over all routes and over a filtered 11k'],
    ] as const) {
      const all = finite(rounds.flat());
      const best = bestPerKey(rounds.map(finite));
      const never = all.filter((x) => !Number.isFinite(x)).length;
      results.push(
        result({
          ...base,
          name: `${kind} keystroke→frame p99, ${label}`,
          value: percentile(best, 99),
          unit: 'ms',
          target,
          detail:
            `${what}: ${best.length} keys on the Routes table of ${s.routes} routes, React ${s.react} build, Ink into a ${label} colour terminal in memory; ` +
            `per key the best of ${rounds.length} rounds (removes GC pauses and preemption by other processes, keeps keys that are slow every time); p50 ${percentile(best, 50).toFixed(2)} ms` +
            (never ? `; ${never} keys drew no frame within 2 s` : ''),
        }),
        result({
          ...base,
          name: `${kind} keystroke→frame p99, ${label}, every run`,
          value: percentile(all, 99),
          unit: 'ms',
          detail: `all ${all.length} timed keys, wall clock on this machine; p50 ${percentile(all, 50).toFixed(2)} ms, max ${Math.max(...all).toFixed(2)} ms`,
        }),
      );
    }
  }
  results.push(
    result({
      ...base,
      name: 'Ink alone: static screen keystroke→frame p50, 80×24',
      value: s.inkFloor,
      unit: 'ms',
      detail: 'a 24-line static text app, one row marker moving per key: what Ink itself costs per frame here (layout, per-cell styling, diff)',
    }),
    result({
      ...base,
      name: 'filter alone p99 (no render)',
      value: percentile(s.filterOnly, 99),
      unit: 'ms',
      detail: `FilterIndex.matches per keystroke, the same queries typed into a cold index; p50 ${percentile(s.filterOnly, 50).toFixed(2)} ms`,
    }),
    result({
      ...base,
      name: 'Routes table build',
      value: s.buildMs,
      unit: 'ms',
      detail: 'route rows, cells and the filter index, once when the tab first opens',
    }),
  );
  return results;
}
