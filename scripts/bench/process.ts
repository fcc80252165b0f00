/**
 * Bench `process` (issue 18, "honest benchmarks"): meshscope's commands as a user runs them, each
 * `node bin/meshscope.js …` in its own process, against a floor process that only reads and
 * parses the same dump (`node -e ""` for --help). Interleaved pairs, alternating order; per
 * command the median of the per-pair time ratios, their spread, median wall times and peak RSS.
 * Then, in fresh processes: the first explain after the load, warm explains, and load alone
 * against load + a first read of everything. Goals are reported, never failed on; a command
 * that exits with an error or prints nothing fails the run. Writes docs/performance.md
 * (not with --smoke: one pair per command, for CI).
 */
import { unlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import process from 'node:process';
import { pathToFileURL } from 'node:url';
import { DEFAULT_INPUT_LIMITS, INPUT_ENV } from '../../src/sources/input-limits.ts';
import { planMesh } from './dump/plan.ts';
import { type ChildCommand, errorLine } from './harness/child-run.ts';
import { runPairs, summarizePairs } from './harness/pairs.ts';
import { type Machine, renderPerformanceDoc } from './harness/performance-doc.ts';
import { probeCold } from './harness/probe.ts';
import { PROCESS_COMMANDS } from './harness/process-commands.ts';
import type { MeasuredCommand, MeasuredSize, RuntimeMeasure } from './harness/process-measure.ts';
import { processResults } from './harness/process-results.ts';
import { oneShotRequest } from './harness/requests.ts';
import { otherRuntimes } from './harness/runtimes.ts';
import { measureStartup, startupResults } from './harness/startup.ts';
import { terminalAvailable } from './harness/terminal-run.ts';
import type { BenchContext, BenchDump, BenchResult } from './harness/types.ts';

const DEFAULT_PAIRS = 7;

/** V8's longest string on 64-bit machines (String::kMaxLength, 2^29 − 24): a dump over it cannot be read into one. */
const V8_MAX_STRING = 2 ** 29 - 24;

function machine(): Machine {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model ?? 'unknown',
    cpus: cpus.length,
    memoryGB: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    loadAverage: os.loadavg(),
  };
}

/** The environment a user needs for this dump: above the CLI's default input limit, a raised one. */
function commandEnv(dump: BenchDump): NodeJS.ProcessEnv {
  return dump.bytes > DEFAULT_INPUT_LIMITS.maxInputBytes ? { ...process.env, [INPUT_ENV]: '1G' } : { ...process.env };
}

/** Pairs per command under Bun and Deno: fewer than Node's, for the bench's time. */
const RUNTIME_PAIRS = 3;

/** The same commands under Bun and Deno (installed as devDependencies), each against its own runtime's floor. */
function measureRuntimes(ctx: BenchContext, dump: BenchDump, file: string, request: string, pairs: number, stdoutFile: string): RuntimeMeasure[] {
  const child = (argv: string[], env: NodeJS.ProcessEnv = process.env): ChildCommand => ({ argv, cwd: ctx.root, env });
  return otherRuntimes(ctx.root).map((runtime) => {
    const floors = { parse: child(runtime.parseFloor(file)), empty: child(runtime.emptyFloor()) };
    // The terminal commands run under Node only (the bench's time; Ink is the same code on all three).
    const commands = PROCESS_COMMANDS.filter((command) => !command.terminal).map((command): MeasuredCommand => {
      ctx.log(`process ${dump.label} (${runtime.name}): ${command.label}, ${pairs} pairs…`);
      const argv = runtime.run([path.join('bin', 'meshscope.js'), ...command.args(file, request)]);
      const times = runPairs(child(argv, commandEnv(dump)), floors[command.floor], { pairs, okStatuses: command.okStatuses, warmup: true, stdoutFile });
      if (times.failure) ctx.log(`process ${dump.label} (${runtime.name}): ${command.label} failed: ${times.failure}`);
      return { command, summary: summarizePairs(times), pairs: times.commandMs.length, failure: times.failure, stdoutBytes: times.stdoutBytes };
    });
    return { name: runtime.name, version: runtime.version, pairs, commands };
  });
}

function measureSize(ctx: BenchContext, dump: BenchDump, pairs: number): MeasuredSize {
  const file = path.relative(ctx.root, dump.file);
  const request = oneShotRequest(planMesh({ services: dump.services })).line;
  const node = (argv: string[], env: NodeJS.ProcessEnv = process.env): ChildCommand => ({ argv: [process.execPath, ...argv], cwd: ctx.root, env });
  // A dump over V8's string limit has no parse floor: no process can read it as one text.
  const floorless =
    dump.bytes > V8_MAX_STRING
      ? `${(dump.bytes / 2 ** 20).toFixed(0)} MiB of text is over V8's longest string (512 MiB): the bare read + JSON.parse fails`
      : undefined;
  const floors = {
    parse: floorless ? null : node(['-e', `JSON.parse(require('fs').readFileSync(${JSON.stringify(file)},'utf8'))`]),
    empty: node(['-e', '']),
  };
  const stdoutFile = path.join(ctx.outDir, 'process-stdout.tmp');
  const commands: MeasuredCommand[] = [];
  for (const command of PROCESS_COMMANDS) {
    if (command.terminal && !terminalAvailable) {
      ctx.log(`process ${dump.label}: ${command.label} skipped: no tmux to give it a terminal`);
      continue;
    }
    const argv = [path.join('bin', 'meshscope.js'), ...command.args(file, request)];
    ctx.log(`process ${dump.label}: ${command.label}, ${pairs} pair${pairs === 1 ? '' : 's'}…`);
    const times = runPairs(node(argv, commandEnv(dump)), floors[command.floor], {
      pairs,
      okStatuses: command.okStatuses,
      warmup: !ctx.smoke,
      stdoutFile,
      ...(command.terminal ? { terminal: command.terminal } : {}),
    });
    if (times.failure) ctx.log(`process ${dump.label}: ${command.label} failed: ${times.failure}`);
    commands.push({ command, summary: summarizePairs(times), pairs: times.commandMs.length, failure: times.failure, stdoutBytes: times.stdoutBytes });
  }
  // Bun and Deno beside Node where there is a floor to compare each with.
  const runtimes = ctx.smoke || floorless ? [] : measureRuntimes(ctx, dump, file, request, Math.min(pairs, RUNTIME_PAIRS), stdoutFile);
  unlinkSync(stdoutFile);
  ctx.log(`process ${dump.label}: cold and warm explain, load and first full read (fresh processes)…`);
  try {
    return {
      dump,
      ...(floorless ? { floorless } : {}),
      runtimes,
      request,
      commands,
      explain: probeCold('explain', dump.file, dump.services),
      read: probeCold('read', dump.file, dump.services),
    };
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr;
    const message = stderr ? errorLine(stderr) : String(error);
    ctx.log(`process ${dump.label}: the in-process probe failed: ${message}`);
    return { dump, ...(floorless ? { floorless } : {}), runtimes, request, commands, probeFailure: message };
  }
}

/** Which build `bin/meshscope.js` runs in this checkout (bin/launch.js decides): the bundle, or dist/src when it is stale or absent. */
async function buildRun(root: string): Promise<string> {
  const launch = (await import(pathToFileURL(path.join(root, 'bin', 'launch.js')).href)) as { pickEntry(): string | undefined };
  const entry = launch.pickEntry();
  return entry === '../dist/bundle/main.js'
    ? 'the bundle (dist/bundle)'
    : `${entry ?? 'nothing'} (no bundle built from this dist/src: npm run build makes one)`;
}

export async function run(ctx: BenchContext): Promise<BenchResult[]> {
  const pairs = ctx.smoke ? 1 : (ctx.runsGiven ?? DEFAULT_PAIRS);
  const start = { ...machine(), build: await buildRun(ctx.root) };
  ctx.log(`process: bin/meshscope.js runs ${start.build}`);
  const startup = measureStartup(ctx, pairs);
  const sizes = ctx.dumps.map((dump) => measureSize(ctx, dump, pairs));
  if (!ctx.smoke) {
    const doc = path.join(ctx.root, 'docs', 'performance.md');
    writeFileSync(doc, renderPerformanceDoc({ machine: start, loadAverageAfter: os.loadavg(), date: new Date(), pairs, sizes, startup }));
    ctx.log(`process: wrote ${path.relative(process.cwd(), doc)}`);
  }
  return [...startupResults(startup, ctx.smoke), ...processResults(sizes, ctx.smoke)];
}
