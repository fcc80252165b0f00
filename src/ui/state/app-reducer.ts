import type { ProxySummary } from '../../app/mesh-source.ts';
import { type CommandId, commandFor, type KeyContext } from '../keymap.ts';
import type { KeyPress } from '../keys.ts';
import { moveTable, setFilter, type TableMove } from '../table/table-state.ts';
import { type AppState, type Message, type ReduceContext, tableOf, topView } from './app-state.ts';
import { completeColon } from './colon-commands.ts';
import { runColon } from './colon-run.ts';
import { openExplainHere } from './cursor-row.ts';
import { browseHistory, scrollExplain, submitExplain } from './explain-keys.ts';
import { back, cycleTab, openWarnings, openWorkload, push, switchTab } from './navigation.ts';
import { moveHop, openHop, scrollHop, togglePath } from './path-keys.ts';
import { describeRow, openRaw, scrollDescribe, selectedRow, shiftRaw, sortBy, unknownKey, withTable } from './row-keys.ts';
import { editField, emptyField, type TextEdit, type TextField } from './text-field.ts';
import { TABS, tableKey, type View } from './views.ts';

/**
 * The TUI's state machine: key presses (looked up in the keymap) and data arrivals in, the next
 * state out. Pure; tested without Ink.
 */
export type Action =
  | { type: 'keys'; keys: KeyPress[]; ctx: ReduceContext }
  | { type: 'proxies'; proxies: ProxySummary[]; initialProxy?: string }
  | { type: 'message'; message: Message | null }
  /** `--refresh`: fetch again (as the r key). */
  | { type: 'refresh' };

const MOVES: Partial<Record<CommandId, TableMove>> = { up: 'up', down: 'down', 'page-up': 'page-up', 'page-down': 'page-down', top: 'top', bottom: 'bottom' };

const FIELD_EDITS: Partial<Record<CommandId, TextEdit>> = {
  'clear-field': { type: 'clear' },
  'delete-word': { type: 'delete-word' },
  'cursor-left': { type: 'left' },
  'cursor-right': { type: 'right' },
  'cursor-home': { type: 'home' },
  'cursor-end': { type: 'end' },
};

/** A text field's reaction to a key that is not a command: type it, or erase. */
function typeInto(f: TextField, key: KeyPress, command: CommandId | undefined): TextField {
  const edit = command ? FIELD_EDITS[command] : undefined;
  if (edit) return editField(f, edit);
  if (key.name === 'backspace') return editField(f, { type: 'backspace' });
  if (key.text !== '') return editField(f, { type: 'insert', text: key.text });
  return f;
}

function openRow(state: AppState, ctx: ReduceContext): AppState {
  const row = selectedRow(state, ctx);
  if (!row) return state;
  if (!row.open) return { ...state, message: { tone: 'info', text: 'nothing to open here' } };
  return row.open.kind === 'workload' ? openWorkload(state, row.open.proxy) : push(state, row.open.view);
}

function filterKey(state: AppState, key: KeyPress, ctx: ReduceContext): AppState {
  const command = commandFor(key, ['filter', 'global'], true);
  if (command === 'quit') return { ...state, quit: true };
  if (command === 'submit') return { ...state, mode: 'normal' };
  if (command === 'cancel') return withTable({ ...state, mode: 'normal' }, ctx, (t) => setFilter(t, emptyField));
  if (command === 'up' || command === 'down') return withTable(state, ctx, (t, n) => moveTable(t, command, n, ctx.pageSize));
  return withTable(state, ctx, (t) => setFilter(t, typeInto(t.filter, key, command)));
}

function commandKey(state: AppState, key: KeyPress, ctx: ReduceContext): AppState {
  const command = commandFor(key, ['command', 'global'], true);
  if (command === 'quit') return { ...state, quit: true };
  if (command === 'cancel') return { ...state, mode: 'normal', command: emptyField };
  if (command === 'submit') return runColon({ ...state, command: emptyField }, state.command.value, ctx);
  if (command === 'complete') return { ...state, command: editField(state.command, { type: 'set', value: completeColon(state.command.value) }) };
  if (key.name === 'backspace' && state.command.value === '') return { ...state, mode: 'normal' };
  return { ...state, command: typeInto(state.command, key, command) };
}

function explainInputKey(state: AppState, key: KeyPress): AppState {
  const command = commandFor(key, ['explain-input', 'global'], true);
  if (command === 'quit') return { ...state, quit: true };
  if (command === 'submit') return submitExplain(state);
  if (command === 'history-prev') return browseHistory(state, -1);
  if (command === 'history-next') return browseHistory(state, 1);
  if (command === 'cancel') return state.explain.submitted !== null ? { ...state, explain: { ...state.explain, editing: false, error: null } } : back(state);
  return { ...state, explain: { ...state.explain, input: typeInto(state.explain.input, key, command), error: null } };
}

function helpKey(state: AppState, key: KeyPress, ctx: ReduceContext): AppState {
  const command = commandFor(key, ['help', 'global'], false);
  const max = Math.max(0, ctx.helpLines - ctx.helpPage);
  if (command === 'quit') return { ...state, quit: true };
  if (command === 'back' || command === 'help') return { ...state, mode: 'normal' };
  const page = Math.max(1, ctx.helpPage);
  const to = {
    down: state.helpScroll + 1,
    up: state.helpScroll - 1,
    'page-down': state.helpScroll + page,
    'page-up': state.helpScroll - page,
    top: 0,
    bottom: max,
  }[command as string];
  return to === undefined ? state : { ...state, helpScroll: Math.max(0, Math.min(max, to)) };
}

/** The keymap contexts of a view, most specific first. */
function contextsOf(view: View): KeyContext[] {
  switch (view.kind) {
    case 'explain':
    case 'path':
    case 'hop-trace':
      return [view.kind, 'workload', 'global'];
    case 'picker':
      return ['table', 'global'];
    case 'tab':
      return view.tab === 'findings' || view.tab === 'intent' ? [view.tab, 'table', 'workload', 'global'] : ['table', 'workload', 'global'];
    case 'raw':
      return ['raw', 'table', 'workload', 'global'];
    case 'describe':
    case 'describe-intent':
      return ['describe', 'workload', 'global'];
    default:
      return ['table', 'workload', 'global'];
  }
}

function normalKey(state: AppState, key: KeyPress, ctx: ReduceContext): AppState {
  const view = topView(state);
  const contexts = contextsOf(view);
  const command = commandFor(key, contexts, false);
  if (command === undefined) return unknownKey(state, key);
  const move = MOVES[command];
  if (move && view.kind === 'explain') return scrollExplain(state, command, ctx.explainLines, ctx.explainPage);
  if (move && view.kind === 'path') return moveHop(state, command, ctx);
  if (move && view.kind === 'hop-trace') return scrollHop(state, command, ctx);
  if (move && (view.kind === 'describe' || view.kind === 'describe-intent'))
    return scrollDescribe(state, command, ctx.describeLines ?? 0, ctx.describePage ?? 1);
  if (move) return withTable(state, ctx, (t, n) => moveTable(t, move, n, ctx.pageSize));
  switch (command) {
    case 'quit':
      return { ...state, quit: true };
    case 'help':
      return { ...state, mode: 'help', helpScroll: 0 };
    case 'command-mode':
      return { ...state, mode: 'command', command: emptyField };
    case 'refresh':
      return { ...state, refresh: state.refresh + 1 };
    case 'back': {
      const table =
        view.kind === 'explain' || view.kind === 'path' || view.kind === 'hop-trace'
          ? undefined
          : tableOf(state, tableKey(view, state.workload, state.namespace));
      if (table && table.filter.value !== '') return withTable(state, ctx, (t) => setFilter(t, emptyField));
      return back(state);
    }
    case 'open':
      return view.kind === 'path' ? openHop(state, ctx) : openRow(state, ctx);
    case 'filter-mode':
      return { ...state, mode: 'filter' };
    case 'sort-column':
      return sortBy(state, key, ctx);
    case 'raw-view':
      return openRaw(state, ctx);
    case 'describe':
      return describeRow(state, ctx);
    case 'scroll-left':
      return shiftRaw(state, -1, ctx);
    case 'scroll-right':
      return shiftRaw(state, 1, ctx);
    case 'wide':
      return {
        ...state,
        wide: !state.wide,
        message: { tone: 'info', text: state.wide ? 'normal columns' : 'wide: every column that fits (Ctrl-W again: normal)' },
      };
    case 'errors-only':
      return { ...withTable(state, ctx, (t) => ({ ...t, cursor: 0, offset: 0 })), errorsOnly: !state.errorsOnly };
    case 'next-tab':
      return cycleTab(state, 1);
    case 'prev-tab':
      return cycleTab(state, -1);
    case 'explain':
      return openExplainHere(state, ctx);
    case 'warnings':
      return openWarnings(state);
    case 'edit-request':
      return { ...state, explain: { ...state.explain, editing: true } };
    case 'write-note':
      return state.explain.submitted === null ? { ...state, message: { tone: 'error', text: 'explain a request first' } } : { ...state, note: state.note + 1 };
    case 'toggle-not-taken':
      return { ...state, explain: { ...state.explain, unfolded: !state.explain.unfolded } };
    case 'path':
      return togglePath(state, ctx);
    default: {
      const tab = /^tab-(\d)$/.exec(command);
      if (tab) return switchTab(state, TABS[Number(tab[1]) - 1]!.id);
      return state;
    }
  }
}

/** One key press. */
function reduceKey(previous: AppState, key: KeyPress, ctx: ReduceContext): AppState {
  const state = previous.message ? { ...previous, message: null } : previous;
  if (state.quit) return state;
  if (state.mode === 'help') return helpKey(state, key, ctx);
  if (state.mode === 'command') return commandKey(state, key, ctx);
  if (state.mode === 'filter') return filterKey(state, key, ctx);
  if (topView(state).kind === 'explain' && state.explain.editing) return explainInputKey(state, key);
  return normalKey(state, key, ctx);
}

export function appReducer(state: AppState, action: Action): AppState {
  switch (action.type) {
    case 'keys':
      return action.keys.reduce((s, key) => reduceKey(s, key, action.ctx), state);
    case 'message':
      return { ...state, message: action.message };
    case 'refresh':
      return { ...state, refresh: state.refresh + 1 };
    case 'proxies': {
      if (state.workload !== null) return state;
      if (action.proxies.length === 1) return { ...openWorkload(state, action.proxies[0]!.name), stack: [{ kind: 'tab', tab: 'routes' }], single: true };
      const wanted =
        action.initialProxy === undefined ? undefined : action.proxies.find((p) => p.name === action.initialProxy || p.pod === action.initialProxy);
      if (wanted) return openWorkload(state, wanted.name);
      if (action.initialProxy !== undefined)
        return { ...state, message: { tone: 'error', text: `no proxy ${action.initialProxy} in ${action.proxies.length} proxies; pick one` } };
      return state;
    }
  }
}
