import { helpSections } from '../keymap.ts';
import { COLON_COMMANDS } from '../state/colon-commands.ts';
import type { Line } from './lines.ts';
import { labelled } from './lines.ts';

/** The help overlay's text, generated from the keymap and the `:` command table. */
export function helpLines(width: number): Line[] {
  const out: Line[] = [];
  for (const section of helpSections()) {
    out.push([{ text: section.title, tone: 'title' }]);
    for (const [keys, description] of section.rows) out.push(...labelled(`  ${keys}`, 22, description, width, undefined, 'key'));
    out.push([]);
  }
  out.push([{ text: 'Commands (type : then the command, Tab completes)', tone: 'title' }]);
  for (const c of COLON_COMMANDS) {
    const name = `  :${c.name}${c.args ? ` ${c.args}` : ''}`;
    const aliases = c.aliases.length ? ` (also :${c.aliases.join(' :')})` : '';
    out.push(...labelled(name, Math.min(34, Math.max(22, name.length + 2)), `${c.description}${aliases}`, width, undefined, 'key'));
  }
  return out;
}
