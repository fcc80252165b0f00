/**
 * `npm run bench`: performance targets of meshscope, measured on generated Istio sidecar dumps
 * (bench/out/sidecar-{1k,10k}.json, generated when missing or stale). Prints a table and writes
 * bench/out/results.json; exit 1 when a target is missed.
 *
 *   npm run bench                    all benches on all dump sizes
 *   npm run bench -- load --sizes 1k only the `load` bench, only the 1k dump
 *   npm run bench -- --runs 9        more timed runs per measurement (default 5)
 *
 * Each bench lives in scripts/bench/<name>.ts and exports `run(ctx): Promise<BenchResult[]>`.
 */
import os from 'node:os';
import path from 'node:path';
import process from 'node:process';
import { parseArgs } from 'node:util';
import { DUMP_SIZES, ensureDumps } from './bench/harness/dumps.ts';
import { formatTable, writeResults } from './bench/harness/report.ts';
import type { BenchContext, BenchModule, BenchResult } from './bench/harness/types.ts';
import { repoRoot } from './conformance/suite.ts';

const benches: [string, () => Promise<BenchModule>][] = [
  ['load', () => import('./bench/load.ts')],
  ['explain', () => import('./bench/explain.ts')],
  ['meshtop', () => import('./bench/meshtop.ts')],
  ['tui', () => import('./bench/tui.ts')],
];

const { values, positionals } = parseArgs({
  args: process.argv.slice(2),
  allowPositionals: true,
  options: { runs: { type: 'string', default: '5' }, sizes: { type: 'string' } },
});
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) {
  process.stderr.write('bench: run with `node --expose-gc` (npm run bench does)\n');
  process.exit(2);
}
const unknown = positionals.filter((name) => !benches.some(([bench]) => bench === name));
if (unknown.length > 0) {
  process.stderr.write(`bench: unknown bench ${unknown.join(', ')}; known: ${benches.map(([name]) => name).join(', ')}\n`);
  process.exit(2);
}
const log = (message: string) => process.stderr.write(`bench: ${message}\n`);
const outDir = path.join(repoRoot, 'bench', 'out');
const sizes = values.sizes ? values.sizes.split(',') : DUMP_SIZES.map((s) => s.label);
const ctx: BenchContext = {
  root: repoRoot,
  outDir,
  dumps: ensureDumps(outDir, sizes, log),
  runs: Math.max(5, Number(values.runs) || 5),
  gc: () => {
    gc();
    gc();
  },
  log,
};

const results: BenchResult[] = [];
for (const [name, load] of benches) {
  if (positionals.length > 0 && !positionals.includes(name)) continue;
  log(`running ${name}…`);
  const module = await load();
  results.push(...(await module.run(ctx)));
}

process.stdout.write(`\n${formatTable(results)}`);
const resultsFile = path.join(outDir, 'results.json');
writeResults(resultsFile, results, {
  date: new Date().toISOString(),
  runtime: `node ${process.version}`,
  cpu: os.cpus()[0]?.model ?? 'unknown',
  cpus: os.cpus().length,
  memoryGB: Math.round(os.totalmem() / 2 ** 30),
  loadAverage: os.loadavg().map((n) => Number(n.toFixed(2))),
  runs: ctx.runs,
});
const failed = results.filter((r) => r.pass === false);
process.stdout.write(
  `\nload average ${os
    .loadavg()
    .map((n) => n.toFixed(2))
    .join(' ')} on ${os.cpus().length} CPUs (timings are noisy when it is high)\n`,
);
process.stdout.write(`${results.length} measurements, ${failed.length} targets missed; details in ${path.relative(process.cwd(), resultsFile)}\n`);
process.exitCode = failed.length === 0 ? 0 : 1;
