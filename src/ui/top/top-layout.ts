import { TOP_TABLE, type TopColumnSpec } from '../../core/top/columns.ts';
import type { TopColumn } from '../../core/top/view.ts';
import { fitColumns } from '../table/layout.ts';

/**
 * Which of meshtop's columns fit a terminal width, and how wide each is. The name column takes
 * what is left (at least 16 cells, at most 56); the RPS sparkline ("TREND") sits after RPS.
 * Narrow terminals drop the least important columns first, so 80 columns keep RPS, success,
 * 5xx/s, retries, ejections, p99 and the weights.
 */
export interface TopLayoutColumn {
  id: TopColumn | 'trend';
  header: string;
  width: number;
  align: 'left' | 'right';
  spec?: TopColumnSpec;
}

export const GAP = 1;
const TREND_WIDTH = 12;
const NAME_MIN = 16;
const NAME_MAX = 56;
/** On a terminal too narrow for even RPS and a 16-cell name, the name gives up to here. */
const NAME_FLOOR = 8;
/** Dropped first → last. */
const DROP_ORDER: (TopColumn | 'trend')[] = [
  'p50Ms',
  'timeoutsPerSec',
  'pendingOverflowPerSec',
  'cxActive',
  'trend',
  'retriesPerSec',
  'p99Ms',
  'ejectionsActive',
  'errorsPerSec',
  'weight',
  'successRate',
];

/** A column's priority: the earlier it is dropped, the higher; 0 (never dropped) for the name and RPS. */
function dropRank(id: TopColumn | 'trend'): number {
  const at = DROP_ORDER.indexOf(id);
  return at === -1 ? 0 : DROP_ORDER.length - at;
}

function all(): TopLayoutColumn[] {
  const out: TopLayoutColumn[] = [];
  for (const spec of TOP_TABLE) {
    // One more cell than the header for the sort arrow.
    out.push({ id: spec.id, header: spec.header, width: Math.max(spec.width, spec.header.length + (spec.id === 'name' ? 0 : 1)), align: spec.align, spec });
    if (spec.id === 'rps') out.push({ id: 'trend', header: 'TREND', width: TREND_WIDTH, align: 'left' });
  }
  return out;
}

/** Columns for `width` cells (the 2-cell selection marker excluded), laid out by the tables' one rule (`fitColumns`). */
export function topLayout(width: number): TopLayoutColumn[] {
  const columns = all();
  const widths = fitColumns(
    columns.map((c) =>
      c.id === 'name'
        ? { min: NAME_MIN, max: NAME_MAX, natural: NAME_MAX, priority: 0, floor: NAME_FLOOR }
        : { min: c.width, max: c.width, natural: c.width, priority: dropRank(c.id) },
    ),
    width,
    // The name column shrinks before any column is dropped: meshtop has no nice-to-have columns.
    { gap: GAP, niceToHave: Number.POSITIVE_INFINITY },
  );
  return columns.flatMap((c, i) => (widths[i]! > 0 ? [{ ...c, width: widths[i]! }] : []));
}
