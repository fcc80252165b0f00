import { helpSections } from './keymap.ts';
import { COLON_COMMANDS } from './state/colon-commands.ts';

const cell = (text: string) => text.replace(/\|/g, '\\|');

/**
 * The TUI's keys and `:` commands as Markdown tables, generated from the keymap (the README's
 * table is this text; a test keeps them the same).
 */
export function keysMarkdown(): string {
  const lines = ['| where | keys | what |', '|---|---|---|'];
  for (const section of helpSections()) {
    for (const [keys, description] of section.rows)
      lines.push(
        `| ${cell(section.title)} | ${keys
          .split(' ')
          .map((k) => `\`${cell(k)}\``)
          .join(' ')} | ${cell(description)} |`,
      );
  }
  lines.push('', '| command | also | what |', '|---|---|---|');
  for (const c of COLON_COMMANDS) {
    lines.push(`| \`:${cell(c.name)}${c.args ? ` ${cell(c.args)}` : ''}\` | ${c.aliases.map((a) => `\`:${a}\``).join(' ')} | ${cell(c.description)} |`);
  }
  return `${lines.join('\n')}\n`;
}
