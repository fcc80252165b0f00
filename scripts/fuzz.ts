import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { commandSchedule, type FuzzCase, generateCase, materialize, type Workspace } from './fuzz/cases.ts';
import { classify, FAILING, type RunClass } from './fuzz/classify.ts';
import { originals, seedInputs } from './fuzz/inputs.ts';
import { WorkerRunner } from './fuzz/pool.ts';
import { type FailureRecord, failureRecord, readCases, writeFailures } from './fuzz/replay-file.ts';
import { spawnable, spawnRun } from './fuzz/spawn-check.ts';
import { Tally } from './fuzz/summary.ts';

/**
 * `npm run fuzz`: mutates the bundled inputs (scripts/fuzz/inputs.ts) and runs each through a
 * command (scripts/fuzz/commands.ts) in-process in a worker thread with a hang guard, classifies
 * the run (scripts/fuzz/classify.ts), prints a summary and writes the failing cases to a JSON Lines
 * file that `--replay FILE` runs again. Exit 1 when a run is in a failing class (stack trace, hang,
 * crash, raw control character, JSON that does not parse, or a spawned exit code that differs).
 */
const USAGE = `Usage: npm run fuzz -- [--count N] [--seconds S] [--seed N] [--guard MS] [--spawn N] [--failures FILE]
       npm run fuzz -- --replay FILE [--verbose]
  --count N        runs at most (default 1000)
  --seconds S      stop starting runs after S seconds (default 300)
  --seed N         the run's seed (default: from the clock; printed)
  --guard MS       a run over MS milliseconds is a hang (default 10000)
  --spawn N        also run N of the cases as real processes and compare exit codes (default 8)
  --failures FILE  where failing cases go (default fuzz-failures.jsonl)
  --replay FILE    run the cases of FILE (a failures file) again and print each verdict
  --verbose        print every run
`;

const root = path.resolve(path.dirname(fileURLToPath((import.meta as { url: string }).url)), '..', '..');
const { values } = parseArgs({
  options: {
    count: { type: 'string' },
    seconds: { type: 'string' },
    seed: { type: 'string' },
    guard: { type: 'string' },
    spawn: { type: 'string' },
    failures: { type: 'string' },
    replay: { type: 'string' },
    verbose: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  },
});
if (values.help) {
  process.stdout.write(USAGE);
  process.exit(0);
}
const num = (v: string | undefined, fallback: number) => {
  const n = v === undefined ? fallback : Number(v);
  if (!Number.isFinite(n) || n < 0) throw new Error(`fuzz: expected a number, got ${v}`);
  return n;
};
const count = num(values.count, 1000);
const seconds = num(values.seconds, 300);
const guardMs = num(values.guard, 10_000);
const spawnCount = num(values.spawn, 8);
const seed = num(values.seed, Date.now() % 2 ** 31) >>> 0;
const failuresFile = path.resolve(values.failures ?? 'fuzz-failures.jsonl');
/** Holds the case running now; left behind only when the process itself dies mid-run. */
const inflightFile = `${failuresFile}.inflight`;
const ENV = { NO_COLOR: '1', PATH: '', MESHSCOPE_NOW: '2025-01-15T20:00:00Z' };

const scratch = mkdtempSync(path.join(tmpdir(), 'meshscope-fuzz-'));
const ws: Workspace = { root, scratch, originals: originals(root), inputs: seedInputs(root) };
const runner = new WorkerRunner(guardMs);
const tally = new Tally();
const failures: FailureRecord[] = [];
const ran: { fuzzCase: FuzzCase; cls: RunClass; code?: number }[] = [];

async function runCase(fuzzCase: FuzzCase): Promise<RunClass> {
  const { command, detail } = materialize(fuzzCase, ws);
  // The case in flight, for a run that takes the whole process down (a V8 fatal error): replay it from here.
  writeFileSync(inflightFile, `${JSON.stringify({ ...fuzzCase, detail, argv: command.argv })}\n`);
  const outcome = await runner.run(command.argv, ENV, root);
  const verdict = classify(outcome, command.form);
  tally.add(verdict.class, fuzzCase.command, fuzzCase.mutation);
  if (FAILING.has(verdict.class)) failures.push(failureRecord(fuzzCase, verdict, detail, command.argv));
  ran.push({ fuzzCase, cls: verdict.class, ...(outcome.kind === 'exited' ? { code: outcome.code } : {}) });
  if (values.verbose || values.replay)
    process.stdout.write(
      `${verdict.class.padEnd(17)} ${fuzzCase.input} ${fuzzCase.mutation} ${fuzzCase.command} seed=${fuzzCase.seed}: ${detail} → ${verdict.detail}\n`,
    );
  return verdict.class;
}

/** A sample of in-process runs again as processes: the exit code must be the same. */
async function spawnSample(): Promise<string> {
  const sample = ran
    .filter((r) => r.code !== undefined)
    .filter((_, i, all) => i % Math.max(1, Math.floor(all.length / spawnCount)) === 0)
    .slice(0, spawnCount);
  let agree = 0;
  let spawned = 0;
  for (const r of sample) {
    const { command, detail } = materialize(r.fuzzCase, ws);
    if (!spawnable(command.argv)) continue;
    spawned++;
    const outcome = await spawnRun(root, command.argv, { ...ENV, PATH: process.env.PATH ?? '' }, guardMs + 5000);
    const verdict = classify(outcome, command.form);
    if (outcome.kind === 'exited' && outcome.code === r.code) agree++;
    else {
      const got = outcome.kind === 'exited' ? `exit ${outcome.code}` : outcome.kind;
      const mismatch = { class: 'exit-mismatch' as const, detail: `in-process exit ${r.code}, process ${got}: ${verdict.detail}` };
      tally.add('exit-mismatch', r.fuzzCase.command, r.fuzzCase.mutation);
      failures.push(failureRecord(r.fuzzCase, mismatch, detail, command.argv));
    }
  }
  return `spawned ${spawned} of the runs as processes: ${agree} exit codes agree`;
}

const started = Date.now();
const schedule = commandSchedule(seed, ws);
try {
  const cases = values.replay ? readCases(values.replay) : undefined;
  const total = cases ? cases.length : count;

  for (let i = 0; i < total; i++) {
    if (!cases && Date.now() - started > seconds * 1000) break;
    await runCase(cases ? cases[i]! : generateCase(seed, i, ws, schedule));
  }
  const elapsed = (Date.now() - started) / 1000;
  const spawned = spawnCount > 0 && !values.replay ? await spawnSample() : 'no processes spawned';
  const how = values.replay ? `replay of ${values.replay}` : `seed ${seed}, --count ${count} --seconds ${seconds}`;
  const covered = (key: keyof FuzzCase) => new Set(ran.map((r) => r.fuzzCase[key])).size;
  const coverage = `${covered('command')} of ${schedule.length} commands, ${covered('input')} of ${ws.inputs.length} inputs, ${covered('mutation')} mutations`;
  process.stdout.write(
    `meshscope fuzz: ${how}: ${ran.length} runs (${coverage}) in ${elapsed.toFixed(1)} s (${(ran.length / elapsed).toFixed(1)}/s), guard ${guardMs} ms; ${spawned}\n${tally.table()}\n`,
  );
  if (!values.replay) {
    writeFailures(failuresFile, `meshscope fuzz ${how}; replay: npm run fuzz -- --replay ${path.basename(failuresFile)}`, failures);
    process.stdout.write(
      `${failures.length} failing case(s) written to ${failuresFile}${failures.length ? `; replay with npm run fuzz -- --replay ${failuresFile}` : ''}\n`,
    );
  }
  process.exitCode = tally.failing > 0 ? 1 : 0;
} finally {
  await runner.close();
  rmSync(scratch, { recursive: true, force: true });
  rmSync(inflightFile, { force: true });
}
