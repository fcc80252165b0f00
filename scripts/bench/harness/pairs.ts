import { type ChildCommand, type ChildRun, errorLine, runChild } from './child-run.ts';
import { median } from './measure.ts';
import { runInTerminal, type TerminalWait } from './terminal-run.ts';

/** A command timed against its floor: what the user waits for, over what any such process costs. */
export interface PairedTimes {
  /** Per pair: command wall time / floor wall time. */
  ratios: number[];
  commandMs: number[];
  floorMs: number[];
  /** Peak RSS per run, bytes; empty without GNU time. */
  commandRss: number[];
  floorRss: number[];
  /** What went wrong (runs with an unexpected exit status, no output), each once, if anything did. */
  failure?: string;
  /** Bytes the command printed on its checked run (null when none was checked). */
  stdoutBytes: number | null;
}

export interface PairOptions {
  pairs: number;
  /** Exit statuses that mean the command worked (findings exits 1 on an error-level finding). */
  okStatuses: number[];
  /** Run one untimed pair first (page cache, check run). */
  warmup: boolean;
  /** Where the checked run's stdout goes, to count what it printed. */
  stdoutFile: string;
  /** Run the command in a terminal and time it to its first usable frame (runInTerminal). */
  terminal?: TerminalWait;
}

function describe(run: ChildRun, what: string): string {
  const how = run.signal ? `killed by ${run.signal}` : `exit ${run.status}`;
  return `${what}: ${how}${run.stderr ? ` (${errorLine(run.stderr)})` : ''}`;
}

/**
 * Runs `pairs` pairs of (floor, command), each in its own process, alternating which goes first,
 * so that whatever else the machine does falls on both alike. The first command run prints to
 * `stdoutFile` and must print something; every command run must exit with an ok status, every
 * floor run with 0. Times are collected even after a failure (the caller decides). With no
 * `floor` (a dump no floor process can read: over V8's string limit), the command runs alone
 * and there are no ratios.
 */
export function runPairs(command: ChildCommand, floor: ChildCommand | null, options: PairOptions): PairedTimes {
  const out: PairedTimes = { ratios: [], commandMs: [], floorMs: [], commandRss: [], floorRss: [], stdoutBytes: null };
  const failures = new Set<string>();
  const fail = (message: string) => failures.add(message);
  const total = options.pairs + (options.warmup ? 1 : 0);
  for (let i = 0; i < total; i++) {
    const checked = i === 0;
    const terminal = options.terminal;
    const runCommand = () => (terminal ? runInTerminal(command, terminal) : runChild(command, checked ? options.stdoutFile : undefined));
    let floorRun: ChildRun | undefined;
    let commandRun: ChildRun;
    if (i % 2 === 0) {
      floorRun = floor ? runChild(floor) : undefined;
      commandRun = runCommand();
    } else {
      commandRun = runCommand();
      floorRun = floor ? runChild(floor) : undefined;
    }
    if (floorRun && floorRun.status !== 0) fail(describe(floorRun, 'floor'));
    if (commandRun.status === null || !options.okStatuses.includes(commandRun.status)) fail(describe(commandRun, 'command'));
    if (checked) {
      out.stdoutBytes = commandRun.stdoutBytes;
      if (commandRun.stdoutBytes === 0) fail('command printed nothing on stdout');
    }
    if (options.warmup && i === 0) continue;
    if (floorRun) out.ratios.push(commandRun.ms / floorRun.ms);
    out.commandMs.push(commandRun.ms);
    if (floorRun) out.floorMs.push(floorRun.ms);
    if (commandRun.peakRssBytes !== null) out.commandRss.push(commandRun.peakRssBytes);
    if (floorRun && floorRun.peakRssBytes !== null) out.floorRss.push(floorRun.peakRssBytes);
  }
  if (failures.size > 0) out.failure = [...failures].join('; ');
  return out;
}

/** The numbers a report shows for one command (the ratios and the floor's time NaN without a floor). */
export interface PairSummary {
  medianRatio: number;
  minRatio: number;
  maxRatio: number;
  commandMedianMs: number;
  floorMedianMs: number;
  /** Median peak RSS, bytes (null without GNU time). */
  commandRss: number | null;
  floorRss: number | null;
  rssRatio: number | null;
}

export function summarizePairs(times: PairedTimes): PairSummary {
  const rss = (samples: number[]) => (samples.length > 0 ? median(samples) : null);
  const commandRss = rss(times.commandRss);
  const floorRss = rss(times.floorRss);
  const none = times.ratios.length === 0;
  return {
    medianRatio: none ? Number.NaN : median(times.ratios),
    minRatio: none ? Number.NaN : Math.min(...times.ratios),
    maxRatio: none ? Number.NaN : Math.max(...times.ratios),
    commandMedianMs: median(times.commandMs),
    floorMedianMs: times.floorMs.length === 0 ? Number.NaN : median(times.floorMs),
    commandRss,
    floorRss,
    rssRatio: commandRss !== null && floorRss !== null ? commandRss / floorRss : null,
  };
}
