import { Box } from 'ink';
import { OneLine } from '../components/OneLine.tsx';
import type { Line } from './lines.ts';
import { ScrollText } from './ScrollText.tsx';

/** `?`: every key and command, generated from the keymap; scrolls with j/k. */
export function HelpOverlay({ lines, scroll, height, width }: { lines: Line[]; scroll: number; height: number; width: number }) {
  const more = lines.length > height - 1;
  return (
    <Box flexDirection="column">
      <OneLine
        line={[
          { text: 'Help ', tone: 'title' },
          {
            text: more ? `(j/k scroll, ${scroll + 1}–${Math.min(lines.length, scroll + height - 1)} of ${lines.length}; Esc closes)` : '(Esc closes)',
            tone: 'muted',
          },
        ]}
        width={width}
      />
      <ScrollText lines={lines} scroll={scroll} height={height - 1} width={width} />
    </Box>
  );
}
