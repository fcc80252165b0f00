import type { Column, Row } from './model.ts';

/**
 * Column sort, as in k9s: Shift+letter sorts by the column whose title starts with that letter;
 * the same key again reverses the order (k9s `SortColCmd` in derailed/k9s internal/ui/table.go:
 * the same column flips `asc`, another column starts ascending). Where two columns share an
 * initial (SERVICE, SUBSET), a third press moves on to the next one. The header marks the
 * column ↑ or ↓.
 */
export interface TableSort {
  column: number;
  desc: boolean;
}

/** The sort after Shift+`letter`, or undefined when no column title starts with it. */
export function nextSort(columns: readonly Column[], current: TableSort | undefined, letter: string): TableSort | undefined {
  const initial = letter.toUpperCase();
  const candidates = columns.flatMap((c, i) => (c.title.toUpperCase().startsWith(initial) ? [i] : []));
  if (candidates.length === 0) return undefined;
  const at = current ? candidates.indexOf(current.column) : -1;
  if (at === -1) return { column: candidates[0]!, desc: false };
  if (!current!.desc) return { column: current!.column, desc: true };
  return { column: candidates[(at + 1) % candidates.length]!, desc: false };
}

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/**
 * The matches reordered by one column: numbers by value (`10` after `9`, as k9s sorts its numeric
 * columns), text case-insensitively; empty cells last either way; ties keep their order.
 */
export function sortRows(rows: readonly Row[], matches: readonly number[], sort: TableSort): number[] {
  const cell = (i: number) => rows[i]!.cells[sort.column] ?? '';
  const sign = sort.desc ? -1 : 1;
  return [...matches].sort((a, b) => {
    const x = cell(a);
    const y = cell(b);
    if (x === '' || y === '') return x === y ? a - b : x === '' ? 1 : -1;
    return sign * collator.compare(x, y) || a - b;
  });
}

/** The header title of a column: ↑ or ↓ after the sorted one. */
export function sortedTitle(column: Column, index: number, sort: TableSort | undefined): string {
  return sort?.column === index ? `${column.title}${sort.desc ? '↓' : '↑'}` : column.title;
}
