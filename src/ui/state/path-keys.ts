import type { CommandId } from '../keymap.ts';
import type { AppState, ReduceContext } from './app-state.ts';
import { topView } from './app-state.ts';
import { back, push } from './navigation.ts';
import { moveWithin } from './scroll-move.ts';
import type { View } from './views.ts';

/**
 * The path view's commands (`p` in the explain panel): open it for the explained request, move
 * between hops, open a hop's own trace, scroll it. Pure; the path itself is followed in a hook.
 */

/** Said when `p` cannot follow a request: the source has one proxy, so there is no next hop to read. */
export const PATH_NEEDS_MESH = 'the path needs a snapshot or a live mesh: this source holds one proxy, so the next hop cannot be read';

/** `p` in the explain panel: the explained request through every proxy; in the path view, back. */
export function togglePath(state: AppState, ctx: ReduceContext): AppState {
  const view = topView(state);
  if (view.kind === 'path') return back(state);
  if (state.explain.submitted === null)
    return { ...state, message: { tone: 'error', text: 'explain a request first (type it, Enter), then p follows it through the mesh' } };
  if (ctx.proxies.length < 2) return { ...state, message: { tone: 'error', text: PATH_NEEDS_MESH } };
  return push(state, { kind: 'path', request: state.explain.submitted, hop: null });
}

/** The hop under the cursor: the one chosen, else the failing hop, else the first. */
export function pathCursor(view: Extract<View, { kind: 'path' }>, path: ReduceContext['path']): number {
  if (!path || path.hops.length === 0) return 0;
  return Math.max(0, Math.min(path.hops.length - 1, view.hop ?? path.failedAt ?? 0));
}

const replaceTop = (state: AppState, view: View): AppState => ({ ...state, stack: [...state.stack.slice(0, -1), view] });

/** ↑/↓ (and pages, ends) in the path view: another hop. */
export function moveHop(state: AppState, command: CommandId, ctx: ReduceContext): AppState {
  const view = topView(state);
  if (view.kind !== 'path' || !ctx.path || ctx.path.hops.length === 0) return state;
  const last = ctx.path.hops.length - 1;
  const at = pathCursor(view, ctx.path);
  const page = Math.max(1, ctx.pageSize);
  return replaceTop(state, { ...view, hop: moveWithin(command, at, page, last) });
}

/** Enter in the path view: the selected hop's own trace (the cursor stays on it for Esc). */
export function openHop(state: AppState, ctx: ReduceContext): AppState {
  const view = topView(state);
  if (view.kind !== 'path') return state;
  if (!ctx.path) return { ...state, message: { tone: 'info', text: 'the path is still being followed' } };
  const at = pathCursor(view, ctx.path);
  const hop = ctx.path.hops[at];
  if (!hop) return { ...state, message: { tone: 'info', text: 'this path has no hops' } };
  return push(replaceTop(state, { ...view, hop: at }), { kind: 'hop-trace', hop: at, title: `hop ${at + 1} ${hop.direction}`, scroll: 0 });
}

/** Scrolling a hop's trace: lines in all, visible at once. */
export function scrollHop(state: AppState, command: CommandId, ctx: ReduceContext): AppState {
  const view = topView(state);
  if (view.kind !== 'hop-trace') return state;
  const page = Math.max(1, ctx.hopPage ?? 1);
  const max = Math.max(0, (ctx.hopLines ?? 0) - page);
  const at = view.scroll;
  return replaceTop(state, { ...view, scroll: moveWithin(command, at, page, max) });
}
