import { Text } from 'ink';
import { FieldText } from '../components/FieldText.tsx';
import { COLON_COMMANDS, parseColon } from '../state/colon-commands.ts';
import type { TextField } from '../state/text-field.ts';
import { useTheme } from '../theme.ts';

/** The `:` command line, with the commands that match what is typed so far. */
export function CommandBar({ field }: { field: TextField }) {
  const theme = useTheme();
  const { word } = parseColon(field.value);
  const typingName = !/\s/.test(field.value);
  const candidates = COLON_COMMANDS.filter((c) => c.name.startsWith(word)).map((c) => `:${c.name}${c.args ? ` ${c.args}` : ''}`);
  return (
    <Text wrap="truncate-end">
      <Text {...theme.tone('key')}>:</Text>
      <FieldText field={field} focused />
      <Text {...theme.tone('muted')}>{typingName ? `   ${candidates.join('  ') || 'no such command'}` : '   Enter runs · Esc cancels'}</Text>
    </Text>
  );
}
