import { DEFAULT_SORT, TOP_COLUMNS, type TopSort, type ViewOptions, type VisibleRow } from '../../core/top/view.ts';
import type { KeyPress } from '../keys.ts';
import { editField, emptyField, type TextField } from '../state/text-field.ts';
import { clampCursor, firstRowInView } from '../table/viewport.ts';
import { type TopCommand, type TopKeyContext, topCommandFor } from './top-keymap.ts';

/**
 * meshtop's screen state, changed only by this pure reducer: selection (by row key, so it stays
 * on the same row as samples re-sort the table), sort, filter, folded rows, drill-down, the
 * explain panel and help. Sampling itself (pause, interval) lives in the poller: the reducer
 * returns those as effects for the hook to apply.
 */
export interface TopViewState {
  sort: TopSort;
  filter: TextField;
  filtering: boolean;
  /** Rows folded/unfolded against their default. */
  toggled: ReadonlySet<string>;
  /** Drilled-into row (a cluster): only it and its endpoints are shown. */
  focus: string | null;
  /** The selected row's key, and its index as a fallback when the row goes away. */
  cursor: string | null;
  cursorIndex: number;
  /** First row in view. */
  offset: number;
  /** The explain panel's scroll, when it is open. */
  explain: { scroll: number } | null;
  help: boolean;
  quit: boolean;
}

export type TopEffect = 'toggle-pause' | 'faster' | 'slower' | 'explain';

export interface TopReduceContext {
  /** The rows a state shows (visibleRows of the current sample under that state's options). */
  rowsFor(state: TopViewState): readonly VisibleRow[];
  /** Rows that fit on screen. */
  pageSize: number;
  /** Lines of the explain trace (to bound its scroll). */
  explainLines: number;
}

export const INITIAL_TOP_VIEW: TopViewState = {
  sort: DEFAULT_SORT,
  filter: emptyField,
  filtering: false,
  toggled: new Set(),
  focus: null,
  cursor: null,
  cursorIndex: 0,
  offset: 0,
  explain: null,
  help: false,
  quit: false,
};

export function viewOptions(state: Pick<TopViewState, 'sort' | 'filter' | 'toggled' | 'focus'>): ViewOptions {
  const options: ViewOptions = { sort: state.sort, filter: state.filter.value, toggled: state.toggled };
  if (state.focus !== null) options.focus = state.focus;
  return options;
}

/** Where the cursor is in `rows`: its row if still shown, else the nearest index. */
export function cursorIndexIn(state: TopViewState, rows: readonly VisibleRow[]): number {
  const at = state.cursor === null ? -1 : rows.findIndex((r) => r.row.key === state.cursor);
  if (at >= 0) return at;
  return Math.max(0, Math.min(state.cursorIndex, rows.length - 1));
}

function moveTo(state: TopViewState, rows: readonly VisibleRow[], index: number, pageSize: number): TopViewState {
  const i = clampCursor(index, rows.length);
  const offset = firstRowInView(i, state.offset, rows.length, pageSize);
  return { ...state, cursor: rows[i]?.row.key ?? null, cursorIndex: i, offset };
}

function cycleSort(sort: TopSort, step: number): TopSort {
  const i = (TOP_COLUMNS.indexOf(sort.column) + step + TOP_COLUMNS.length) % TOP_COLUMNS.length;
  const column = TOP_COLUMNS[i]!;
  return { column, descending: column !== 'name' };
}

function back(state: TopViewState): TopViewState {
  if (state.explain) return { ...state, explain: null };
  if (state.filter.value !== '') return { ...state, filter: emptyField };
  if (state.focus !== null) return { ...state, cursor: state.focus, focus: null };
  return state;
}

function open(state: TopViewState, rows: readonly VisibleRow[]): TopViewState {
  const selected = rows[cursorIndexIn(state, rows)];
  if (!selected) return state;
  const { row } = selected;
  if (row.kind === 'cluster' && state.focus !== row.key && row.children.length > 0)
    return { ...state, focus: row.key, cursor: row.key, cursorIndex: 0, offset: 0 };
  if (row.kind === 'workload' || row.kind === 'service') {
    const toggled = new Set(state.toggled);
    if (!toggled.delete(row.key)) toggled.add(row.key);
    return { ...state, toggled };
  }
  return state;
}

function command(state: TopViewState, cmd: TopCommand, ctx: TopReduceContext, effects: TopEffect[]): TopViewState {
  const rows = ctx.rowsFor(state);
  const at = cursorIndexIn(state, rows);
  const page = Math.max(1, ctx.pageSize);
  if (state.explain) {
    const max = Math.max(0, ctx.explainLines - page);
    const scroll = (n: number) => ({ ...state, explain: { scroll: Math.max(0, Math.min(max, n)) } });
    if (cmd === 'down') return scroll(state.explain.scroll + 1);
    if (cmd === 'up') return scroll(state.explain.scroll - 1);
    if (cmd === 'page-down') return scroll(state.explain.scroll + page);
    if (cmd === 'page-up') return scroll(state.explain.scroll - page);
  }
  switch (cmd) {
    case 'quit':
      return { ...state, quit: true };
    case 'help':
      return { ...state, help: !state.help };
    case 'back':
      return state.help ? { ...state, help: false } : back(state);
    case 'pause':
      effects.push('toggle-pause');
      return state;
    case 'faster':
    case 'slower':
      effects.push(cmd);
      return state;
    case 'down':
      return moveTo(state, rows, at + 1, page);
    case 'up':
      return moveTo(state, rows, at - 1, page);
    case 'page-down':
      return moveTo(state, rows, at + page, page);
    case 'page-up':
      return moveTo(state, rows, at - page, page);
    case 'top':
      return moveTo(state, rows, 0, page);
    case 'bottom':
      return moveTo(state, rows, rows.length - 1, page);
    case 'open':
      return open(state, rows);
    case 'filter-mode':
      return { ...state, filtering: true };
    case 'sort-next':
      return { ...state, sort: cycleSort(state.sort, 1) };
    case 'sort-prev':
      return { ...state, sort: cycleSort(state.sort, -1) };
    case 'sort-invert':
      return { ...state, sort: { ...state.sort, descending: !state.sort.descending } };
    case 'explain':
      effects.push('explain');
      return { ...state, explain: { scroll: 0 } };
    case 'submit':
      return { ...state, filtering: false };
    case 'cancel':
      return { ...state, filtering: false, filter: emptyField };
  }
}

function contexts(state: TopViewState): TopKeyContext[] {
  if (state.help) return ['help', 'global'];
  if (state.filtering) return ['filter', 'global'];
  if (state.explain) return ['explain', 'global'];
  return ['table', 'global'];
}

/** Applies key presses in order; returns the new state and what the poller should do. */
export function topReduce(state: TopViewState, keys: readonly KeyPress[], ctx: TopReduceContext): { state: TopViewState; effects: TopEffect[] } {
  const effects: TopEffect[] = [];
  let s = state;
  for (const key of keys) {
    const cmd = topCommandFor(key, contexts(s), s.filtering);
    if (cmd) s = command(s, cmd, ctx, effects);
    else if (s.filtering) {
      if (key.name === 'backspace') s = { ...s, filter: editField(s.filter, { type: 'backspace' }) };
      else if (key.text !== '') s = { ...s, filter: editField(s.filter, { type: 'insert', text: key.text }) };
      if (s.filter !== state.filter) s = { ...s, offset: 0, cursorIndex: 0, cursor: null };
    }
    if (s.quit) break;
  }
  return { state: s, effects };
}

/** The interval steps of `+`/`-`, in ms. */
const INTERVAL_STEPS = [500, 1000, 2000, 5000, 10_000, 30_000, 60_000];

export function stepInterval(current: number, effect: 'faster' | 'slower'): number {
  if (effect === 'faster') return [...INTERVAL_STEPS].reverse().find((s) => s < current) ?? INTERVAL_STEPS[0]!;
  return INTERVAL_STEPS.find((s) => s > current) ?? INTERVAL_STEPS[INTERVAL_STEPS.length - 1]!;
}
