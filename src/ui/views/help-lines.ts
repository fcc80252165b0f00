import { helpSections } from '../keymap.ts';
import { COLON_COMMANDS } from '../state/colon-commands.ts';
import { cellWidth } from '../text.ts';
import type { Line } from './lines.ts';
import { labelled, wrap } from './lines.ts';

const title = (text: string, width: number): Line[] => wrap(text, width).map((part) => [{ text: part, tone: 'title' }]);

/**
 * The help overlay's text, generated from the keymap and the `:` command table. The key column
 * (and the command column) is as wide as its longest label plus two spaces (at most half the width; a longer label
 * gets its own line) and each description wraps in the cells left of it.
 */
export function helpLines(width: number): Line[] {
  const sections = helpSections();
  const commands = COLON_COMMANDS.map((c) => ({
    name: `  :${c.name}${c.args ? ` ${c.args}` : ''}`,
    text: `${c.description}${c.aliases.length ? ` (also :${c.aliases.join(' :')})` : ''}`,
  }));
  const columnOf = (labels: string[]) => Math.min(Math.max(0, ...labels.map(cellWidth)) + 2, Math.max(12, Math.floor(width / 2)));
  const column = columnOf(sections.flatMap((s) => s.rows.map(([keys]) => `  ${keys}`)));
  const commandColumn = columnOf(commands.map((c) => c.name));
  const out: Line[] = [];
  for (const section of sections) {
    out.push(...title(section.title, width));
    for (const [keys, description] of section.rows) out.push(...labelled(`  ${keys}  `, column, description, width, undefined, 'key'));
    out.push([]);
  }
  out.push(...title('Commands (type : then the command, Tab completes)', width));
  for (const c of commands) out.push(...labelled(`${c.name}  `, commandColumn, c.text, width, undefined, 'key'));
  return out;
}
