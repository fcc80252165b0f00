import { Text } from 'ink';
import type { TextField } from '../state/text-field.ts';
import { useTheme } from '../theme.ts';
import { fieldLine } from './field-window.ts';
import { segmentStyle } from './OneLine.tsx';

/**
 * A text field's value with its cursor drawn as an inverse cell when focused; with `width`, it
 * scrolls to keep the cursor visible (fieldLine). Rows that hold a field build their line with
 * fieldLine and draw it with OneLine; this is for rows drawn as nested <Text>.
 */
export function FieldText({ field, focused, placeholder, width }: { field: TextField; focused: boolean; placeholder?: string; width?: number }) {
  const theme = useTheme();
  return (
    <Text>
      {fieldLine(field, { focused, placeholder, width }).map((s, k) => (
        <Text key={k} {...segmentStyle(theme, s)}>
          {s.text}
        </Text>
      ))}
    </Text>
  );
}
