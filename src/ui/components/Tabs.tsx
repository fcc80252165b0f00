import { TABS, type TabId } from '../state/views.ts';
import type { Line } from '../views/lines.ts';
import { OneLine } from './OneLine.tsx';

/** The workload tabs; the current one highlighted, numbers for direct access. */
export function Tabs({ current, counts, width }: { current: TabId | null; counts: Partial<Record<TabId, string>>; width: number }) {
  const narrow = width < 70;
  const line: Line = [];
  TABS.forEach((tab, i) => {
    const label = narrow ? `${i + 1} ${tab.title}` : `${i + 1} ${tab.title}${counts[tab.id] ? ` ${counts[tab.id]}` : ''}`;
    if (i > 0) line.push({ text: ' ' });
    line.push(tab.id === current ? { text: `[${label}]`, selected: true } : { text: ` ${label} `, tone: 'muted' });
  });
  return <OneLine line={line} width={width} />;
}
