import type { KeyPress } from '../keys.ts';
import type { Row } from '../table/model.ts';
import { nextSort } from '../table/sort.ts';
import type { TableState } from '../table/table-state.ts';
import { type AppState, type ReduceContext, tableOf, topView } from './app-state.ts';
import { push } from './navigation.ts';
import { tableKey, type View } from './views.ts';

/** Keys that act on the current table or its selected row: sort, raw view, and unknown keys. */

/** Changes the current view's table state (count: its matching rows). */
export function withTable(state: AppState, ctx: ReduceContext, change: (t: TableState, count: number) => TableState): AppState {
  const view = topView(state);
  const key = tableKey(view, state.workload, state.namespace);
  const table = tableOf(state, key);
  const data = ctx.rows(view, state.namespace, table.filter.value, table.sort);
  return { ...state, tables: { ...state.tables, [key]: change(table, data?.matches.length ?? 0) } };
}

export function selectedRow(state: AppState, ctx: ReduceContext): Row | undefined {
  const view = topView(state);
  const table = tableOf(state, tableKey(view, state.workload, state.namespace));
  const data = ctx.rows(view, state.namespace, table.filter.value, table.sort);
  const index = data?.matches[table.cursor];
  return index === undefined ? undefined : data!.rows[index];
}

const replaceTop = (state: AppState, view: View): AppState => ({ ...state, stack: [...state.stack.slice(0, -1), view] });

/** Cells one ←/→ (h/l) moves the raw view's lines sideways. */
export const RAW_SHIFT_STEP = 8;

/**
 * ←/→ (h/l) on the raw view: the lines move sideways by RAW_SHIFT_STEP cells, up to where the
 * longest line's last RAW_SHIFT_STEP cells are still on screen (its column's `max` is its length).
 */
export function shiftRaw(state: AppState, direction: 1 | -1, ctx: ReduceContext): AppState {
  const view = topView(state);
  if (view.kind !== 'raw') return state;
  const longest = ctx.rows(view, state.namespace, '')?.columns?.[0]?.max ?? 0;
  const limit = Math.max(0, longest - RAW_SHIFT_STEP);
  const shift = Math.max(0, Math.min(limit, (view.shift ?? 0) + direction * RAW_SHIFT_STEP));
  if (shift === (view.shift ?? 0))
    return { ...state, message: { tone: 'info', text: direction < 0 ? 'at the left edge' : 'at the right edge of the longest line' } };
  return replaceTop(state, { ...view, shift });
}

/** Scrolling the describe view: `lines` in all, `page` visible. */
export function scrollDescribe(state: AppState, command: string, lines: number, page: number): AppState {
  const view = topView(state);
  if (view.kind !== 'describe' && view.kind !== 'describe-intent') return state;
  const max = Math.max(0, lines - page);
  const at = Math.min(view.scroll, max);
  const p = Math.max(1, page);
  const to = { down: at + 1, up: at - 1, 'page-down': at + p, 'page-up': at - p, top: 0, bottom: max }[command];
  return to === undefined ? state : replaceTop(state, { ...view, scroll: Math.max(0, Math.min(max, to)) });
}

/**
 * `d` on a finding (what Enter opens on a finding row) or on an Intent row (its own describe view,
 * since Enter there shows the object's YAML): the describe view.
 */
export function describeRow(state: AppState, ctx: ReduceContext): AppState {
  const row = selectedRow(state, ctx);
  if (!row) return state;
  if (row.describe) return push(state, row.describe);
  if (row.open?.kind !== 'view' || row.open.view.kind !== 'describe') return { ...state, message: { tone: 'info', text: 'nothing to describe here' } };
  return push(state, row.open.view);
}

/** `y`: the selected row's resource as YAML; on the raw view, switch YAML ↔ JSON. */
export function openRaw(state: AppState, ctx: ReduceContext): AppState {
  const view = topView(state);
  if (view.kind === 'raw') return replaceTop(state, { ...view, format: view.format === 'yaml' ? 'json' : 'yaml', shift: 0 });
  const row = selectedRow(state, ctx);
  if (!row) return state;
  if (!row.raw)
    return {
      ...state,
      message: { tone: 'info', text: 'no raw resource behind this row (y works on clusters, listeners, routes, EDS endpoints and Intent objects)' },
    };
  const title = row.cells
    .filter((c) => c !== '')
    .slice(0, 2)
    .join(' ')
    .slice(0, 60);
  return push(state, { kind: 'raw', title, raw: row.raw, format: 'yaml' });
}

/** Shift+letter: sort by the column with that initial, or say there is none. */
export function sortBy(state: AppState, key: KeyPress, ctx: ReduceContext): AppState {
  const view = topView(state);
  const table = tableOf(state, tableKey(view, state.workload, state.namespace));
  const columns = ctx.rows(view, state.namespace, table.filter.value)?.columns ?? [];
  const sort = nextSort(columns, table.sort, key.name);
  if (!sort) return { ...state, message: { tone: 'info', text: `no column starts with ${key.name}: ${columns.map((c) => c.title).join(' ')}` } };
  const next = withTable(state, ctx, (t) => ({ ...t, sort, cursor: 0, offset: 0 }));
  const title = columns[sort.column]!.title;
  return { ...next, message: { tone: 'info', text: `sorted by ${title} ${sort.desc ? 'descending' : 'ascending'}` } };
}

/**
 * A printing key that is no command here says so (k9s stays silent; a silent key looks like a
 * hung screen). Non-printing keys without a binding (arrows where nothing scrolls) stay quiet.
 */
export function unknownKey(state: AppState, key: KeyPress): AppState {
  if (key.text === '' || key.text === ' ') return state;
  const shown = /^[\x21-\x7e]$/.test(key.text) ? key.text : `U+${key.text.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
  return { ...state, message: { tone: 'info', text: `unknown key ${shown} — ? for help` } };
}
