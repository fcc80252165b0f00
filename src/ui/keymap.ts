import { commandIn, helpSectionsOf, type Binding as KeyBinding, type Keymap, navigation } from './keymap-engine.ts';
import type { KeyPress } from './keys.ts';

export { keyLabel } from './keymap-engine.ts';

/**
 * Every key binding of the TUI, as data: the help overlay (`?`) and the README's key table are
 * generated from this table, and the state reducer looks keys up in it. A context says where a
 * binding applies; the first matching binding of the active contexts wins.
 */
export type KeyContext =
  | 'global'
  | 'table'
  | 'findings'
  | 'intent'
  | 'raw'
  | 'describe'
  | 'workload'
  | 'explain'
  | 'path'
  | 'hop-trace'
  | 'explain-input'
  | 'filter'
  | 'command'
  | 'help';

export type CommandId =
  | 'quit'
  | 'help'
  | 'command-mode'
  | 'back'
  | 'refresh'
  | 'down'
  | 'up'
  | 'page-down'
  | 'page-up'
  | 'top'
  | 'bottom'
  | 'open'
  | 'filter-mode'
  | 'sort-column'
  | 'raw-view'
  | 'describe'
  | 'scroll-left'
  | 'scroll-right'
  | 'errors-only'
  | 'wide'
  | 'next-tab'
  | 'prev-tab'
  | 'tab-1'
  | 'tab-2'
  | 'tab-3'
  | 'tab-4'
  | 'tab-5'
  | 'tab-6'
  | 'explain'
  | 'warnings'
  | 'edit-request'
  | 'write-note'
  | 'toggle-not-taken'
  | 'path'
  | 'submit'
  | 'history-prev'
  | 'history-next'
  | 'cancel'
  | 'complete'
  | 'clear-field'
  | 'delete-word'
  | 'cursor-left'
  | 'cursor-right'
  | 'cursor-home'
  | 'cursor-end';

export type Binding = KeyBinding<CommandId, KeyContext>;

const CONTEXT_TITLES: Record<KeyContext, string> = {
  global: 'Anywhere',
  table: 'Tables',
  findings: 'Findings tab',
  intent: 'Intent tab',
  raw: 'Raw view (after y, or Enter on an Intent row)',
  describe: 'A finding or an Intent verdict in full (after Enter or d)',
  workload: 'Workload screen',
  explain: 'Explain panel (reading the trace)',
  path: 'Path view (after p in the explain panel)',
  'hop-trace': "A hop's own trace (after Enter in the path view)",
  'explain-input': 'Explain panel (typing a request)',
  filter: 'Filter (after /)',
  command: 'Command line (after :)',
  help: 'This help',
};

/** Moving through a table, the same in the TUI and meshtop. */
export const TABLE_NAVIGATION = navigation('table', {
  down: 'next row',
  up: 'previous row',
  'page-down': 'next page',
  'page-up': 'previous page',
  top: 'first row',
  bottom: 'last row',
});

export const KEYMAP: readonly Binding[] = [
  { command: 'quit', keys: ['ctrl+c'], context: 'global', description: 'quit from anywhere; the terminal is restored' },
  { command: 'quit', keys: ['q'], context: 'global', description: 'quit' },
  { command: 'help', keys: ['?'], context: 'global', description: 'show or hide this help' },
  {
    command: 'command-mode',
    keys: [':'],
    context: 'global',
    description: 'command line: :routes :clusters :ep :intent :explain :warnings :ns NAME :wl NAME :ctx NAME :save',
  },
  { command: 'back', keys: ['escape'], context: 'global', description: 'clear the filter, else go back one level' },
  { command: 'refresh', keys: ['r'], context: 'global', description: 'fetch the data again' },
  ...TABLE_NAVIGATION,
  {
    command: 'open',
    keys: ['enter'],
    context: 'table',
    description: 'open: workload → routes, route → its clusters, cluster → its endpoints, finding → the whole finding, Intent object → its YAML',
  },
  {
    command: 'filter-mode',
    keys: ['/'],
    context: 'table',
    description: 'filter the rows: fuzzy (matches highlighted); !text rows without text; ~re RE2 regex; !~re not matching',
  },
  {
    command: 'sort-column',
    keys: ['shift+letter'],
    context: 'table',
    description: 'sort by the column with that initial (k9s); again: descending, then the next column with it; G and W keep their meaning',
  },
  {
    command: 'raw-view',
    keys: ['y'],
    context: 'table',
    description: 'the selected cluster, listener, route, endpoint or Intent object as YAML (again: JSON), as istioctl pc -o yaml prints it',
  },
  {
    command: 'wide',
    keys: ['ctrl+w'],
    context: 'table',
    description: 'wide (k9s Toggle Wide): every column that fits at its narrowest, cells cut shorter; again: normal',
  },
  { command: 'errors-only', keys: ['o'], context: 'findings', description: 'only error findings, or all again (the note says how many are hidden)' },
  {
    command: 'describe',
    keys: ['d'],
    context: 'findings',
    description: 'describe (k9s): the selected finding in full, wrapped: code, severity, objects, message, fix (Esc back)',
  },
  {
    command: 'describe',
    keys: ['d'],
    context: 'intent',
    description: "describe: the selected object's verdict in full, wrapped: reason, notes, what it produced, the file it came from (Esc back)",
  },
  { command: 'scroll-right', keys: ['l', 'right'], context: 'raw', description: 'scroll the lines sideways to the right (the header says from which column)' },
  { command: 'scroll-left', keys: ['h', 'left'], context: 'raw', description: 'scroll back to the left' },
  ...navigation('describe', {
    down: 'scroll down',
    up: 'scroll up',
    'page-down': 'scroll a page down',
    'page-up': 'scroll a page up',
    top: 'top',
    bottom: 'end',
  }),
  { command: 'next-tab', keys: ['tab', 'l', 'right'], context: 'workload', description: 'next tab' },
  { command: 'prev-tab', keys: ['shift+tab', 'h', 'left'], context: 'workload', description: 'previous tab' },
  { command: 'tab-1', keys: ['1'], context: 'workload', description: 'Routes tab' },
  { command: 'tab-2', keys: ['2'], context: 'workload', description: 'Clusters tab' },
  { command: 'tab-3', keys: ['3'], context: 'workload', description: 'Endpoints tab' },
  { command: 'tab-4', keys: ['4'], context: 'workload', description: 'Listeners tab' },
  { command: 'tab-5', keys: ['5'], context: 'workload', description: 'Findings tab' },
  {
    command: 'tab-6',
    keys: ['6'],
    context: 'workload',
    description: 'Intent tab: the --config Istio objects, applied or why not (Enter: the YAML, d: the verdict)',
  },
  { command: 'explain', keys: ['e'], context: 'workload', description: 'explain a request (opens the explain panel)' },
  { command: 'warnings', keys: ['W'], context: 'workload', description: 'what meshscope did not interpret in this proxy (load issues; ⚠ in the status line)' },
  { command: 'edit-request', keys: ['i', 'e', '/'], context: 'explain', description: 'edit the request line' },
  { command: 'write-note', keys: ['w'], context: 'explain', description: 'write the trace as a Markdown note (and copy it to the clipboard)' },
  { command: 'toggle-not-taken', keys: ['n'], context: 'explain', description: 'unfold or fold the routes not taken' },
  {
    command: 'path',
    keys: ['p'],
    context: 'explain',
    description: 'path: follow the request through every proxy of the snapshot or live mesh, hop by hop (needs more than one proxy)',
  },
  ...navigation('explain', {
    down: 'scroll down',
    up: 'scroll up',
    'page-down': 'scroll a page down',
    'page-up': 'scroll a page up',
    top: 'top of the trace',
    bottom: 'end of the trace',
  }),
  {
    command: 'open',
    keys: ['enter'],
    context: 'path',
    description: "the selected hop's own trace, as explain shows it for that proxy (Esc: back to the path)",
  },
  { command: 'path', keys: ['p', 'escape'], context: 'path', description: 'back to the trace of the request on this proxy' },
  ...navigation('path', {
    down: 'next hop',
    up: 'previous hop',
    'page-down': 'a page of hops down',
    'page-up': 'a page of hops up',
    top: 'first hop',
    bottom: 'last hop',
  }),
  { command: 'back', keys: ['escape'], context: 'hop-trace', description: 'back to the path (the cursor stays on this hop)' },
  { command: 'toggle-not-taken', keys: ['n'], context: 'hop-trace', description: 'unfold or fold the routes not taken' },
  ...navigation('hop-trace', {
    down: 'scroll down',
    up: 'scroll up',
    'page-down': 'scroll a page down',
    'page-up': 'scroll a page up',
    top: 'top of the trace',
    bottom: 'end of the trace',
  }),
  { command: 'submit', keys: ['enter'], context: 'explain-input', description: 'explain the request: METHOD URL [-H "Name: value"]…' },
  { command: 'history-prev', keys: ['up'], context: 'explain-input', description: 'previous request from the history' },
  { command: 'history-next', keys: ['down'], context: 'explain-input', description: 'next request from the history' },
  { command: 'cancel', keys: ['escape'], context: 'explain-input', description: 'stop editing (back to the trace, or out)' },
  { command: 'submit', keys: ['enter'], context: 'filter', description: 'keep the filter and go back to the rows' },
  { command: 'cancel', keys: ['escape'], context: 'filter', description: 'clear the filter' },
  { command: 'down', keys: ['down'], context: 'filter', description: 'next row while filtering' },
  { command: 'up', keys: ['up'], context: 'filter', description: 'previous row while filtering' },
  { command: 'submit', keys: ['enter'], context: 'command', description: 'run the command' },
  { command: 'complete', keys: ['tab'], context: 'command', description: 'complete the command name' },
  { command: 'cancel', keys: ['escape'], context: 'command', description: 'cancel' },
  { command: 'clear-field', keys: ['ctrl+u'], context: 'global', description: 'in a text field: clear it' },
  { command: 'delete-word', keys: ['ctrl+w'], context: 'global', description: 'in a text field: delete the word before the cursor' },
  { command: 'cursor-left', keys: ['left'], context: 'global', description: 'in a text field: move the cursor' },
  { command: 'cursor-right', keys: ['right'], context: 'global', description: '' },
  { command: 'cursor-home', keys: ['home', 'ctrl+a'], context: 'global', description: '' },
  { command: 'cursor-end', keys: ['end', 'ctrl+e'], context: 'global', description: '' },
  ...navigation('help', { down: 'scroll down', up: 'scroll up', 'page-down': 'scroll a page down', 'page-up': 'scroll a page up', top: 'top', bottom: 'end' }),
  { command: 'back', keys: ['escape', '?', 'q'], context: 'help', description: 'close the help' },
];

/** The TUI's keymap: its bindings, help titles, and the text-field editing commands. */
const TUI_KEYMAP: Keymap<CommandId, KeyContext> = {
  bindings: KEYMAP,
  titles: CONTEXT_TITLES,
  global: 'global',
  fieldCommands: new Set(['clear-field', 'delete-word', 'cursor-left', 'cursor-right', 'cursor-home', 'cursor-end']),
};

/** The command a key runs in the given contexts (searched in order), if any (see `commandIn`). */
export function commandFor(key: KeyPress, contexts: readonly KeyContext[], textField: boolean): CommandId | undefined {
  return commandIn(TUI_KEYMAP, key, contexts, textField);
}

/** Bindings for the help overlay and README: one line per command and context. */
export function helpSections(): { title: string; rows: [string, string][] }[] {
  return helpSectionsOf(TUI_KEYMAP);
}
