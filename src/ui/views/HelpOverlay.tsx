import { Box, Text } from 'ink';
import { useTheme } from '../theme.ts';
import type { Line } from './lines.ts';
import { ScrollText } from './ScrollText.tsx';

/** `?`: every key and command, generated from the keymap; scrolls with j/k. */
export function HelpOverlay({ lines, scroll, height, width }: { lines: Line[]; scroll: number; height: number; width: number }) {
  const theme = useTheme();
  const more = lines.length > height - 1;
  return (
    <Box flexDirection="column">
      <Text {...theme.tone('title')} wrap="truncate-end">
        Help{' '}
        <Text {...theme.tone('muted')}>
          {more ? `(j/k scroll, ${scroll + 1}–${Math.min(lines.length, scroll + height - 1)} of ${lines.length}; Esc closes)` : '(Esc closes)'}
        </Text>
      </Text>
      <ScrollText lines={lines} scroll={scroll} height={height - 1} width={width} />
    </Box>
  );
}
