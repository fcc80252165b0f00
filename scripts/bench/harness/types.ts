/** The contract between `scripts/bench.ts` and each bench module `scripts/bench/<name>.ts`. */

/** A performance target: the measured value must be `<=` (or `>=`) this. */
export interface Target {
  op: '<=' | '>=';
  value: number;
}

/** One measured number. Informational numbers have no target and `pass: null`. */
export interface BenchResult {
  /** The bench module that produced it (`load`, `explain`, ...). */
  bench: string;
  /** What was measured, e.g. `load + index / JSON.parse`. */
  name: string;
  /** The dump it was measured on (`1k`, `10k`), if any. */
  dump?: string;
  value: number;
  /** `ms`, `x`, `MB`, ... */
  unit: string;
  target: Target | null;
  pass: boolean | null;
  /**
   * A target that is reported but never failed on (whole-process timings on a shared machine):
   * `met` says whether the value is within it.
   */
  goal?: Target & { met: boolean };
  /** How it was measured, in a few words (runs, metric, caveats). */
  detail?: string;
}

/** A generated dump the benches run on. */
export interface BenchDump {
  /** `1k`, `10k`. */
  label: string;
  services: number;
  file: string;
  bytes: number;
}

export interface BenchContext {
  /** Repository root. */
  root: string;
  /** `bench/out/`: dumps, profiles and results.json (gitignored). */
  outDir: string;
  dumps: BenchDump[];
  /** Timed runs per measurement after warm-up (at least 5). */
  runs: number;
  /** `--runs` as given, before the minimum of 5 (the process bench's pairs), or undefined. */
  runsGiven: number | undefined;
  /** `--smoke`: one quick pass that checks the commands run, measuring nothing worth reading. */
  smoke: boolean;
  /** Full garbage collection (needs `node --expose-gc`). */
  gc(): void;
  /** A progress line on stderr (the table goes to stdout). */
  log(message: string): void;
}

/** A bench module: `export async function run(ctx: BenchContext): Promise<BenchResult[]>`. */
export interface BenchModule {
  run(ctx: BenchContext): Promise<BenchResult[]>;
}

function within(value: number, target: Target): boolean {
  return target.op === '<=' ? value <= target.value : value >= target.value;
}

/** Builds a result, deciding pass/fail from the target (and met/not from the goal, which never fails). */
export function result(fields: Omit<BenchResult, 'pass' | 'target' | 'goal'> & { target?: Target | null; goal?: Target }): BenchResult {
  const { goal, ...rest } = fields;
  const target = fields.target ?? null;
  const pass = target === null ? null : within(fields.value, target);
  return { ...rest, target, pass, ...(goal ? { goal: { ...goal, met: within(fields.value, goal) } } : {}) };
}
