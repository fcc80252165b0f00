import type { AppState } from './app-state.ts';
import { topView } from './app-state.ts';
import { emptyField } from './text-field.ts';
import { TABS, type TabId, type View } from './views.ts';

/** Moves between views: open a workload, switch tabs, drill down, go back. Pure. */

export function openWorkload(state: AppState, proxy: string): AppState {
  const root = state.stack[0]!.kind === 'picker' ? [state.stack[0]!] : [];
  const changed = proxy !== state.workload;
  return {
    ...state,
    workload: proxy,
    mode: 'normal',
    stack: [...root, { kind: 'tab', tab: 'routes' }],
    explain: changed ? { ...state.explain, submitted: null, input: emptyField, editing: true, scroll: 0, error: null } : state.explain,
  };
}

/** The Routes/Clusters/… tab; from a drill-down or the explain panel, back to tab level. */
export function switchTab(state: AppState, tab: TabId): AppState {
  const at = state.stack.findIndex((v) => v.kind === 'tab');
  if (at === -1 || state.workload === null) return { ...state, message: { tone: 'error', text: 'open a workload first: pick one and press Enter' } };
  return { ...state, mode: 'normal', stack: [...state.stack.slice(0, at), { kind: 'tab', tab }] };
}

export function cycleTab(state: AppState, step: 1 | -1): AppState {
  const current = [...state.stack].reverse().find((v) => v.kind === 'tab');
  const index = current?.kind === 'tab' ? TABS.findIndex((t) => t.id === current.tab) : 0;
  return switchTab(state, TABS[(index + step + TABS.length) % TABS.length]!.id);
}

export function push(state: AppState, view: View): AppState {
  return { ...state, mode: 'normal', stack: [...state.stack, view] };
}

/** Esc: one level up; at the root it stays and says how to quit. */
export function back(state: AppState): AppState {
  if (state.stack.length <= 1) return { ...state, message: { tone: 'info', text: 'at the top: q quits' } };
  return { ...state, mode: 'normal', stack: state.stack.slice(0, -1) };
}

/** The warnings screen of the open workload (from anywhere in it; again on it: stays). */
export function openWarnings(state: AppState): AppState {
  if (state.workload === null) return { ...state, message: { tone: 'error', text: 'open a workload first: warnings belong to one proxy' } };
  return topView(state).kind === 'warnings' ? { ...state, mode: 'normal' } : push(state, { kind: 'warnings' });
}

export function openExplain(state: AppState): AppState {
  if (state.workload === null) return { ...state, message: { tone: 'error', text: 'open a workload first: explain runs against one proxy' } };
  // From the path view or a hop's trace above the panel: back down to that panel, not a second one.
  const at = state.stack.findIndex((v) => v.kind === 'explain');
  const base = at !== -1 ? { ...state, mode: 'normal' as const, stack: state.stack.slice(0, at + 1) } : push(state, { kind: 'explain' });
  return { ...base, explain: { ...base.explain, editing: true } };
}
