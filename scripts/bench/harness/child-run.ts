import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, fstatSync, openSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

/** GNU time: runs the child and prints its peak RSS (`%M`, KiB) on stderr when it exits. */
const GNU_TIME = '/usr/bin/time';
const RSS_MARK = 'meshscope-bench-peak-rss-kib=';

/** One process as a user starts it: argv[0] is the executable, no shell. */
export interface ChildCommand {
  argv: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
}

export interface ChildRun {
  /** Wall clock from spawn to exit, seen by the parent. */
  ms: number;
  /** Exit status (null when killed by a signal). */
  status: number | null;
  signal: string | null;
  /** The child's peak RSS in bytes, or null without GNU time. */
  peakRssBytes: number | null;
  /** Bytes written to stdout, or null when stdout went to /dev/null. */
  stdoutBytes: number | null;
  /** The child's own stderr (without GNU time's line), for messages. */
  stderr: string;
}

/** Whether peak RSS can be measured (GNU time at /usr/bin/time). */
export const rssMeasured = existsSync(GNU_TIME);

/**
 * Runs `command` once and waits for it: stdin closed, stdout to /dev/null (or to `stdoutFile`,
 * to count what it printed), stderr collected. Under GNU time when present, whose own fork and
 * exec (about a millisecond) then falls on every run alike.
 */
export function runChild(command: ChildCommand, stdoutFile?: string): ChildRun {
  const [file, ...args] = rssMeasured ? [GNU_TIME, '-f', `${RSS_MARK}%M`, ...command.argv] : command.argv;
  const out = stdoutFile === undefined ? 'ignore' : openSync(stdoutFile, 'w');
  try {
    const start = performance.now();
    const child = spawnSync(file!, args, {
      cwd: command.cwd,
      env: command.env,
      stdio: ['ignore', out, 'pipe'],
      encoding: 'utf8',
      maxBuffer: 64 << 20,
    });
    const ms = performance.now() - start;
    if (child.error) throw child.error;
    const lines = child.stderr.split('\n');
    const mark = lines.findLastIndex((line) => line.startsWith(RSS_MARK));
    const peakRssBytes = mark < 0 ? null : Number(lines[mark]!.slice(RSS_MARK.length)) * 1024;
    // GNU time also says "Command exited with non-zero status N" just before its line.
    const own = lines.filter((line, i) => i !== mark && !(rssMeasured && i === mark - 1 && line.startsWith('Command ')));
    return {
      ms,
      status: child.status,
      signal: child.signal,
      peakRssBytes,
      stdoutBytes: typeof out === 'number' ? fstatSync(out).size : null,
      stderr: own.join('\n').trim(),
    };
  } finally {
    if (typeof out === 'number') closeSync(out);
  }
}

/**
 * The line of a child's stderr that says what went wrong: Node's `Error: …` line of an uncaught
 * exception (after the source excerpt it starts with), else the first line.
 */
export function errorLine(stderr: string): string {
  const lines = stderr.split('\n').map((line) => line.trim());
  return lines.find((line) => /^[A-Za-z]*Error\b/.test(line)) ?? lines.find((line) => line !== '') ?? '';
}
