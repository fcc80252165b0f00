import { TOP_TABLE, type TopColumnSpec } from '../../core/top/columns.ts';
import type { TopColumn } from '../../core/top/view.ts';

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

function all(): TopLayoutColumn[] {
  const out: TopLayoutColumn[] = [];
  for (const spec of TOP_TABLE) {
    // One more cell than the header for the sort arrow.
    out.push({ id: spec.id, header: spec.header, width: Math.max(spec.width, spec.header.length + (spec.id === 'name' ? 0 : 1)), align: spec.align, spec });
    if (spec.id === 'rps') out.push({ id: 'trend', header: 'TREND', width: TREND_WIDTH, align: 'left' });
  }
  return out;
}

/** Columns for `width` cells (the 2-cell selection marker excluded). */
export function topLayout(width: number): TopLayoutColumn[] {
  let columns = all();
  const used = (cols: TopLayoutColumn[]) => cols.filter((c) => c.id !== 'name').reduce((sum, c) => sum + c.width + GAP, 0);
  for (const drop of DROP_ORDER) {
    if (width - used(columns) >= NAME_MIN) break;
    columns = columns.filter((c) => c.id !== drop);
  }
  const name = Math.max(8, Math.min(NAME_MAX, width - used(columns)));
  return columns.map((c) => (c.id === 'name' ? { ...c, width: name } : c));
}
