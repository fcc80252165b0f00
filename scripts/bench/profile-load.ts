/**
 * Where does loading a dump spend its time? Profiles ONE parseJsonDocument + loadProxyConfig (after
 * a warm-up, file read excluded) with V8's CPU profiler — the profiler `node --cpu-prof` uses,
 * driven through node:inspector so only the load is recorded — then prints self/total time per
 * function and per file and writes the .cpuprofile (open it in Chrome DevTools › Performance).
 * With --alloc, samples allocations instead (objects freed by GC included): bytes per function.
 *
 *   node dist/scripts/bench/profile-load.js bench/out/sidecar-10k.json [--top 30] [--alloc]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import path from 'node:path';
import process from 'node:process';
import { parseArgs } from 'node:util';
import { repoRoot } from '../conformance/suite.ts';
import { allocationsByFunction, type SamplingHeapNode } from './harness/alloc-profile.ts';
import { loadDumpText } from './harness/cli-path.ts';
import { type CpuProfile, formatProfileRows, summarizeProfile } from './harness/cpu-profile.ts';

const { values, positionals } = parseArgs({
  args: process.argv.slice(2),
  allowPositionals: true,
  options: { top: { type: 'string', default: '30' }, alloc: { type: 'boolean', default: false } },
});
const file = positionals[0];
if (!file) {
  process.stderr.write('usage: profile-load DUMP.json [--top N]\n');
  process.exit(2);
}
const name = path.basename(file);
const text = readFileSync(file, 'utf8');
loadDumpText(name, text);
const session = new Session();
session.connect();
if (values.alloc) {
  await session.post('HeapProfiler.enable');
  await session.post('HeapProfiler.startSampling', { samplingInterval: 4096, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
  loadDumpText(name, text);
  const { profile } = (await session.post('HeapProfiler.stopSampling')) as unknown as { profile: { head: SamplingHeapNode } };
  const rows = allocationsByFunction(profile.head, repoRoot);
  const total = rows.reduce((n, r) => n + r.bytes, 0);
  process.stdout.write(`allocated while loading ${name}: ${(total / 1e6).toFixed(0)} MB (sampled, garbage included)\n`);
  for (const r of rows.slice(0, Number(values.top))) process.stdout.write(`${(r.bytes / 1e6).toFixed(1).padStart(8)} MB  ${r.key}\n`);
  process.exit(0);
}
await session.post('Profiler.enable');
await session.post('Profiler.setSamplingInterval', { interval: 100 });
await session.post('Profiler.start');
const start = performance.now();
loadDumpText(name, text);
const ms = performance.now() - start;
const { profile } = (await session.post('Profiler.stop')) as unknown as { profile: CpuProfile };
session.disconnect();
const out = path.join(repoRoot, 'bench', 'out', `${path.basename(file, '.json')}.load.cpuprofile`);
writeFileSync(out, JSON.stringify(profile));
const summary = summarizeProfile(profile, repoRoot);
const top = Number(values.top);
process.stdout.write(
  `load of ${name}: ${ms.toFixed(0)} ms (profiled; ${summary.totalMs.toFixed(0)} ms sampled), profile in ${path.relative(process.cwd(), out)}\n\n`,
);
process.stdout.write(formatProfileRows('by file', summary.files, summary.totalMs, top));
process.stdout.write('\n');
process.stdout.write(formatProfileRows('by function', summary.functions, summary.totalMs, top));
