import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import { OneLine } from '../components/OneLine.tsx';
import { Spinner } from '../components/Spinner.tsx';
import type { PathState } from '../hooks/usePath.ts';
import { clean } from '../text.ts';
import { useTheme } from '../theme.ts';
import type { Line } from './lines.ts';
import { hopTraceHeader, pathLines } from './path-lines.ts';
import { ScrollText } from './ScrollText.tsx';

export interface PathPanelProps {
  path: PathState;
  /** The typed request line and the proxy it starts from. */
  request: string;
  from: string;
  /** The hop under the cursor. */
  selected: number;
  /** Proxies the source lists, for the progress line before the path has listed them itself. */
  proxies: number;
  height: number;
  width: number;
}

/**
 * The path view: the explained request followed through every proxy of the source, hop by hop.
 * While the proxies are read it says how many; a failure is said here (and in the status line).
 */
export function PathPanel({ path, request, from, selected, proxies, height, width }: PathPanelProps) {
  const theme = useTheme();
  const body = height - 2;
  const title: Line = [{ text: 'path ', tone: 'key' }, { text: clean(request) }, { text: ' from ', tone: 'muted' }, { text: clean(from) }];
  const hint = '↑/↓ selects a hop · Enter: its trace · p or Esc: back';
  let content: ReactNode;
  if (path.error !== undefined)
    content = (
      <Text {...theme.tone('bad')} wrap="wrap">
        {clean(`the path could not be followed: ${path.error}`)}
      </Text>
    );
  else if (path.loading || !path.trace) {
    const n = path.proxies ?? proxies;
    content = (
      <Box flexDirection="column">
        <Spinner label={`following the request through ${n} prox${n === 1 ? 'y' : 'ies'}`} />
        <Text {...theme.tone('muted')} wrap="truncate-end">{`${path.read} of ${n} read`}</Text>
      </Box>
    );
  } else {
    const { lines, selectedLine } = pathLines(path.trace, selected, width);
    // The selected hop stays in sight on a short terminal; its facts follow below it.
    const scroll = Math.max(0, Math.min(selectedLine - body + 1, lines.length - body));
    content = <ScrollText lines={lines} scroll={Math.max(0, scroll)} height={body} width={width} />;
  }
  return (
    <Box flexDirection="column" width={width}>
      <OneLine line={title} width={width} />
      <OneLine line={[{ text: hint, tone: 'muted' }]} width={width} />
      <Box height={body} flexDirection="column" flexShrink={0} overflow="hidden">
        {content}
      </Box>
    </Box>
  );
}

/** One hop's own trace (explain-lines.ts), under a header naming its proxy and direction. */
export function HopTracePanel({
  path,
  hop,
  lines,
  scroll,
  height,
  width,
}: {
  path: PathState;
  hop: number;
  lines: Line[];
  scroll: number;
  height: number;
  width: number;
}) {
  const theme = useTheme();
  const body = height - 2;
  const hops = path.trace?.path.hops ?? [];
  const shown = hops[hop];
  return (
    <Box flexDirection="column" width={width}>
      <OneLine line={shown ? hopTraceHeader(shown, hop, hops.length) : [{ text: `hop ${hop + 1}`, tone: 'key' }]} width={width} />
      <OneLine line={[{ text: 'Esc: back to the path · n: routes not taken · j/k scroll', tone: 'muted' }]} width={width} />
      <Box height={body} flexDirection="column" flexShrink={0} overflow="hidden">
        {shown ? (
          <ScrollText lines={lines} scroll={Math.min(scroll, Math.max(0, lines.length - body))} height={body} width={width} />
        ) : (
          <Text {...theme.tone('muted')} wrap="wrap">
            {path.loading ? 'following the request again…' : 'this hop is not on the path any more (it was followed again): Esc back to the path'}
          </Text>
        )}
      </Box>
    </Box>
  );
}
