import { Text } from 'ink';
import { filterQueryError } from '../../core/text/filter-query.ts';
import type { TextField } from '../state/text-field.ts';
import { useTheme } from '../theme.ts';
import { FieldText } from './FieldText.tsx';

/** The `/` filter line of a table: the query, how many rows match, and the keys that apply. */
export function FilterInput({ field, focused, matches, total, noun }: { field: TextField; focused: boolean; matches: number; total: number; noun: string }) {
  const theme = useTheme();
  const error = filterQueryError(field.value);
  const count = error ?? (field.value === '' ? `${total} ${noun}` : `${matches} of ${total} ${noun}`);
  return (
    <Text wrap="truncate-end">
      <Text {...theme.tone('key')}>/</Text>
      <FieldText field={field} focused={focused} placeholder={focused ? ' type to filter' : ''} />
      <Text {...theme.tone(error ? 'bad' : 'muted')}>{`  ${count}${focused ? '  (Enter keeps, Esc clears)' : ''}`}</Text>
    </Text>
  );
}
