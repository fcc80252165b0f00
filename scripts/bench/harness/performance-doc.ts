import { rssMeasured } from './child-run.ts';
import { MB } from './measure.ts';
import { PROCESS_COMMANDS, RSS_GOAL, TIME_GOALS, timeGoal } from './process-commands.ts';
import { type MeasuredCommand, type MeasuredSize, type RuntimeMeasure, slopes } from './process-measure.ts';
import { type MeasuredStartup, startupSection } from './startup.ts';

export interface Machine {
  cpu: string;
  cpus: number;
  memoryGB: number;
  os: string;
  node: string;
  loadAverage: number[];
  /** The build bin/meshscope.js ran. */
  build?: string;
}

export interface PerformanceReport {
  machine: Machine;
  loadAverageAfter: number[];
  date: Date;
  pairs: number;
  sizes: MeasuredSize[];
  /** The start-up commands on the demo dump. */
  startup?: MeasuredStartup[];
}

const x = (n: number | null) => (n === null || Number.isNaN(n) ? '—' : `${n.toFixed(2)}×`);
const mark = (value: number | null, goal: number | null) => (value === null || Number.isNaN(value) || goal === null ? '' : value <= goal ? ' ✓' : ' ✗');
const mib = (bytes: number | null) => (bytes === null ? '—' : `${(bytes / 2 ** 20).toFixed(0)} MiB`);
const loads = (l: number[]) => l.map((n) => n.toFixed(2)).join(' ');

function commandRow(c: MeasuredCommand): string {
  const s = c.summary;
  const goal = timeGoal(c.command);
  if (c.failure) return `| \`${c.command.label}\` **failed: ${c.failure.replaceAll('|', '\\|')}** | — | — | — | — |`;
  return `| \`${c.command.label}\` | ${x(s.medianRatio)}${mark(s.medianRatio, goal)} | ${x(s.minRatio)}–${x(s.maxRatio)} | ${s.commandMedianMs.toFixed(0)} / ${s.floorMedianMs.toFixed(0)} | ${x(s.rssRatio)}${mark(s.rssRatio, RSS_GOAL)} |`;
}

/** A size without a floor: each command's own median time and peak RSS. */
function floorlessRow(c: MeasuredCommand): string {
  const s = c.summary;
  if (c.failure) return `| \`${c.command.label}\` **failed: ${c.failure.replaceAll('|', '\\|')}** | — | — | — |`;
  const floor = c.command.floor === 'empty' ? ` (floor ${s.floorMedianMs.toFixed(0)} ms, ${x(s.medianRatio)})` : '';
  return `| \`${c.command.label}\` | ${s.commandMedianMs.toFixed(0)}${floor} | ${mib(s.commandRss)} | ${c.pairs} |`;
}

function sizeSection(size: MeasuredSize): string[] {
  const table = size.floorless
    ? [
        `No floor at this size: ${size.floorless}. meshscope reads it section by section (no section is over the limit), so each command is timed alone.`,
        '',
        '| command | median ms | peak RSS | runs |',
        '|---|---|---|---|',
        ...size.commands.map(floorlessRow),
      ]
    : ['| command | median ratio | spread | median ms (cmd/floor) | RSS ratio |', '|---|---|---|---|---|', ...size.commands.map(commandRow)];
  const lines = [
    `## ${size.dump.label}: ${(size.dump.bytes / MB).toFixed(1)} MB, ${size.dump.services} services`,
    '',
    `The explain request: \`${size.request}\`.`,
    '',
    ...table,
    '',
  ];
  const { explain, read } = size;
  if (!explain?.cold || !explain.warm || !read?.fullRead) return [...lines, `In-process probes failed: ${size.probeFailure}`, ''];
  const full = read.fullRead;
  return [
    ...lines,
    'In a fresh process, after `readFileSync` of the dump (its bytes, as the CLI reads a file):',
    '',
    `- cold explain: the first \`explain()\` after the load, **${explain.cold.ms.toFixed(1)} ms** (outcome \`${explain.cold.outcome}\`);`,
    `- warm explain over the next ${explain.warm.count} varied requests, each once, no best-of: p50 **${explain.warm.p50.toFixed(3)} ms**, p99 **${explain.warm.p99.toFixed(3)} ms**, max ${explain.warm.max.toFixed(1)} ms;`,
    `- read ${read.readMs.toFixed(0)} ms; load alone (the sections parsed + loadProxyConfig, as the CLI loads a file) **${read.loadMs.toFixed(0)} ms**; load + a first full read (every route config's virtual hosts, ${full.routes} routes, ${full.clusters} clusters, every assignment's ${full.endpoints} endpoints, ${full.issues} load issues) **${(read.loadMs + full.ms).toFixed(0)} ms** (the read: ${full.ms.toFixed(0)} ms).`,
    '',
  ];
}

function goalsSection(sizes: MeasuredSize[]): string[] {
  // The worst command of the group; NaN when one failed (or RSS was not measured).
  const worst = (size: MeasuredSize, pick: (c: MeasuredCommand) => number | null, only: (c: MeasuredCommand) => boolean) =>
    Math.max(...size.commands.filter(only).map((c) => (c.failure ? Number.NaN : (pick(c) ?? Number.NaN))));
  const cell = (value: number, goal: number) => (Number.isNaN(value) ? '—' : `${value <= goal ? 'met' : '**not met**'} (${x(value)})`);
  const rows = Object.entries(TIME_GOALS).map(
    ([group, g]) =>
      `| ${g.what} | ≤ ${g.ratio}× | ${sizes
        .map((s) =>
          cell(
            worst(
              s,
              (c) => c.summary.medianRatio,
              (c) => c.command.group === group,
            ),
            g.ratio,
          ),
        )
        .join(' | ')} |`,
  );
  rows.push(
    `| peak RSS, every command | ≤ ${RSS_GOAL}× | ${sizes
      .map((s) =>
        cell(
          worst(
            s,
            (c) => c.summary.rssRatio,
            () => true,
          ),
          RSS_GOAL,
        ),
      )
      .join(' | ')} |`,
  );
  return [
    "## Issue 18's targets",
    '',
    'Each cell shows the worst command of the group. The bench reports these and never fails on time.',
    '',
    `| target | goal | ${sizes.map((s) => s.dump.label).join(' | ')} |`,
    `|---|---|${sizes.map(() => '---|').join('')}`,
    ...rows,
    '',
  ];
}

/** Node, Bun and Deno side by side: each runtime's median ratio to its own floor, and its median wall time. */
function runtimeSection(size: MeasuredSize): string[] {
  const runtimes = size.runtimes ?? [];
  if (runtimes.length === 0) return [];
  const cell = (c: MeasuredCommand | undefined) =>
    !c
      ? '—'
      : c.failure
        ? `**failed: ${c.failure.replaceAll('|', '\\|')}**`
        : `${x(c.summary.medianRatio)} (${c.summary.commandMedianMs.toFixed(0)} / ${c.summary.floorMedianMs.toFixed(0)} ms)`;
  const byLabel = (r: RuntimeMeasure, label: string) => r.commands.find((c) => c.command.label === label);
  const rows = size.commands.map((c) => `| \`${c.command.label}\` | ${cell(c)} | ${runtimes.map((r) => cell(byLabel(r, c.command.label))).join(' | ')} |`);
  return [
    `### ${size.dump.label} under Node, ${runtimes.map((r) => r.name).join(' and ')}`,
    '',
    `Each runtime against its own floor (its bare read + \`JSON.parse\`, or its empty start for --help), median ratio (median ms command / floor); Node ${size.commands[0]?.pairs ?? 0} pairs, ${runtimes.map((r) => `${r.name} ${r.version} ${r.pairs}`).join(', ')} pairs per command.`,
    '',
    `| command | Node | ${runtimes.map((r) => r.name).join(' | ')} |`,
    `|---|---|${runtimes.map(() => '---|').join('')}`,
    ...rows,
    '',
  ];
}

function slopeSection(sizes: MeasuredSize[]): string[] {
  const all = slopes(sizes);
  if (all.length === 0) return [];
  const spans = [...new Set(all.map((s) => `${s.from}→${s.to}`))];
  // --help reads no dump: nothing to grow.
  const rows = PROCESS_COMMANDS.filter((command) => command.floor === 'parse').map((command) => {
    const mine = all.filter((s) => s.label === command.label);
    const cell = (s: (typeof mine)[number]) =>
      `${s.commandMsPerMB.toFixed(1)} (${Number.isNaN(s.floorMsPerMB) ? 'no floor' : `floor ${s.floorMsPerMB.toFixed(1)}`})`;
    return `| \`${command.label}\` | ${spans
      .map((span) => mine.find((s) => `${s.from}→${s.to}` === span))
      .map((s) => (s ? cell(s) : '—'))
      .join(' | ')} |`;
  });
  return ['## Slope: ms per MB of dump', '', `| command | ${spans.join(' | ')} |`, `|---|${spans.map(() => '---|').join('')}`, ...rows, ''];
}

/** docs/performance.md: the machine, how it was measured, the goals, a table per dump size, the slopes. */
export function renderPerformanceDoc(report: PerformanceReport): string {
  const m = report.machine;
  return [
    '# Performance',
    '',
    `Measured on ${report.date.toISOString().slice(0, 10)} by the \`process\` bench (\`npm run bench\` runs it first; alone: \`npm run bench -- process\`), which rewrites this file: do not edit it by hand.`,
    '',
    `Machine: ${m.cpu}, ${m.cpus} CPUs, ${m.memoryGB} GB, ${m.os}, Node ${m.node}. Load average ${loads(m.loadAverage)} before, ${loads(report.loadAverageAfter)} after.${m.build ? ` \`bin/meshscope.js\` ran ${m.build}.` : ''}`,
    '',
    '## How it is measured',
    '',
    `These are **whole-process medians of interleaved pairs**. Each command runs as a user runs it, \`node bin/meshscope.js …\` in a process of its own (no shell, stdin closed, stdout to /dev/null, so not a terminal). Its floor is a process that does only what any tool must do with the dump: \`node -e "JSON.parse(require('fs').readFileSync(F,'utf8'))"\` (for \`--help\`, \`node -e ""\`). One pair runs the two back to back, the order alternating from pair to pair; ${report.pairs} timed pairs per command after one untimed pair (page cache, and a check that the command exits as expected and prints something). The ratio is the command's wall time over the floor's within a pair: the table shows the median of the ratios, their spread (min–max) and the median wall times. ${rssMeasured ? 'Peak RSS is GNU time’s `%M` for each process; the RSS ratio is of the medians.' : 'GNU time was not found: no RSS.'} Dumps over the CLI's 256 MiB default input limit are run with \`MESHSCOPE_MAX_INPUT=1G\`, as a user must. The endpoints table has no /clusters file beside the dump (the bench generates none). \`findings\` exits 1 when a finding is an error, which counts as working; any other exit status, or nothing on stdout, is a failure.`,
    '',
    'The TUI (`--file F` in a terminal) runs in a tmux session of its own, 120×40 (scripts/bench/harness/terminal-run.ts): its time is from starting the session to the first read of the screen showing the Routes tab with its row count (the first frame a user can work in: a page of routes, the filter ready), read every 20 ms, so up to 20 ms late; then `q` quits it. Node only; skipped without tmux. Its floor is the same bare parse.',
    '',
    'The cold and warm explain and the load lines are measured in-process, each in a fresh node process: the dump loaded as the CLI loads it (scripts/bench/harness/cli-path.ts), then the call timed.',
    '',
    ...goalsSection(report.sizes),
    ...startupSection(report.startup ?? []),
    ...report.sizes.flatMap((size) => [...sizeSection(size), ...runtimeSection(size)]),
    ...slopeSection(report.sizes),
  ].join('\n');
}
