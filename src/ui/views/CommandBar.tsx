import { fieldLine } from '../components/field-window.ts';
import { OneLine } from '../components/OneLine.tsx';
import { COLON_COMMANDS, parseColon } from '../state/colon-commands.ts';
import type { TextField } from '../state/text-field.ts';

/** The `:` command line, with the commands that match what is typed so far; the typed text scrolls to keep the cursor visible. */
export function CommandBar({ field, width }: { field: TextField; width: number }) {
  const { word } = parseColon(field.value);
  const typingName = !/\s/.test(field.value);
  const candidates = COLON_COMMANDS.filter((c) => c.name.startsWith(word)).map((c) => `:${c.name}${c.args ? ` ${c.args}` : ''}`);
  const input = fieldLine(field, { focused: true, width: width - 1 });
  const hint = typingName ? `   ${candidates.join('  ') || 'no such command'}` : '   Enter runs · Esc cancels';
  return <OneLine line={[{ text: ':', tone: 'key' }, ...input, { text: hint, tone: 'muted' }]} width={width} />;
}
