import { Text } from 'ink';
import { memo, type ReactNode } from 'react';
import { highlightCells } from '../table/fuzzy.ts';
import { GAP } from '../table/layout.ts';
import type { Column, Row } from '../table/model.ts';
import { charWidth, clip, fit } from '../text.ts';
import type { Theme } from '../theme.ts';

export interface TableRowProps {
  row: Row;
  columns: Column[];
  /** Column widths (0: hidden). */
  widths: number[];
  searchable: boolean[];
  query: string;
  selected: boolean;
  theme: Theme;
  /** Cells cut from the start of every cell (sideways scroll), replaced by `‹`. */
  shift?: number;
}

const SPACER = ' '.repeat(GAP);

/**
 * One table line as a single Ink <Text>: cells are cut and padded to their column as plain
 * strings, and only the characters matching the filter become styled spans. Memoized, so moving
 * the cursor re-renders the two rows it leaves and enters, not the page.
 */
export const TableRow = memo(function TableRow({ row, columns, widths, searchable, query, selected, theme, shift = 0 }: TableRowProps) {
  // Only cells on screen are worth highlighting.
  const marks = query
    ? highlightCells(
        query,
        row.cells,
        searchable.map((on, i) => on && widths[i]! > 0),
      )
    : undefined;
  const parts: ReactNode[] = [selected ? '› ' : '  '];
  const last = widths.reduce((at, w, i) => (w > 0 ? i : at), -1);
  widths.forEach((w, i) => {
    if (w === 0) return;
    if (parts.length > 1) parts.push(SPACER);
    const [cell, dropped] = shifted(row.cells[i] ?? '', shift);
    // The last column is not padded: trailing spaces cost Ink work and show nothing.
    const text = i === last && columns[i]!.align !== 'right' ? clip(cell, w) : fit(cell, w, columns[i]!.align === 'right');
    const hits = shift <= 0 ? marks?.[i] : moved(marks?.[i], dropped);
    if (!hits || hits.size === 0) {
      parts.push(text);
      return;
    }
    let run = '';
    let on = false;
    let at = 0;
    const flush = () => {
      if (run === '') return;
      parts.push(
        on ? (
          <Text key={`${i}:${at}`} {...theme.tone('match')}>
            {run}
          </Text>
        ) : (
          run
        ),
      );
      run = '';
    };
    for (const ch of text) {
      const hit = hits.has(at);
      if (hit !== on) {
        flush();
        on = hit;
      }
      run += ch;
      at += ch.length;
    }
    flush();
  });
  const style = selected ? theme.selected : row.tone ? theme.tone(row.tone) : undefined;
  return (
    <Text {...style} wrap="truncate-end">
      {parts}
    </Text>
  );
});

/**
 * A cell scrolled sideways by `shift` cells: its start replaced by `‹` (a cell shorter than the
 * shift shows just `‹`), and how many UTF-16 units before the kept text are gone.
 */
export function shifted(cell: string, shift: number): [string, number] {
  if (shift <= 0 || cell === '') return [cell, 0];
  let cells = 0;
  let at = 0;
  for (const ch of cell) {
    if (cells >= shift) break;
    cells += charWidth(ch);
    at += ch.length;
  }
  // `‹` stands for what was cut: the kept text starts one unit later in the new string.
  return [`‹${cell.slice(at)}`, at - 1];
}

/** Highlight positions after `dropped` units left a cell's start (those before it are gone). */
function moved(hits: Set<number> | undefined, dropped: number): Set<number> | undefined {
  if (!hits) return undefined;
  return new Set([...hits].filter((h) => h - dropped >= 1).map((h) => h - dropped));
}
