import type { KeyPress } from './keys.ts';

/**
 * The key engine of every interactive screen (the TUI and meshtop): bindings are data — a command,
 * the keys that run it, the context where it applies, and a description that also feeds the help
 * overlay and the README's key table. Each screen has its own table of bindings and contexts.
 */
export interface Binding<Command extends string, Context extends string> {
  command: Command;
  keys: string[];
  context: Context;
  /** Shown in the help; '' folds the keys into the row above (one row for cursor keys). */
  description: string;
}

export interface Keymap<Command extends string, Context extends string> {
  bindings: readonly Binding<Command, Context>[];
  /** Help section titles, in the order the help lists them. */
  titles: Record<Context, string>;
  /** The context whose keys stop being commands while a text field has the focus (they type instead). */
  global: Context;
  /** Commands that edit a text field: active only while one has the focus. */
  fieldCommands?: ReadonlySet<Command>;
}

/**
 * The command a key runs in the given contexts (searched in order; the first binding wins). While
 * a text field has the focus the global keys type instead: only Ctrl-C and the field-editing
 * commands stay commands there.
 */
export function commandIn<Command extends string, Context extends string>(
  keymap: Keymap<Command, Context>,
  key: KeyPress,
  contexts: readonly Context[],
  typing: boolean,
): Command | undefined {
  const field = keymap.fieldCommands;
  // Keys named exactly win over a class of keys (`shift+letter`), in any of the contexts.
  for (const exact of [true, false]) {
    for (const context of contexts) {
      for (const b of keymap.bindings) {
        if (b.context !== context || !(exact ? b.keys.includes(key.name) : b.keys.some((k) => inClass(k, key.name)))) continue;
        const edits = field?.has(b.command) === true;
        if (edits !== typing && (edits || (context === keymap.global && key.name !== 'ctrl+c'))) continue;
        return b.command;
      }
    }
  }
  return undefined;
}

/** Classes of keys a binding may name: `shift+letter` is any of A–Z. */
function inClass(binding: string, key: string): boolean {
  return binding === 'shift+letter' && /^[A-Z]$/.test(key);
}

const LABELS: Record<string, string> = {
  ' ': 'Space',
  up: '↑',
  down: '↓',
  left: '←',
  right: '→',
  pageup: 'PgUp',
  pagedown: 'PgDn',
  home: 'Home',
  end: 'End',
  enter: 'Enter',
  escape: 'Esc',
  tab: 'Tab',
  'shift+tab': 'Shift-Tab',
  'shift+letter': 'Shift-letter',
  backspace: 'Backspace',
};

/** How a key is written for people: `↓`, `PgDn`, `Ctrl-C`, `Space`. */
export function keyLabel(key: string): string {
  if (LABELS[key]) return LABELS[key];
  if (key.startsWith('ctrl+')) return `Ctrl-${key.slice(5).toUpperCase()}`;
  return key;
}

/** The help: one section per context (in `titles` order), one row per binding. */
export function helpSectionsOf<Command extends string, Context extends string>(
  keymap: Keymap<Command, Context>,
): { title: string; rows: [string, string][] }[] {
  return (Object.keys(keymap.titles) as Context[]).map((context) => {
    const rows: [string, string][] = [];
    for (const b of keymap.bindings) {
      if (b.context !== context) continue;
      const keys = b.keys.map(keyLabel).join(' ');
      if (b.description === '' && rows.length > 0) {
        const last = rows[rows.length - 1]!;
        last[0] = `${last[0]} ${keys}`;
      } else rows.push([keys, b.description]);
    }
    return { title: keymap.titles[context], rows };
  });
}

/** Moving through a table, the same in the TUI and meshtop (vi keys, arrows, pages, ends). */
export type NavigationCommand = 'down' | 'up' | 'page-down' | 'page-up' | 'top' | 'bottom';

/** The navigation bindings in `context`, described for a table or for scrolled text. */
export function navigation<Context extends string>(context: Context, describe: Record<NavigationCommand, string>): Binding<NavigationCommand, Context>[] {
  return [
    { command: 'down', keys: ['j', 'down'], context, description: describe.down },
    { command: 'up', keys: ['k', 'up'], context, description: describe.up },
    { command: 'page-down', keys: ['pagedown', 'ctrl+f'], context, description: describe['page-down'] },
    { command: 'page-up', keys: ['pageup', 'ctrl+b'], context, description: describe['page-up'] },
    { command: 'top', keys: ['g', 'home'], context, description: describe.top },
    { command: 'bottom', keys: ['G', 'end'], context, description: describe.bottom },
  ];
}
