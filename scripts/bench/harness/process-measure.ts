import type { ColdProbe } from './cold-probe.ts';
import { MB } from './measure.ts';
import type { PairSummary } from './pairs.ts';
import type { ProcessCommand } from './process-commands.ts';
import type { BenchDump } from './types.ts';

/** What the `process` bench measured for one command on one dump. */
export interface MeasuredCommand {
  command: ProcessCommand;
  summary: PairSummary;
  /** Timed pairs (timed runs of the command alone, at a size with no floor). */
  pairs: number;
  /** Why a run did not work (exit status, no output), if one did not. */
  failure?: string;
  /** Bytes printed on the checked run. */
  stdoutBytes: number | null;
}

/** One other runtime's run of the same commands on one dump (runtimes.ts). */
export interface RuntimeMeasure {
  name: string;
  version: string;
  pairs: number;
  commands: MeasuredCommand[];
}

export interface MeasuredSize {
  dump: BenchDump;
  /** Why this size has no parse floor (commands are timed alone, no ratios), when it has none. */
  floorless?: string;
  /** Bun and Deno, when installed (not in a smoke run). */
  runtimes?: RuntimeMeasure[];
  /** The request line the explain command was given. */
  request: string;
  commands: MeasuredCommand[];
  explain?: ColdProbe;
  read?: ColdProbe;
  /** Why the in-process probes failed, if they did. */
  probeFailure?: string;
}

/** Milliseconds per MB of dump between two sizes: how a command's time grows with the dump. */
export interface Slope {
  label: string;
  from: string;
  to: string;
  commandMsPerMB: number;
  floorMsPerMB: number;
}

/** The slope of each command between each two consecutive sizes measured (smallest first). */
export function slopes(sizes: MeasuredSize[]): Slope[] {
  const ordered = [...sizes].sort((a, b) => a.dump.bytes - b.dump.bytes);
  const out: Slope[] = [];
  for (let i = 1; i < ordered.length; i++) {
    const [a, b] = [ordered[i - 1]!, ordered[i]!];
    const mb = (b.dump.bytes - a.dump.bytes) / MB;
    for (const later of b.commands) {
      const before = a.commands.find((c) => c.command.label === later.command.label);
      if (!before || later.failure || before.failure) continue;
      const earlier = before.summary;
      out.push({
        label: later.command.label,
        from: a.dump.label,
        to: b.dump.label,
        commandMsPerMB: (later.summary.commandMedianMs - earlier.commandMedianMs) / mb,
        floorMsPerMB: (later.summary.floorMedianMs - earlier.floorMedianMs) / mb,
      });
    }
  }
  return out;
}
