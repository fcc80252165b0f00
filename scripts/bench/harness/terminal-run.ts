import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { ChildCommand, ChildRun } from './child-run.ts';
import { rssMeasured } from './child-run.ts';

/** How an interactive command is timed: in a real terminal, until its screen shows `ready`. */
export interface TerminalWait {
  /** The screen text that means the first usable frame (e.g. the Routes tab with its row count). */
  ready: RegExp;
  /** The key that quits it once timed. */
  quit: string;
  columns: number;
  rows: number;
  /** Give up after this long (the run fails). */
  timeoutMs: number;
}

/** Whether tmux is there to give the command a terminal (else the terminal commands are skipped). */
export const terminalAvailable = spawnSync('tmux', ['-V'], { stdio: 'ignore' }).status === 0;

/** How often the screen is read: each read is a `tmux capture-pane` process (≈2 ms of CPU). */
const POLL_MS = 20;

const tmux = (...args: string[]) => spawnSync('tmux', args, { encoding: 'utf8' });
const pause = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

let sessions = 0;

/**
 * Runs `command` in a tmux terminal of its own (a detached session, `columns`×`rows`; tmux runs
 * the argv directly, no shell) and returns the wall time from starting the session to the first
 * screen read that matches `ready`; then presses `quit` and waits for the process to end. The
 * screen is read every 20 ms, so a time is late by up to that much. Under GNU time when present
 * (peak RSS of the whole run, written to a file: the terminal has the child's stderr). The exit
 * status is not known to the parent: 0 when `ready` appeared and the process ended after `quit`,
 * 1 otherwise, with the last screen as `stderr`.
 */
export function runInTerminal(command: ChildCommand, wait: TerminalWait): ChildRun {
  const session = `meshscope-bench-${process.pid}-${sessions++}`;
  const rssFile = path.join(os.tmpdir(), `${session}.rss`);
  const argv = rssMeasured ? ['/usr/bin/time', '-f', '%M', '-o', rssFile, ...command.argv] : command.argv;
  const env = Object.entries(command.env)
    .filter(([key, value]) => value !== undefined && key !== 'TMUX' && /^[A-Za-z_][A-Za-z0-9_]*$/.test(key))
    .flatMap(([key, value]) => ['-e', `${key}=${value}`]);
  const start = performance.now();
  const started = tmux('new-session', '-d', '-s', session, '-x', String(wait.columns), '-y', String(wait.rows), '-c', command.cwd, ...env, ...argv);
  if (started.status !== 0) throw new Error(`tmux new-session: ${started.stderr.trim()}`);
  let ms = Number.NaN;
  let screen = '';
  try {
    while (performance.now() - start < wait.timeoutMs) {
      const capture = tmux('capture-pane', '-p', '-t', session);
      if (capture.status !== 0) break; // the session ended: the command exited before its frame
      screen = capture.stdout;
      if (wait.ready.test(screen)) {
        ms = performance.now() - start;
        break;
      }
      pause(POLL_MS);
    }
    if (!Number.isNaN(ms)) {
      tmux('send-keys', '-t', session, wait.quit);
      const quitBy = performance.now() + 10_000;
      while (tmux('has-session', '-t', session).status === 0 && performance.now() < quitBy) pause(POLL_MS);
    }
  } finally {
    const left = tmux('has-session', '-t', session).status === 0;
    if (left) tmux('kill-session', '-t', session);
    if (left && !Number.isNaN(ms)) screen = `still running ${10} s after ${JSON.stringify(wait.quit)}\n${screen}`;
  }
  const rss = existsSync(rssFile) ? Number(readFileSync(rssFile, 'utf8').trim().split('\n').pop()) * 1024 : null;
  rmSync(rssFile, { force: true });
  const ok = !Number.isNaN(ms) && !screen.startsWith('still running');
  return {
    ms: Number.isNaN(ms) ? performance.now() - start : ms,
    status: ok ? 0 : 1,
    signal: null,
    peakRssBytes: rss !== null && Number.isFinite(rss) ? rss : null,
    stdoutBytes: ok ? screen.length : 0,
    stderr: ok ? '' : `no ${wait.ready} on the screen: ${screen.trim().split('\n').slice(0, 6).join(' ⏎ ')}`,
  };
}
