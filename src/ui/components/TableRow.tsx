import { Text } from 'ink';
import { memo, type ReactNode } from 'react';
import { highlightCells } from '../table/fuzzy.ts';
import { GAP } from '../table/layout.ts';
import type { Column, Row } from '../table/model.ts';
import { clip, fit } from '../text.ts';
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
}

const SPACER = ' '.repeat(GAP);

/**
 * One table line as a single Ink <Text>: cells are cut and padded to their column as plain
 * strings, and only the characters matching the filter become styled spans. Memoized, so moving
 * the cursor re-renders the two rows it leaves and enters, not the page.
 */
export const TableRow = memo(function TableRow({ row, columns, widths, searchable, query, selected, theme }: TableRowProps) {
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
    const cell = row.cells[i] ?? '';
    // The last column is not padded: trailing spaces cost Ink work and show nothing.
    const text = i === last && columns[i]!.align !== 'right' ? clip(cell, w) : fit(cell, w, columns[i]!.align === 'right');
    const hits = marks?.[i];
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
