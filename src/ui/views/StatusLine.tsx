import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import { cellWidth } from '../text.ts';
import { useTheme } from '../theme.ts';

/** The right-hand parts of the status line that fit `width`, and the cells left for the left part. */
export function statusParts({
  age,
  stale,
  width,
  notInterpreted = 0,
  refresh = '',
}: {
  age: string | undefined;
  stale: boolean;
  width: number;
  /** Load issues that can change an answer; `checking` while they are still being read (app/background-issues.ts). */
  notInterpreted?: number | 'checking';
  /** The `--refresh` marker (refresh-marker.ts), already sized for the width. */
  refresh?: string;
}): {
  warn: string;
  /** The warning is only that the dump is still being checked (muted, not a warning). */
  checking: boolean;
  right: string;
  refresh: string;
  left: number;
} {
  // `age` says what it measures (data-age.ts: `data 4s old`, `captured 3h ago`, `file modified 3h ago`).
  const right = age !== undefined && width >= 50 ? `${stale ? 'STALE ' : ''}${age}` : '';
  const checking = notInterpreted === 'checking';
  const warn = checking
    ? width >= 70
      ? 'checking the dump…'
      : ''
    : notInterpreted > 0 && width >= 40
      ? `⚠ ${notInterpreted} not interpreted${width >= 70 ? ' (W)' : ''}`
      : '';
  // The marker goes first when the rest leaves the left part fewer than 20 cells.
  const rest = (warn ? cellWidth(warn) + 1 : 0) + (right ? cellWidth(right) + 1 : 0);
  const shown = refresh && width - rest - cellWidth(refresh) - 1 >= 20 ? refresh : '';
  const taken = rest + (shown ? cellWidth(shown) + 1 : 0);
  return { warn, checking, right, refresh: shown, left: Math.max(1, width - taken) };
}

/**
 * The bottom line: what is happening or went wrong on the left; on the right the `--refresh`
 * marker (`⟳ 5s next 3s`), how many things
 * meshscope did not interpret can change answers (`⚠ 3 not interpreted`, W lists them) and the
 * data age, said with what it measures (`data 4s old`, `captured 3h ago`, `file modified 3h ago`).
 */
export function StatusLine({
  children,
  age,
  stale,
  width,
  notInterpreted = 0,
  refresh: marker = '',
}: {
  children: ReactNode;
  age: string | undefined;
  stale: boolean;
  width: number;
  notInterpreted?: number | 'checking';
  refresh?: string;
}) {
  const theme = useTheme();
  const { warn, checking, right, refresh, left } = statusParts({ age, stale, width, notInterpreted, refresh: marker });
  return (
    <Box width={width} height={1} flexShrink={0} overflow="hidden">
      <Box width={left} height={1} flexShrink={0} overflow="hidden">
        {children}
      </Box>
      {refresh ? (
        <Box flexShrink={0} marginLeft={1}>
          <Text {...theme.tone('accent')}>{refresh}</Text>
        </Box>
      ) : null}
      {warn ? (
        <Box flexShrink={0} marginLeft={1}>
          <Text {...theme.tone(checking ? 'muted' : 'warn')}>{warn}</Text>
        </Box>
      ) : null}
      {right ? (
        <Box flexShrink={0} marginLeft={1}>
          <Text {...theme.tone(stale ? 'bad' : 'muted')}>{right}</Text>
        </Box>
      ) : null}
    </Box>
  );
}
