import type { AppState, ReduceContext } from './app-state.ts';
import { topView } from './app-state.ts';
import { openExplain, openWorkload } from './navigation.ts';
import { selectedRow } from './row-keys.ts';

/**
 * The explain panel, through the proxy the user means: on the workload picker that is the row
 * under the cursor (opened first, so the breadcrumb names it), never the workload opened last;
 * with no workload row there, it refuses and says how to pick one. Elsewhere, the open workload.
 */
export function openExplainHere(state: AppState, ctx: ReduceContext): AppState {
  if (topView(state).kind !== 'picker') return openExplain(state);
  const row = selectedRow(state, ctx);
  if (row?.open?.kind !== 'workload')
    return { ...state, message: { tone: 'error', text: 'no workload under the cursor: move to one (or :wl NAME), then :x explains through it' } };
  return openExplain(openWorkload(state, row.open.proxy));
}
