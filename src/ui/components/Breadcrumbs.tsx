import { Text } from 'ink';
import { clip } from '../text.ts';
import { useTheme } from '../theme.ts';

/** Where the user is, `Workloads › productpage-v1….bookinfo › Routes › jason-to-v2`; the tail wins when narrow. */
export function Breadcrumbs({ parts, width }: { parts: string[]; width: number }) {
  const theme = useTheme();
  let shown = parts;
  const length = (p: string[]) => p.join(' › ').length;
  while (shown.length > 1 && length(shown) > width) shown = shown.slice(1);
  const cut = shown !== parts;
  return (
    <Text wrap="truncate-end">
      {cut ? <Text {...theme.tone('muted')}>… › </Text> : null}
      {shown.map((p, i) => (
        <Text key={i}>
          {i > 0 ? <Text {...theme.tone('muted')}> › </Text> : null}
          {i === shown.length - 1 ? <Text {...theme.tone('title')}>{clip(p, width)}</Text> : clip(p, width)}
        </Text>
      ))}
    </Text>
  );
}
