import type { ProxySummary } from '../../app/mesh-source.ts';
import type { Column, Row } from '../table/model.ts';
import type { TableSort } from '../table/sort.ts';
import { initialTable, type TableState } from '../table/table-state.ts';
import { emptyHistory, type History } from './history.ts';
import { emptyField, type TextField } from './text-field.ts';
import type { View } from './views.ts';

/**
 * The whole interactive state of the TUI, changed only by the pure reducer in app-reducer.ts.
 * Data (proxies, the workload) lives in hooks; effects are requested through counters here
 * (`refresh`, `note`) and flags (`quit`) that hooks watch.
 */
export type Mode = 'normal' | 'filter' | 'command' | 'help';

export interface ExplainState {
  input: TextField;
  history: History;
  /** The request line last explained; the result is derived from it and the workload. */
  submitted: string | null;
  /** True while the request line has the focus. */
  editing: boolean;
  /** First line of the trace shown. */
  scroll: number;
  /** Routes not taken shown in full (else folded to one line each). */
  unfolded: boolean;
  /** Why the typed line is not a request (shown under the input). */
  error: string | null;
}

export interface Message {
  tone: 'info' | 'error';
  text: string;
}

/** `:save [FILE]` (`:save!` overwrites); a new object each time, which the saving hook watches. */
export interface SaveRequest {
  file?: string;
  overwrite: boolean;
}

export interface AppState {
  stack: View[];
  /** The proxy (`pod.namespace`) whose tabs are shown, once one is opened. */
  workload: string | null;
  /** `:ns NAME`: the picker shows this namespace only. */
  namespace: string | null;
  mode: Mode;
  tables: Record<string, TableState>;
  command: TextField;
  explain: ExplainState;
  helpScroll: number;
  /** A one-shot message for the status line, cleared by the next key. */
  message: Message | null;
  /** Incremented to ask the data hooks to fetch again. */
  refresh: number;
  /** Incremented to ask for the explain note to be written. */
  note: number;
  quit: boolean;
  /** The source has one proxy: the picker is skipped. */
  single: boolean;
  /** `o` in the Findings tab: error-level findings only. */
  errorsOnly: boolean;
  /** The last `:save` asked for. */
  save: SaveRequest | null;
  /** Ctrl-W (k9s "Toggle Wide"): tables keep every column that fits at its narrowest. */
  wide: boolean;
  /** `:ctx NAME`: the kube context to switch the live source to (a new object per request). */
  contextSwitch: { name: string } | null;
}

/** What the reducer needs to know about the data on screen (counts, rows, page sizes). */
export interface ReduceContext {
  /** The rows of a view's table and the indexes matching a filter; undefined when it has no table (yet). */
  rows(view: View, namespace: string | null, filter: string, sort?: TableSort): { rows: Row[]; matches: number[]; columns?: Column[] } | undefined;
  /** Table rows visible at once. */
  pageSize: number;
  /** Lines of the explain trace and how many are visible. */
  explainLines: number;
  explainPage: number;
  helpLines: number;
  helpPage: number;
  /** Lines of the describe view (a finding in full) and how many are visible. */
  describeLines?: number;
  describePage?: number;
  proxies: ProxySummary[];
  /** The path view's hops once the path is followed (undefined while it runs, or with no path view). */
  path?: { hops: readonly { proxy: string; direction: string }[]; failedAt: number | null };
  /** Lines of the open hop's trace and how many are visible. */
  hopLines?: number;
  hopPage?: number;
  /** The source is live and can be opened on another kube context (`:ctx`). */
  canSwitchContext?: boolean;
  /** The kubeconfig's context names, when they could be read: `:ctx` refuses any other. */
  kubeContexts?: readonly string[];
}

export function initialState(): AppState {
  return {
    stack: [{ kind: 'picker' }],
    workload: null,
    namespace: null,
    mode: 'normal',
    tables: {},
    command: emptyField,
    explain: { input: emptyField, history: emptyHistory, submitted: null, editing: true, scroll: 0, unfolded: false, error: null },
    helpScroll: 0,
    message: null,
    refresh: 0,
    note: 0,
    quit: false,
    single: false,
    errorsOnly: false,
    save: null,
    wide: false,
    contextSwitch: null,
  };
}

export function topView(state: AppState): View {
  return state.stack[state.stack.length - 1]!;
}

export function tableOf(state: AppState, key: string): TableState {
  return state.tables[key] ?? initialTable;
}
