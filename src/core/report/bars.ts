import { sanitizeLine } from '../text/sanitize.ts';

/** A weight bar for a probability in 0–1: `██████░░░░` (width cells). */
export function weightBar(probability: number, width = 20): string {
  const full = Math.round(Math.max(0, Math.min(1, probability)) * width);
  return '█'.repeat(full) + '░'.repeat(width - full);
}

/** Pads cells into aligned columns (two spaces between), no trailing spaces; cells are values (sanitizeLine). */
export function columns(given: string[][], indent = ''): string[] {
  const rows = given.map((row) => row.map(sanitizeLine));
  const widths: number[] = [];
  for (const row of rows) {
    for (let i = 0; i < row.length; i++) widths[i] = Math.max(widths[i] ?? 0, [...row[i]!].length);
  }
  return rows.map(
    (row) =>
      indent +
      row
        .map((cell, i) => (i === row.length - 1 ? cell : cell + ' '.repeat(widths[i]! - [...cell].length)))
        .join('  ')
        .trimEnd(),
  );
}
