import type { Row } from '../table/model.ts';
import type { AppState, ReduceContext } from './app-state.ts';
import { tableOf, topView } from './app-state.ts';
import { openExplain, openWorkload } from './navigation.ts';
import { tableKey } from './views.ts';

/** The row under the cursor of the top view's table (after its filter), if there is one. */
export function cursorRow(state: AppState, ctx: ReduceContext): Row | undefined {
  const view = topView(state);
  const table = tableOf(state, tableKey(view, state.workload, state.namespace));
  const data = ctx.rows(view, state.namespace, table.filter.value);
  const index = data?.matches[table.cursor];
  return index === undefined ? undefined : data!.rows[index];
}

/**
 * The explain panel, through the proxy the user means: on the workload picker that is the row
 * under the cursor (opened first, so the breadcrumb names it), never the workload opened last;
 * with no workload row there, it refuses and says how to pick one. Elsewhere, the open workload.
 */
export function openExplainHere(state: AppState, ctx: ReduceContext): AppState {
  if (topView(state).kind !== 'picker') return openExplain(state);
  const row = cursorRow(state, ctx);
  if (row?.open?.kind !== 'workload')
    return { ...state, message: { tone: 'error', text: 'no workload under the cursor: move to one (or :wl NAME), then :x explains through it' } };
  return openExplain(openWorkload(state, row.open.proxy));
}
