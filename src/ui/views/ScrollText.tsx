import { Box } from 'ink';
import { OneLine } from '../components/OneLine.tsx';
import type { Line } from './lines.ts';

/** A window of pre-laid-out lines (only the visible ones are rendered), each cut to the width, never wrapped. */
export function ScrollText({ lines, scroll, height, width }: { lines: Line[]; scroll: number; height: number; width: number }) {
  const shown = lines.slice(scroll, scroll + height);
  return (
    <Box flexDirection="column" width={width} height={height} flexShrink={0} overflow="hidden">
      {shown.map((line, i) => (
        <OneLine key={i} line={line} width={width} />
      ))}
    </Box>
  );
}
