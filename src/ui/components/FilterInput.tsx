import { Text } from 'ink';
import type { TextField } from '../state/text-field.ts';
import { useTheme } from '../theme.ts';
import { FieldText } from './FieldText.tsx';

/** The `/` filter line of a table: the query, how many rows match, and the keys that apply. */
export function FilterInput({ field, focused, matches, total, noun }: { field: TextField; focused: boolean; matches: number; total: number; noun: string }) {
  const theme = useTheme();
  const count = field.value === '' ? `${total} ${noun}` : `${matches} of ${total} ${noun}`;
  return (
    <Text wrap="truncate-end">
      <Text {...theme.tone('key')}>/</Text>
      <FieldText field={field} focused={focused} placeholder={focused ? ' type to filter' : ''} />
      <Text {...theme.tone('muted')}>{`  ${count}${focused ? '  (Enter keeps, Esc clears)' : ''}`}</Text>
    </Text>
  );
}
