import type { Column, Row } from './model.ts';

/** Spaces between columns. */
export const GAP = 2;

/** The longest cell of each column (and its title), over at most `sample` rows. */
export function naturalWidths(columns: Column[], rows: Row[], sample = 2000): number[] {
  const widths = columns.map((c) => c.title.length);
  const step = rows.length <= sample ? 1 : rows.length / sample;
  for (let k = 0; k < Math.min(rows.length, sample); k++) {
    const row = rows[Math.floor(k * step)]!;
    row.cells.forEach((cell, i) => {
      if (cell.length > widths[i]!) widths[i] = cell.length;
    });
  }
  return widths;
}

/**
 * How wide each column is on a terminal `width` cells wide: columns get their natural width
 * (between min and max). When that does not fit, nice-to-have columns (priority 3+) are
 * dropped, then wide columns shrink toward their minimum; when even the minimums do not fit,
 * the least important columns are dropped. A width of 0 means the column is hidden.
 */
export function layoutColumns(columns: Column[], natural: number[], width: number): number[] {
  const want = columns.map((c, i) => Math.max(c.min, Math.min(c.max, natural[i] ?? c.min)));
  const shown = columns.map(() => true);
  const total = () => want.reduce((n, w, i) => n + (shown[i] ? w + GAP : 0), 0) - GAP;
  const minimum = () => columns.reduce((n, c, i) => n + (shown[i] ? Math.min(c.min, want[i]!) + GAP : 0), 0) - GAP;
  const byPriority = columns.map((c, i) => ({ c, i })).sort((a, b) => b.c.priority - a.c.priority || b.i - a.i);
  for (const { c, i } of byPriority) {
    if (minimum() <= width || c.priority === 0) break;
    shown[i] = false;
  }
  // Nice-to-have columns (priority 3 and up) go before anything has to be cut short.
  for (const { c, i } of byPriority) {
    if (total() <= width || c.priority < 3) break;
    shown[i] = false;
  }
  let excess = total() - width;
  if (excess > 0) {
    // Shrink the widest shrinkable columns first, one cell at a time across them.
    while (excess > 0) {
      let widest = -1;
      want.forEach((w, i) => {
        if (shown[i] && w > columns[i]!.min && (widest === -1 || w - columns[i]!.min > want[widest]! - columns[widest]!.min)) widest = i;
      });
      if (widest === -1) break;
      want[widest]!--;
      excess--;
    }
  }
  return want.map((w, i) => (shown[i] ? w : 0));
}
