/**
 * The measuring half of bench `tui` (scripts/bench/tui.ts), run in a fresh process with
 * NODE_ENV=production (React's production build, as `meshscope` runs it):
 * `node --expose-gc tui-probe.js DUMP` prints the samples as JSON on stdout.
 *
 * Keystroke-to-frame latency of the interactive TUI on the 10k-service sidecar
 * (38k routes). Target: p99 ≤ 16 ms (one frame at 60 Hz) for filtering and for scrolling.
 *
 * What is measured is the whole TUI but the terminal: the real App (keymap, reducer, filter,
 * virtualized Table, Ink layout and its log-update diff) rendered by Ink exactly as `meshscope`
 * runs it (maxFps 60, not debug mode) into an in-memory 120×40 terminal. A key is pushed into
 * Ink's stdin; the time runs until Ink writes the frame that shows it. Keys are paced 25 ms apart
 * so Ink's frame throttle is idle, as between a person's keystrokes. Filtering: typing queries
 * into the Routes table's `/` filter, erasing them, clearing with Esc. Scrolling: j/k, PgDn/PgUp,
 * G/g over all 38k routes and over a filtered subset. Informational: building the Routes table
 * when the tab opens, and the filter alone (FilterIndex.matches, no rendering) per keystroke.
 */
import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import process from 'node:process';
import { Box, render, Text, useInput } from 'ink';
import { createElement, useState } from 'react';
import type { MeshSource } from '../../src/app/mesh-source.ts';
import { routeRows } from '../../src/core/browse/route-rows.ts';
import { FilterIndex } from '../../src/ui/table/filter-index.ts';
import { routesTable } from '../../src/ui/tables/routes-table.ts';
import { App } from '../../src/ui/views/App.tsx';
import { loadDumpText } from './harness/cli-path.ts';

const PACE_MS = 25;
const ROUNDS = 3;

/** An in-memory terminal that notes when a frame is written. */
class Terminal extends EventEmitter {
  readonly isTTY = true;
  frames = 0;
  last = '';
  constructor(
    readonly columns = 80,
    readonly rows = 24,
  ) {
    super();
  }
  write = (chunk: string): boolean => {
    if (chunk.length > 200) {
      this.frames++;
      this.last = chunk;
      this.emit('frame');
    }
    return true;
  };
}

/** A TTY stdin whose keys the bench pushes. */
class Keyboard extends EventEmitter {
  readonly isTTY = true;
  private readonly queue: string[] = [];
  setEncoding(): void {}
  setRawMode(): void {}
  resume(): void {}
  pause(): void {}
  ref(): void {}
  unref(): void {}
  read(): string | null {
    return this.queue.shift() ?? null;
  }
  press(key: string): void {
    this.queue.push(key);
    this.emit('readable');
  }
}

const ESC = '\u001b';
const KEYS = { backspace: '\u007f', down: 'j', up: 'k', pageDown: `${ESC}[6~`, pageUp: `${ESC}[5~` };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Presses a key and returns the milliseconds until Ink wrote the next frame. */
async function timeKey(terminal: Terminal, keyboard: Keyboard, key: string): Promise<number> {
  await sleep(PACE_MS);
  const framed = new Promise<number>((resolve) => {
    const timer = setTimeout(() => resolve(Number.POSITIVE_INFINITY), 2000);
    terminal.once('frame', () => {
      clearTimeout(timer);
      resolve(performance.now());
    });
  });
  const start = performance.now();
  keyboard.press(key);
  return (await framed) - start;
}

function typed(text: string): string[] {
  return [...text];
}

/** Filter keystrokes: type a query, erase a few characters, clear with Esc; `/` reopens the filter. */
function filterSession(): string[] {
  const keys: string[] = [];
  for (const query of ['svc-42', 'ns-3 canary', 'v2', 'x-tenant beta', 'svc-9999', 'nothing-matches']) {
    // Every key must change the screen (a key that changes nothing draws no frame to time).
    keys.push('/', ...typed(query), ...Array<string>(Math.min(3, query.length - 1)).fill(KEYS.backspace), ESC);
  }
  return keys;
}

function scrollSession(): string[] {
  return [
    ...Array(60).fill(KEYS.down),
    ...Array(20).fill(KEYS.up),
    ...Array(20).fill(KEYS.pageDown),
    ...Array(10).fill(KEYS.pageUp),
    'G',
    'g',
    ...Array(20).fill(KEYS.down),
  ];
}

/** Keystroke-to-frame samples on one terminal size: per round, one time per key of the session. */
export interface SizeSamples {
  columns: number;
  rows: number;
  filter: number[][];
  scroll: number[][];
}

/** What the probe prints. */
export interface TuiSamples {
  routes: number;
  buildMs: number;
  /** Ink alone (a static 80×24 text screen, one marker moving per key): p50 keystroke→frame. */
  inkFloor: number;
  filterOnly: number[];
  sizes: SizeSamples[];
  react: string;
}

/** The sizes measured: the 80×24 baseline (the target) and a roomier 120×40. */
const SIZES: [number, number][] = [
  [80, 24],
  [120, 40],
];

/** A screenful of static lines, like the table's: what Ink costs per frame with no app work at all. */
function StaticScreen({ lines }: { lines: string[] }) {
  const [at, setAt] = useState(0);
  useInput(() => setAt((n) => (n + 1) % lines.length));
  return createElement(
    Box,
    { flexDirection: 'column' },
    lines.map((line, i) => createElement(Text, { key: i }, `${i === at ? '› ' : '  '}${line}`)),
  );
}

async function measureInkFloor(): Promise<number> {
  const terminal = new Terminal(80, 24);
  const keyboard = new Keyboard();
  const lines = Array.from({ length: 23 }, (_, i) =>
    `svc-${i}.ns-${i % 40}:8080  ${i}  canary  prefix / · x-tenant^=beta  svc-${i}.ns-${i}:8080 v1 90%`.slice(0, 76),
  );
  const instance = render(createElement(StaticScreen, { lines }), {
    stdout: terminal as unknown as NodeJS.WriteStream,
    stdin: keyboard as unknown as NodeJS.ReadStream,
    stderr: new Terminal() as unknown as NodeJS.WriteStream,
    exitOnCtrlC: false,
    patchConsole: false,
    maxFps: 60,
  });
  await sleep(200);
  const times: number[] = [];
  for (let i = 0; i < 150; i++) times.push(await timeKey(terminal, keyboard, 'j'));
  instance.unmount();
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)]!;
}

const log = (message: string) => process.stderr.write(`bench: ${message}\n`);

/** Mounts a fresh App (cold tables and filter caches) on a terminal of this size. */
async function mount(source: MeshSource, columns: number, rows: number) {
  const terminal = new Terminal(columns, rows);
  const keyboard = new Keyboard();
  const instance = render(createElement(App, { source, color: true }), {
    stdout: terminal as unknown as NodeJS.WriteStream,
    stdin: keyboard as unknown as NodeJS.ReadStream,
    stderr: new Terminal() as unknown as NodeJS.WriteStream,
    exitOnCtrlC: false,
    patchConsole: false,
    maxFps: 60,
  });
  while (!/\d+ routes/.test(terminal.last)) await sleep(50);
  await sleep(200);
  return { terminal, keyboard, instance };
}

/**
 * Times the filter and scroll sessions on a terminal of this size, each round on a freshly
 * mounted App so that no round profits from an earlier round's filter cache.
 */
async function measureSize(source: MeshSource, columns: number, rows: number): Promise<SizeSamples> {
  const filter: number[][] = [];
  const scroll: number[][] = [];
  for (let round = 0; round < ROUNDS; round++) {
    log(`tui ${columns}×${rows}: round ${round + 1}/${ROUNDS} (mounting the App on the Routes tab)…`);
    const { terminal, keyboard, instance } = await mount(source, columns, rows);
    const f: number[] = [];
    const sc: number[] = [];
    for (const key of filterSession()) {
      const ms = await timeKey(terminal, keyboard, key);
      f.push(ms);
      if (process.env.TUI_PROBE_TRACE && ms > 16) log(`slow key ${JSON.stringify(key)}: ${ms.toFixed(1)} ms`);
    }
    for (const key of scrollSession()) sc.push(await timeKey(terminal, keyboard, key));
    // The same scrolling within a filtered table (11k of 38k routes).
    for (const key of ['/', ...typed('ns-3'), '\r']) await timeKey(terminal, keyboard, key);
    for (const key of scrollSession()) sc.push(await timeKey(terminal, keyboard, key));
    filter.push(f);
    scroll.push(sc);
    await sleep(10);
    instance.unmount();
    (globalThis as { gc?: () => void }).gc?.();
  }
  return { columns, rows, filter, scroll };
}

async function main(file: string): Promise<TuiSamples> {
  log('tui: loading the dump…');
  const config = loadDumpText(path.basename(file), readFileSync(file, 'utf8'));
  (globalThis as { gc?: () => void }).gc?.();
  const proxy = `${config.node?.podName ?? 'proxy'}.${config.node?.namespace ?? 'default'}`;
  const source: MeshSource = {
    kind: 'file',
    label: `file ${path.basename(file)}`,
    listProxies: async () => [{ name: proxy, pod: config.node?.podName ?? 'proxy', namespace: config.node?.namespace ?? 'default', sync: {} }],
    proxyConfig: async () => ({ config, fetchedAt: Date.now() }),
    analyze: async () => [],
  };

  // Informational: building the Routes table (done once, when the tab opens) and filtering alone.
  let start = performance.now();
  const model = routesTable(routeRows(config));
  new FilterIndex(model);
  const buildMs = performance.now() - start;
  const filterOnly: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const probe = new FilterIndex(model);
    for (const query of ['svc-42', 'ns-3 canary', 'v2', 'x-tenant beta', 'svc-9999', 'nothing-matches']) {
      for (let n = 1; n <= query.length; n++) {
        start = performance.now();
        probe.matches(query.slice(0, n));
        filterOnly.push(performance.now() - start);
      }
    }
  }

  log('tui: Ink alone (a static screen)…');
  const inkFloor = await measureInkFloor();
  const sizes: SizeSamples[] = [];
  for (const [columns, rows] of SIZES) {
    sizes.push(await measureSize(source, columns, rows));
    (globalThis as { gc?: () => void }).gc?.();
  }
  return { routes: model.rows.length, buildMs, inkFloor, filterOnly, sizes, react: process.env.NODE_ENV ?? 'development' };
}

const file = process.argv[2];
if (!file) {
  process.stderr.write('usage: tui-probe DUMP\n');
  process.exit(2);
}
process.stdout.write(`${JSON.stringify(await main(file))}\n`);
process.exit(0);
