import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import { useTheme } from '../theme.ts';

/** The bottom line: what is happening or went wrong on the left, data age on the right. */
export function StatusLine({ children, age, stale, width }: { children: ReactNode; age: string | undefined; stale: boolean; width: number }) {
  const theme = useTheme();
  const right = age === undefined ? '' : `${stale ? 'STALE ' : ''}data ${age} old`;
  return (
    <Box width={width}>
      <Box flexGrow={1} flexShrink={1} overflow="hidden">
        {children}
      </Box>
      {right && width >= 50 ? (
        <Box flexShrink={0} marginLeft={1}>
          <Text {...theme.tone(stale ? 'bad' : 'muted')}>{right}</Text>
        </Box>
      ) : null}
    </Box>
  );
}
