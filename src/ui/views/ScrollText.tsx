import { Box, Text } from 'ink';
import { useTheme } from '../theme.ts';
import type { Line } from './lines.ts';

/** A window of pre-laid-out lines (only the visible ones are rendered). */
export function ScrollText({ lines, scroll, height, width }: { lines: Line[]; scroll: number; height: number; width: number }) {
  const theme = useTheme();
  const shown = lines.slice(scroll, scroll + height);
  return (
    <Box flexDirection="column" width={width} height={height}>
      {shown.map((line, i) => (
        <Text key={i} wrap="truncate-end">
          {line.length === 0
            ? ' '
            : line.map((s, k) => (
                <Text key={k} {...(s.tone ? theme.tone(s.tone) : {})}>
                  {s.text}
                </Text>
              ))}
        </Text>
      ))}
    </Box>
  );
}
