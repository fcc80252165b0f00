import { TABLE_NAVIGATION } from '../keymap.ts';
import { type Binding, commandIn, helpSectionsOf, type Keymap } from '../keymap-engine.ts';
import type { KeyPress } from '../keys.ts';

/**
 * meshtop's keys, as data: the reducer looks keys up here and the help overlay is generated from
 * it. Sorting follows htop (`<` `>` pick the column, `I` inverts); the rest follows k9s and top.
 */
export type TopKeyContext = 'global' | 'table' | 'filter' | 'explain' | 'help';

export type TopCommand =
  | 'quit'
  | 'help'
  | 'back'
  | 'pause'
  | 'faster'
  | 'slower'
  | 'down'
  | 'up'
  | 'page-down'
  | 'page-up'
  | 'top'
  | 'bottom'
  | 'open'
  | 'filter-mode'
  | 'sort-next'
  | 'sort-prev'
  | 'sort-invert'
  | 'explain'
  | 'submit'
  | 'cancel';

export type TopBinding = Binding<TopCommand, TopKeyContext>;

export const TOP_KEYMAP: readonly TopBinding[] = [
  { command: 'quit', keys: ['ctrl+c'], context: 'global', description: 'quit from anywhere; the terminal is restored' },
  { command: 'quit', keys: ['q'], context: 'global', description: 'quit' },
  { command: 'help', keys: ['?'], context: 'global', description: 'show or hide this help' },
  { command: 'back', keys: ['escape'], context: 'global', description: 'close the explain panel, else clear the filter, else leave the drill-down' },
  { command: 'pause', keys: [' '], context: 'global', description: 'pause or resume sampling (the screen keeps the last sample)' },
  { command: 'faster', keys: ['+', '='], context: 'global', description: 'sample more often (0.5 s … 60 s)' },
  { command: 'slower', keys: ['-', '_'], context: 'global', description: 'sample less often' },
  ...TABLE_NAVIGATION,
  { command: 'open', keys: ['enter'], context: 'table', description: 'cluster: drill into its endpoints; service or workload: fold or unfold' },
  { command: 'filter-mode', keys: ['/'], context: 'table', description: 'filter rows by name, cluster, address or zone' },
  { command: 'sort-next', keys: ['>', '.'], context: 'table', description: 'sort by the next column' },
  { command: 'sort-prev', keys: ['<', ','], context: 'table', description: 'sort by the previous column' },
  { command: 'sort-invert', keys: ['I'], context: 'table', description: 'invert the sort order' },
  { command: 'explain', keys: ['e'], context: 'table', description: "explain the busiest route (of the selected row's workload)" },
  { command: 'submit', keys: ['enter'], context: 'filter', description: 'keep the filter and go back to the rows' },
  { command: 'cancel', keys: ['escape'], context: 'filter', description: 'clear the filter' },
  { command: 'down', keys: ['j', 'down'], context: 'explain', description: 'scroll the trace' },
  { command: 'up', keys: ['k', 'up'], context: 'explain', description: 'scroll back' },
  { command: 'page-down', keys: ['pagedown', 'ctrl+f'], context: 'explain', description: 'a page down' },
  { command: 'page-up', keys: ['pageup', 'ctrl+b'], context: 'explain', description: 'a page up' },
  { command: 'back', keys: ['escape', 'e'], context: 'explain', description: 'close the explain panel' },
  { command: 'back', keys: ['escape', '?', 'q'], context: 'help', description: 'close the help' },
];

const TITLES: Record<TopKeyContext, string> = {
  global: 'Anywhere',
  table: 'Table',
  filter: 'Filter (after /)',
  explain: 'Explain panel',
  help: 'This help',
};

const KEYMAP: Keymap<TopCommand, TopKeyContext> = { bindings: TOP_KEYMAP, titles: TITLES, global: 'global' };

/**
 * The command a key runs in the active contexts (searched in order). While the filter is being
 * typed only Ctrl-C and the filter's own keys are commands; everything else types.
 */
export function topCommandFor(key: KeyPress, contexts: readonly TopKeyContext[], typing: boolean): TopCommand | undefined {
  return commandIn(KEYMAP, key, contexts, typing);
}

/** Help overlay sections, generated from the keymap. */
export function topHelpSections(): { title: string; rows: [string, string][] }[] {
  return helpSectionsOf(KEYMAP);
}
