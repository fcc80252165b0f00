import { parseRequestLine } from '../../app/request-line.ts';
import type { CommandId } from '../keymap.ts';
import type { AppState } from './app-state.ts';
import { browse, remember } from './history.ts';
import { moveWithin } from './scroll-move.ts';
import { field } from './text-field.ts';

/** The explain panel's own commands: submit a request, browse history, scroll, fold. Pure. */

/** Explains the typed line when it parses; otherwise keeps the focus and says what is wrong. */
export function submitExplain(state: AppState): AppState {
  const typed = state.explain.input.value.trim();
  try {
    parseRequestLine(typed);
  } catch (error) {
    return { ...state, explain: { ...state.explain, editing: true, error: error instanceof Error ? error.message : String(error) } };
  }
  return {
    ...state,
    explain: { ...state.explain, submitted: typed, history: remember(state.explain.history, typed), editing: false, scroll: 0, error: null },
  };
}

export function browseHistory(state: AppState, direction: -1 | 1): AppState {
  const { history, line } = browse(state.explain.history, direction, state.explain.input.value);
  return { ...state, explain: { ...state.explain, history, input: field(line), error: null } };
}

/** Scrolling the trace: lines in all, visible at once. */
export function scrollExplain(state: AppState, command: CommandId, lines: number, page: number): AppState {
  const max = Math.max(0, lines - page);
  const at = state.explain.scroll;
  return { ...state, explain: { ...state.explain, scroll: moveWithin(command, at, page, max) } };
}
