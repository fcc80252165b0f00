import type { ColdProbe } from './cold-probe.ts';
import { RSS_GOAL, timeGoal } from './process-commands.ts';
import { type MeasuredCommand, type MeasuredSize, slopes } from './process-measure.ts';
import { type BenchResult, result } from './types.ts';

const ms = (n: number) => `${n.toFixed(0)} ms`;

function commandRows(measured: MeasuredCommand, dump: string, smoke: boolean): BenchResult[] {
  const { command, summary: s } = measured;
  const base = { bench: 'process', dump };
  // Goals only on real measurements: one smoke pair says nothing about time.
  const goal = (value: number | null) => (smoke || value === null ? {} : { goal: { op: '<=' as const, value } });
  const runs = result({
    ...base,
    name: `${command.label}: runs`,
    value: measured.failure ? 0 : 1,
    unit: 'ok',
    target: { op: '>=', value: 1 },
    detail:
      measured.failure ??
      (command.terminal
        ? `its first usable frame on the terminal (${measured.stdoutBytes} characters on the screen), then quit`
        : `exit ${command.okStatuses.join(' or ')}, ${measured.stdoutBytes} bytes on stdout`),
  });
  // A failed run's times are of an error message, not of the command.
  if (measured.failure) return [runs];
  // No floor (a dump over V8's string limit): the command's own time and peak RSS.
  if (Number.isNaN(s.medianRatio)) {
    const alone = [
      runs,
      result({
        ...base,
        name: `${command.label}: time`,
        value: s.commandMedianMs,
        unit: 'ms',
        detail: `median of ${measured.pairs} runs, each its own process; no floor at this size`,
      }),
    ];
    if (s.commandRss !== null)
      alone.push(result({ ...base, name: `${command.label}: peak RSS`, value: s.commandRss / 2 ** 20, unit: 'MiB', detail: 'median peak RSS (GNU time %M)' }));
    return alone;
  }
  const rows = [
    runs,
    result({
      ...base,
      name: `${command.label}: time / floor`,
      value: s.medianRatio,
      unit: 'x',
      ...goal(timeGoal(command)),
      detail:
        `median of ${measured.pairs} per-pair ratios, each run its own process, order alternating; ` +
        `spread ${s.minRatio.toFixed(2)}–${s.maxRatio.toFixed(2)}; median ${ms(s.commandMedianMs)} vs floor ${ms(s.floorMedianMs)} (${command.floor === 'parse' ? 'node reading and parsing the dump' : 'node -e ""'})`,
    }),
  ];
  if (s.rssRatio !== null)
    rows.push(
      result({
        ...base,
        name: `${command.label}: peak RSS / floor`,
        value: s.rssRatio,
        unit: 'x',
        ...goal(RSS_GOAL),
        detail: `median peak RSS (GNU time %M) ${((s.commandRss ?? 0) / 2 ** 20).toFixed(0)} MiB vs floor ${((s.floorRss ?? 0) / 2 ** 20).toFixed(0)} MiB`,
      }),
    );
  return rows;
}

function probeRows(explain: ColdProbe, read: ColdProbe, dump: string): BenchResult[] {
  const base = { bench: 'process', dump, unit: 'ms' };
  const fresh = 'in a fresh node process, the dump read first';
  const full = read.fullRead!;
  return [
    result({ ...base, name: 'first explain after load', value: explain.cold!.ms, detail: `one explain() call (outcome ${explain.cold!.outcome}), ${fresh}` }),
    result({
      ...base,
      name: 'warm explain p50',
      value: explain.warm!.p50,
      detail: `the ${explain.warm!.count} varied requests after it, each once, no best-of`,
    }),
    result({ ...base, name: 'warm explain p99', value: explain.warm!.p99, detail: `max ${explain.warm!.max.toFixed(2)} ms` }),
    result({ ...base, name: 'load (parse + index)', value: read.loadMs, detail: `sections parsed + loadProxyConfig ${fresh} (read ${ms(read.readMs)})` }),
    result({
      ...base,
      name: 'load + first full read',
      value: read.loadMs + full.ms,
      detail: `then every route config's virtual hosts (${full.routes} routes), ${full.clusters} clusters, every assignment's ${full.endpoints} endpoints, ${full.issues} load issues: ${full.ms.toFixed(0)} ms`,
    }),
  ];
}

/** The `process` bench's rows for results.json: per size, per command, the probes, the slopes. */
export function processResults(sizes: MeasuredSize[], smoke: boolean): BenchResult[] {
  const rows = sizes.flatMap((size) => [
    ...size.commands.flatMap((c) => commandRows(c, size.dump.label, smoke)),
    ...(size.explain && size.read
      ? probeRows(size.explain, size.read, size.dump.label)
      : [
          result({
            bench: 'process',
            dump: size.dump.label,
            name: 'in-process probes',
            value: 0,
            unit: 'ok',
            target: { op: '>=', value: 1 },
            detail: size.probeFailure,
          }),
        ]),
  ]);
  if (smoke) return rows;
  return [
    ...rows,
    ...slopes(sizes).map((s) =>
      result({
        bench: 'process',
        dump: `${s.from}→${s.to}`,
        name: `${s.label}: slope`,
        value: s.commandMsPerMB,
        unit: 'ms/MB',
        detail: `median wall time per MB of dump between the sizes; the floor's ${s.floorMsPerMB.toFixed(1)} ms/MB`,
      }),
    ),
  ];
}
