import type { JsonObject } from '../../core/envoy/json.ts';
import type { Open, View } from '../state/views.ts';
import type { Tone } from '../theme.ts';

/** A column of an interactive table: title, how wide it may be, how important it is. */
export interface Column {
  title: string;
  /** Narrowest useful width; the column is dropped rather than squeezed below it. */
  min: number;
  /** Widest it grows to (its longest cell up to this). */
  max: number;
  /** Lower numbers survive longer on narrow terminals (0 is never dropped). */
  priority: number;
  align?: 'left' | 'right';
  /** The filter looks in this column. */
  search?: boolean;
}

/** One row: its cells (already free of control characters) and what Enter does on it. */
export interface Row {
  id: string;
  cells: string[];
  open?: Open;
  /** Colour of the whole row (an ejected endpoint, an error finding). */
  tone?: Tone;
  /** The full text of the selected row, shown under the table (cells are cut to fit). */
  detail?: string;
  /** The resource behind the row as the dump holds it: `y` shows it as YAML or JSON. */
  raw?: JsonObject;
  /** What `d` opens when it is not what Enter opens (an Intent row: Enter is the YAML, d the verdict). */
  describe?: View;
}

/** What an interactive table shows: columns and rows, and how filtering orders matches. */
export interface TableModel {
  /** What the rows are, for counts and empty states: `routes`, `clusters of reviews-canary`. */
  noun: string;
  columns: Column[];
  rows: Row[];
  /** Order filter matches by fuzzysort score (the workload picker) instead of keeping row order. */
  rankMatches?: boolean;
  /** Shown when there are no rows at all (not when a filter hides them). */
  empty?: string;
  /** A caveat shown above the rows (e.g. analyzer messages could not be fetched). */
  note?: string;
}
