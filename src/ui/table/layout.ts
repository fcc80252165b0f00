import type { Column, Row } from './model.ts';

/** Spaces between the TUI's columns. */
export const GAP = 2;

/** One column as the layout sees it: how wide it wants to be and how much it may give. */
export interface ColumnFit {
  /** Narrowest useful width; the column is dropped rather than squeezed below it (but see `floor`). */
  min: number;
  /** Widest it grows to. */
  max: number;
  /** The width its content wants (its longest cell), clamped to [min, max]. */
  natural: number;
  /** Lower numbers survive longer on narrow terminals (0 is never dropped). */
  priority: number;
  /** When nothing else can give, a priority-0 column may shrink below `min` down to this. */
  floor?: number;
}

export interface FitOptions {
  /** Spaces between columns. */
  gap: number;
  /** Columns of this priority and up are dropped before any column is cut short. */
  niceToHave: number;
}

/**
 * How wide each column is on a terminal `width` cells wide (0: hidden), the one rule of the TUI's
 * tables and meshtop: columns get their natural width; when even their minimums do not fit, the
 * least important are dropped (highest priority number first, then the rightmost); then the
 * nice-to-have ones go before anything is cut short; then the widest shrinkable columns shrink a
 * cell at a time toward their minimum; last, a column with a floor gives what is still missing.
 */
export function fitColumns(columns: readonly ColumnFit[], width: number, { gap, niceToHave }: FitOptions): number[] {
  const want = columns.map((c) => Math.max(c.min, Math.min(c.max, c.natural)));
  const shown = columns.map(() => true);
  const total = () => want.reduce((n, w, i) => n + (shown[i] ? w + gap : 0), 0) - gap;
  const minimum = () => columns.reduce((n, c, i) => n + (shown[i] ? Math.min(c.min, want[i]!) + gap : 0), 0) - gap;
  const byPriority = columns.map((c, i) => ({ c, i })).sort((a, b) => b.c.priority - a.c.priority || b.i - a.i);
  for (const { c, i } of byPriority) {
    if (minimum() <= width || c.priority === 0) break;
    shown[i] = false;
  }
  for (const { c, i } of byPriority) {
    if (total() <= width || c.priority < niceToHave) break;
    shown[i] = false;
  }
  let excess = total() - width;
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
  for (let i = 0; i < columns.length && excess > 0; i++) {
    const floor = columns[i]!.floor;
    if (!shown[i] || floor === undefined || want[i]! <= floor) continue;
    const give = Math.min(excess, want[i]! - floor);
    want[i]! -= give;
    excess -= give;
  }
  return want.map((w, i) => (shown[i] ? w : 0));
}

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
 * The TUI's table columns on `width` cells, from their natural widths (see `fitColumns`). `wide`
 * (Ctrl-W, k9s's "Toggle Wide"): no nice-to-have column is dropped while the minimums fit; the
 * wide columns are cut shorter instead.
 */
export function layoutColumns(columns: Column[], natural: number[], width: number, wide = false): number[] {
  return fitColumns(
    columns.map((c, i) => ({ min: c.min, max: c.max, natural: natural[i] ?? c.min, priority: c.priority })),
    width,
    { gap: GAP, niceToHave: wide ? Number.POSITIVE_INFINITY : 3 },
  );
}
