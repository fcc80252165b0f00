import path from 'node:path';
import process from 'node:process';
import type { ChildCommand } from './child-run.ts';
import { type PairSummary, runPairs, summarizePairs } from './pairs.ts';
import type { TerminalWait } from './terminal-run.ts';
import { terminalAvailable } from './terminal-run.ts';
import { type BenchContext, type BenchResult, result } from './types.ts';

/**
 * Issue 18's start-up goals, on the demo dump (fixtures/bookinfo, the productpage sidecar the
 * README's quick start opens): `--help` within 1.2× an empty `node` start; an explain within
 * 120 ms; the TUI's first usable frame within 300 ms. Whole processes as a user starts them, each
 * paired with an empty `node -e ""` (the time no Node program can beat), median of the pairs.
 */
export interface StartupCommand {
  label: string;
  args: string[];
  /** The goal: at most this many ms, or this ratio to the empty start. */
  goal: { ms: number } | { ratio: number };
  terminal?: TerminalWait;
}

export const DEMO_DUMP = path.join('fixtures', 'bookinfo', 'productpage', 'config_dump.json');

export const STARTUP_COMMANDS: StartupCommand[] = [
  { label: '--help', args: ['--help'], goal: { ratio: 1.2 } },
  {
    label: 'explain --file DEMO "GET http://reviews:9080/reviews/1"',
    args: ['explain', '--file', DEMO_DUMP, 'GET http://reviews:9080/reviews/1'],
    goal: { ms: 120 },
  },
  {
    label: '--file DEMO (TUI, first usable frame)',
    args: ['--file', DEMO_DUMP],
    goal: { ms: 300 },
    terminal: { ready: /\[1 Routes \d+\]/, quit: 'q', columns: 120, rows: 40, timeoutMs: 60_000 },
  },
];

export interface MeasuredStartup {
  command: StartupCommand;
  summary: PairSummary;
  runs: number;
  failure?: string;
}

/** Each start-up command in pairs with `node -e ""` (the TUI skipped without tmux). */
export function measureStartup(ctx: BenchContext, pairs: number): MeasuredStartup[] {
  const node = (argv: string[]): ChildCommand => ({ argv: [process.execPath, ...argv], cwd: ctx.root, env: { ...process.env } });
  const empty = node(['-e', '']);
  const stdoutFile = path.join(ctx.outDir, 'startup-stdout.tmp');
  const out: MeasuredStartup[] = [];
  for (const command of STARTUP_COMMANDS) {
    if (command.terminal && !terminalAvailable) {
      ctx.log(`startup: ${command.label} skipped: no tmux to give it a terminal`);
      continue;
    }
    ctx.log(`startup: ${command.label}, ${pairs} pair${pairs === 1 ? '' : 's'}…`);
    const times = runPairs(node([path.join('bin', 'meshscope.js'), ...command.args]), empty, {
      pairs,
      okStatuses: [0],
      warmup: !ctx.smoke,
      stdoutFile,
      ...(command.terminal ? { terminal: command.terminal } : {}),
    });
    if (times.failure) ctx.log(`startup: ${command.label} failed: ${times.failure}`);
    out.push({ command, summary: summarizePairs(times), runs: times.commandMs.length, ...(times.failure ? { failure: times.failure } : {}) });
  }
  return out;
}

const met = (m: MeasuredStartup) => {
  const goal = m.command.goal;
  return 'ms' in goal ? m.summary.commandMedianMs <= goal.ms : m.summary.medianRatio <= goal.ratio;
};
const goalText = (goal: StartupCommand['goal']) => ('ms' in goal ? `≤ ${goal.ms} ms` : `≤ ${goal.ratio}× an empty node`);

/** The section of docs/performance.md. */
export function startupSection(measured: MeasuredStartup[]): string[] {
  if (measured.length === 0) return [];
  const rows = measured.map((m) =>
    m.failure
      ? `| \`${m.command.label}\` | ${goalText(m.command.goal)} | **failed: ${m.failure.replaceAll('|', '\\|')}** | — | — |`
      : `| \`${m.command.label}\` | ${goalText(m.command.goal)} | ${m.summary.commandMedianMs.toFixed(0)} ms ${met(m) ? '✓' : '✗'} | ${m.summary.floorMedianMs.toFixed(0)} ms | ${m.summary.medianRatio.toFixed(2)}× (${m.summary.minRatio.toFixed(2)}–${m.summary.maxRatio.toFixed(2)}) |`,
  );
  return [
    '## Start-up, on the demo dump',
    '',
    `The README's demo (\`${DEMO_DUMP}\`, ${'bookinfo'}'s productpage sidecar), each command in pairs with an empty \`node -e ""\`, median of ${measured[0]!.runs} pairs; the TUI as above, in tmux.`,
    '',
    '| command | goal | median | empty node | ratio (spread) |',
    '|---|---|---|---|---|',
    ...rows,
    '',
  ];
}

/** The rows for results.json. */
export function startupResults(measured: MeasuredStartup[], smoke: boolean): BenchResult[] {
  return measured.flatMap((m) => {
    const base = { bench: 'process', dump: 'demo' };
    const runs = result({
      ...base,
      name: `${m.command.label}: runs`,
      value: m.failure ? 0 : 1,
      unit: 'ok',
      target: { op: '>=', value: 1 },
      detail: m.failure ?? 'exit 0',
    });
    if (m.failure) return [runs];
    const goal = m.command.goal;
    const timed =
      'ms' in goal
        ? result({
            ...base,
            name: `${m.command.label}: time`,
            value: m.summary.commandMedianMs,
            unit: 'ms',
            ...(smoke ? {} : { goal: { op: '<=' as const, value: goal.ms } }),
            detail: `median of ${m.runs} runs; an empty node ${m.summary.floorMedianMs.toFixed(0)} ms`,
          })
        : result({
            ...base,
            name: `${m.command.label}: time / empty node`,
            value: m.summary.medianRatio,
            unit: 'x',
            ...(smoke ? {} : { goal: { op: '<=' as const, value: goal.ratio } }),
            detail: `median of ${m.runs} pairs; ${m.summary.commandMedianMs.toFixed(0)} ms vs ${m.summary.floorMedianMs.toFixed(0)} ms`,
          });
    return [runs, timed];
  });
}
