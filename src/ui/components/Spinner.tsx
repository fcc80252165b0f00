import { Text } from 'ink';
import { useTick } from '../hooks/useTick.ts';
import { useTheme } from '../theme.ts';

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

/** A spinner that says what is being fetched. */
export function Spinner({ label }: { label: string }) {
  const theme = useTheme();
  const frame = useTick(100) % FRAMES.length;
  return (
    <Text wrap="truncate-end">
      <Text {...theme.tone('accent')}>{FRAMES[frame]}</Text> {label}…
    </Text>
  );
}
