import { Text } from 'ink';
import { TABS, type TabId } from '../state/views.ts';
import { useTheme } from '../theme.ts';

/** The workload tabs; the current one highlighted, numbers for direct access. */
export function Tabs({ current, counts, width }: { current: TabId | null; counts: Partial<Record<TabId, string>>; width: number }) {
  const theme = useTheme();
  const narrow = width < 70;
  return (
    <Text wrap="truncate-end">
      {TABS.map((tab, i) => {
        const label = narrow ? `${i + 1} ${tab.title}` : `${i + 1} ${tab.title}${counts[tab.id] ? ` ${counts[tab.id]}` : ''}`;
        return (
          <Text key={tab.id}>
            {i > 0 ? ' ' : ''}
            {tab.id === current ? <Text {...theme.selected}>{`[${label}]`}</Text> : <Text {...theme.tone('muted')}>{` ${label} `}</Text>}
          </Text>
        );
      })}
    </Text>
  );
}
