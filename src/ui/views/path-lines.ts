import type { PathTrace } from '../../app/path-trace.ts';
import type { PathHop, PathResult } from '../../core/path/types.ts';
import { hopFacts, statusOf } from '../../core/report/path-report.ts';
import { cellsLine } from '../table/cells-line.ts';
import { GAP, layoutColumns, naturalWidths } from '../table/layout.ts';
import type { Column, Row } from '../table/model.ts';
import { clean, clip } from '../text.ts';
import type { Tone } from '../theme.ts';
import { type Line, labelled, wrap } from './lines.ts';

/**
 * The path view as lines: the summary (the failing hop first, as PathResult.summary says it),
 * one row per hop laid out by the table toolkit's column rule, then the selected hop's facts
 * (the same as `explain --path` prints: core/report/path-report.ts hopFacts).
 */

/**
 * The hop table's columns: the proxy, outcome and status stay; on a narrow terminal the endpoint,
 * then the direction go first (the selected hop's facts below name both), then names are cut.
 */
export const PATH_COLUMNS: Column[] = [
  { title: '#', min: 1, max: 2, priority: 0, align: 'right' },
  { title: 'PROXY', min: 16, max: 48, priority: 0 },
  { title: 'DIRECTION', min: 8, max: 9, priority: 2 },
  { title: 'OUTCOME', min: 9, max: 9, priority: 0 },
  { title: 'CLUSTER', min: 16, max: 64, priority: 1 },
  { title: 'ENDPOINT', min: 15, max: 21, priority: 2 },
  { title: 'STATUS', min: 6, max: 24, priority: 0 },
];

const dash = (v: string | null) => (v === null || v === '' ? '-' : v);

function hopRow(h: PathHop, i: number): Row {
  return {
    id: String(i),
    cells: [String(i + 1), clean(h.proxy), h.direction, h.outcome, clean(dash(h.cluster)), clean(dash(h.endpoint)), clean(statusOf(h))],
  };
}

const outcomeTone = (p: PathResult): Tone => (p.outcome === 'delivered' || p.outcome === 'answered' ? 'good' : p.outcome === 'failed' ? 'bad' : 'warn');

export interface PathLines {
  lines: Line[];
  /** The index in `lines` of the selected hop's row (the view scrolls to keep it in sight). */
  selectedLine: number;
}

/** The path view's lines for a terminal `width` cells wide, hop `selected` under the cursor. */
export function pathLines({ path, unreadable }: PathTrace, selected: number, width: number): PathLines {
  const out: Line[] = [];
  for (const part of wrap(clean(path.summary), width)) out.push([{ text: part, tone: outcomeTone(path) }]);
  if (path.stoppedBecause) out.push(...labelled('stopped:', 9, clean(path.stoppedBecause), width, 'warn'));
  if (unreadable.length > 0) out.push(...labelled('unread:', 9, clean(unreadable.map((u) => `${u.proxy} (${u.why})`).join('; ')), width, 'warn'));
  out.push([]);
  const rows = path.hops.map(hopRow);
  // Two cells for the `›` marker, as the TUI's tables (components/Table.tsx).
  const widths = layoutColumns(PATH_COLUMNS, naturalWidths(PATH_COLUMNS, rows), width - 2);
  const line = (cells: string[]) =>
    cellsLine(
      cells.map((text, i) => ({ text, width: widths[i]!, align: PATH_COLUMNS[i]!.align })),
      GAP,
    ).trimEnd();
  out.push([{ text: `  ${line(PATH_COLUMNS.map((c) => c.title))}`, tone: 'key' }]);
  let selectedLine = out.length;
  rows.forEach((row, i) => {
    const text = `${i === selected ? '› ' : '  '}${line(row.cells)}`;
    if (i === selected) selectedLine = out.length;
    out.push([{ text, tone: path.failedAt === i ? 'bad' : undefined, selected: i === selected }]);
  });
  const hop = path.hops[selected];
  if (hop) {
    out.push([]);
    out.push([{ text: clip(clean(`hop ${selected + 1}  ${hop.proxy} (${hop.direction}, ${hop.outcome})`), width), tone: 'title' }]);
    for (const [k, v] of hopFacts(hop)) {
      const bad = (k === 'authorization' && hop.authorization?.allowed === false) || (k === 'connection' && hop.tls?.established === false);
      out.push(...labelled(`  ${k}`, 16, clean(v), width, bad ? 'bad' : undefined));
    }
    out.push([{ text: clip("  Enter: this hop's own trace", width), tone: 'muted' }]);
  }
  return { lines: out, selectedLine };
}

/** The header of a hop's own trace: which hop, which proxy, which side of it, and how it ended. */
export function hopTraceHeader(hop: PathHop, index: number, count: number): Line {
  const status = hop.status === null ? '' : ` ${statusOf(hop)}`;
  return [
    { text: `hop ${index + 1} of ${count} `, tone: 'key' },
    { text: clean(hop.proxy), tone: 'title' },
    { text: ` · ${hop.direction} · ` },
    { text: `${hop.outcome}${clean(status)}`, tone: hop.outcome === 'failed' ? 'bad' : hop.outcome === 'stopped' ? 'warn' : 'good' },
  ];
}
