import { Box, Text } from 'ink';
import type { Theme, ToneStyle } from '../theme.ts';
import { useTheme } from '../theme.ts';
import { fitLine, type Line, type Segment } from '../views/lines.ts';

/** The Ink props a segment is drawn with. */
export function segmentStyle(theme: Theme, s: Segment): ToneStyle {
  return { ...(s.tone ? theme.tone(s.tone) : {}), ...(s.selected ? theme.selected : {}), ...(s.inverse ? { inverse: true } : {}) };
}

/**
 * One terminal row that never wraps: the line is cut to `width` cells with `…` (fitLine), in a box
 * exactly one row high that does not shrink. Ink's <Text> wraps by default (`wrap = 'wrap'` in
 * ink/build/components/Text.js) and its <Box> defaults to `flexShrink: 1` (components/Box.js), so
 * one long title or request used to wrap and Yoga shrank a neighbour row to nothing, which then
 * overwrote or vanished. Widths are cells as Ink's output.js measures them (string-width).
 */
export function OneLine({ line, width }: { line: Line; width: number }) {
  const theme = useTheme();
  const shown = fitLine(line, width);
  return (
    <Box width={Math.max(1, width)} height={1} flexShrink={0} overflow="hidden">
      <Text wrap="truncate-end">
        {shown.length === 0 || shown.every((s) => s.text === '')
          ? ' '
          : shown.map((s, k) => (
              <Text key={k} {...segmentStyle(theme, s)}>
                {s.text}
              </Text>
            ))}
      </Text>
    </Box>
  );
}
