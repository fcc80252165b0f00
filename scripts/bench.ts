/**
 * `npm run bench`: performance targets of meshscope, measured on generated Istio sidecar dumps
 * (bench/out/sidecar-{1k,10k}.json, generated when missing or stale; 20k with `--sizes 20k`).
 * Prints a table and writes bench/out/results.json; exit 1 when a target is missed.
 *
 *   npm run bench                    all benches on the 1k and 10k dumps
 *   npm run bench -- load --sizes 1k only the `load` bench, only the 1k dump
 *   npm run bench -- --runs 9        more timed runs per measurement (default 5; `process`: pairs, default 7)
 *   npm run bench -- process --sizes 1k --runs 1 --smoke
 *                                    CI: each command once, fails only on a command that exits
 *                                    non-zero or prints nothing (never on time); no docs/performance.md
 *
 * Each bench lives in scripts/bench/<name>.ts and exports `run(ctx): Promise<BenchResult[]>`.
 */
import os from 'node:os';
import path from 'node:path';
import process from 'node:process';
import { parseArgs } from 'node:util';
import { DEFAULT_SIZES, DUMP_SIZES, ensureDumps } from './bench/harness/dumps.ts';
import { formatTable, writeResults } from './bench/harness/report.ts';
import type { BenchContext, BenchModule, BenchResult } from './bench/harness/types.ts';
import { repoRoot } from './conformance/suite.ts';

const benches: [string, () => Promise<BenchModule>][] = [
  // First, while the machine is quiet: whole commands in child processes.
  ['process', () => import('./bench/process.ts')],
  ['load', () => import('./bench/load.ts')],
  ['explain', () => import('./bench/explain.ts')],
  ['meshtop', () => import('./bench/meshtop.ts')],
  ['tui', () => import('./bench/tui.ts')],
];

const { values, positionals } = parseArgs({
  args: process.argv.slice(2),
  allowPositionals: true,
  options: { runs: { type: 'string' }, sizes: { type: 'string' }, smoke: { type: 'boolean', default: false } },
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
const sizes = values.sizes ? values.sizes.split(',') : DEFAULT_SIZES;
const unknownSizes = sizes.filter((label) => !DUMP_SIZES.some((s) => s.label === label));
if (unknownSizes.length > 0) {
  process.stderr.write(`bench: unknown size ${unknownSizes.join(', ')}; known: ${DUMP_SIZES.map((s) => s.label).join(', ')}\n`);
  process.exit(2);
}
const runsGiven = values.runs === undefined ? undefined : Number(values.runs);
if (runsGiven !== undefined && !(Number.isInteger(runsGiven) && runsGiven >= 1)) {
  process.stderr.write(`bench: --runs ${values.runs}: expected a whole number ≥ 1\n`);
  process.exit(2);
}
const log = (message: string) => process.stderr.write(`bench: ${message}\n`);
const outDir = path.join(repoRoot, 'bench', 'out');
const ctx: BenchContext = {
  root: repoRoot,
  outDir,
  dumps: ensureDumps(outDir, sizes, log),
  runs: Math.max(5, runsGiven ?? 5),
  runsGiven,
  smoke: values.smoke,
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
  ...(ctx.smoke ? { smoke: true } : {}),
});
const failed = results.filter((r) => r.pass === false);
process.stdout.write(
  `\nload average ${os
    .loadavg()
    .map((n) => n.toFixed(2))
    .join(' ')} on ${os.cpus().length} CPUs (timings are noisy when it is high)\n`,
);
const goalsNotMet = results.filter((r) => r.goal && !r.goal.met).length;
process.stdout.write(
  `${results.length} measurements, ${failed.length} targets missed${goalsNotMet > 0 ? `, ${goalsNotMet} goals not met (reported, never failed on)` : ''}; details in ${path.relative(process.cwd(), resultsFile)}\n`,
);
process.exitCode = failed.length === 0 ? 0 : 1;
