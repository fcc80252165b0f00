import { Text } from 'ink';
import type { TextField } from '../state/text-field.ts';
import { useTheme } from '../theme.ts';

/** A text field's value with its cursor drawn as an inverse cell when focused. */
export function FieldText({ field, focused, placeholder }: { field: TextField; focused: boolean; placeholder?: string }) {
  const theme = useTheme();
  if (!focused) return <Text>{field.value || <Text {...theme.tone('muted')}>{placeholder ?? ''}</Text>}</Text>;
  const before = field.value.slice(0, field.cursor);
  const at = field.value.slice(field.cursor, field.cursor + 1) || ' ';
  const after = field.value.slice(field.cursor + 1);
  return (
    <Text>
      {before}
      <Text inverse>{at}</Text>
      {after}
      {field.value === '' && placeholder ? <Text {...theme.tone('muted')}>{placeholder}</Text> : null}
    </Text>
  );
}
