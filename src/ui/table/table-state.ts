import { emptyField, type TextField } from '../state/text-field.ts';
import type { TableSort } from './sort.ts';
import { clampCursor, firstRowInView } from './viewport.ts';

/**
 * Where a table is: the selected row (an index into the filtered rows), the first row shown,
 * and the filter. Pure: the row count and page height come with each move.
 */
export interface TableState {
  cursor: number;
  offset: number;
  filter: TextField;
  /** Shift+letter: the column the rows are ordered by (else the table's own order). */
  sort?: TableSort;
}

export const initialTable: TableState = { cursor: 0, offset: 0, filter: emptyField };

export type TableMove = 'up' | 'down' | 'page-up' | 'page-down' | 'top' | 'bottom';

/** Keeps the cursor inside [0, count) and visible within a page of `height` rows. */
export function clampTable(state: TableState, count: number, height: number): TableState {
  const cursor = clampCursor(state.cursor, count);
  const offset = firstRowInView(cursor, state.offset, count, height);
  return cursor === state.cursor && offset === state.offset ? state : { ...state, cursor, offset };
}

export function moveTable(state: TableState, move: TableMove, count: number, height: number): TableState {
  const page = Math.max(1, height);
  const delta = { up: -1, down: 1, 'page-up': -page, 'page-down': page, top: -Infinity, bottom: Infinity }[move];
  const target = delta === -Infinity ? 0 : delta === Infinity ? count - 1 : state.cursor + delta;
  // Paging moves the view with the cursor, as in k9s and less.
  const offset = move === 'page-up' || move === 'page-down' ? state.offset + delta : state.offset;
  return clampTable({ ...state, cursor: target, offset }, count, height);
}

/** A new filter starts at the first match. */
export function setFilter(state: TableState, filter: TextField): TableState {
  return filter.value === state.filter.value ? { ...state, filter } : { ...state, cursor: 0, offset: 0, filter };
}
