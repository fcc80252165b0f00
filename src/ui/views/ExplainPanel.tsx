import { Box, Text } from 'ink';
import { fieldLine } from '../components/field-window.ts';
import { OneLine } from '../components/OneLine.tsx';
import type { ExplainState } from '../state/app-state.ts';
import { useTheme } from '../theme.ts';
import type { Line } from './lines.ts';
import { ScrollText } from './ScrollText.tsx';

/**
 * The explain panel: the request line (history with ↑/↓), then the trace of the last explained
 * request, scrollable. The deciding stage is marked; routes not taken are folded to one line.
 */
export function ExplainPanel({ explain, lines, height, width }: { explain: ExplainState; lines: Line[]; height: number; width: number }) {
  const theme = useTheme();
  const hint = explain.editing
    ? `Enter explains · ↑/↓ history · Esc ${explain.submitted ? 'back to the trace' : 'back'}`
    : `w writes a Markdown note · p follows the path · n ${explain.unfolded ? 'folds' : 'unfolds'} routes not taken · i edits · j/k scroll · Esc back`;
  const body = height - 2;
  return (
    <Box flexDirection="column" width={width}>
      <OneLine
        line={[
          { text: 'request ', tone: 'key' },
          ...fieldLine(explain.input, { focused: explain.editing, width: width - 8, placeholder: 'GET http://reviews:9080/reviews/1 -H end-user:jason' }),
        ]}
        width={width}
      />
      <OneLine line={explain.error ? [{ text: explain.error, tone: 'bad' }] : [{ text: hint, tone: 'muted' }]} width={width} />
      {explain.submitted === null ? (
        <Box height={body} flexDirection="column" flexShrink={0} overflow="hidden">
          <Text {...theme.tone('muted')} wrap="wrap">
            Type a request as curl would send it through this proxy: METHOD URL, then -H "Name: value" for each header. The trace shows the listener, virtual
            host and route Envoy picks, why earlier routes did not match, the weights, and the endpoints behind the chosen subset.
          </Text>
        </Box>
      ) : (
        <ScrollText lines={lines} scroll={Math.min(explain.scroll, Math.max(0, lines.length - body))} height={body} width={width} />
      )}
    </Box>
  );
}
