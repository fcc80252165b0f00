import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import { useTheme } from '../theme.ts';

/**
 * The bottom line: what is happening or went wrong on the left; on the right how many things
 * meshscope did not interpret can change answers (`⚠ 3 not interpreted`, W lists them) and the
 * data age, said with what it measures (`data 4s old`, `captured 3h ago`, `file modified 3h ago`).
 */
export function StatusLine({
  children,
  age,
  stale,
  width,
  notInterpreted = 0,
}: {
  children: ReactNode;
  age: string | undefined;
  stale: boolean;
  width: number;
  notInterpreted?: number;
}) {
  const theme = useTheme();
  const right = age === undefined ? '' : `${stale ? 'STALE ' : ''}${age}`;
  const warn = notInterpreted > 0 ? `⚠ ${notInterpreted} not interpreted${width >= 70 ? ' (W)' : ''}` : '';
  return (
    <Box width={width}>
      <Box flexGrow={1} flexShrink={1} overflow="hidden">
        {children}
      </Box>
      {warn && width >= 40 ? (
        <Box flexShrink={0} marginLeft={1}>
          <Text {...theme.tone('warn')}>{warn}</Text>
        </Box>
      ) : null}
      {right && width >= 50 ? (
        <Box flexShrink={0} marginLeft={1}>
          <Text {...theme.tone(stale ? 'bad' : 'muted')}>{right}</Text>
        </Box>
      ) : null}
    </Box>
  );
}
