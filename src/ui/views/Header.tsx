import { Box, Text } from 'ink';
import type { ProxySummary } from '../../app/mesh-source.ts';
import { clean, clip } from '../text.ts';
import { useTheme } from '../theme.ts';

/** The top line: program, source, the open workload's identity, and the help key. */
export function Header({ source, proxy, width }: { source: string; proxy: ProxySummary | undefined; width: number }) {
  const theme = useTheme();
  const who = proxy ? ` · ${proxy.proxyType ?? 'proxy'}${proxy.istioVersion ? ` · Istio ${proxy.istioVersion}` : ''}` : '';
  const text = clip(`${clean(source)}${clean(who)}`, Math.max(0, width - 20));
  return (
    <Box width={width}>
      <Box flexGrow={1}>
        <Text wrap="truncate-end">
          <Text {...theme.tone('title')}>meshscope</Text>
          <Text {...theme.tone('muted')}>{` ${text}`}</Text>
        </Text>
      </Box>
      <Text {...theme.tone('muted')}>{width >= 60 ? '? help  q quit' : '? help'}</Text>
    </Box>
  );
}
