import { Box, useApp } from 'ink';
import { useEffect, useMemo, useState } from 'react';
import type { TopPoller } from '../../app/top-poller.ts';
import { NO_SHARE } from '../../core/top/columns.ts';
import type { TopRow } from '../../core/top/row.ts';
import { visibleRows } from '../../core/top/view.ts';
import { OneLine } from '../components/OneLine.tsx';
import { useKeys } from '../hooks/useKeys.ts';
import { useTerminalSize } from '../hooks/useTerminalSize.ts';
import type { KeyPress } from '../keys.ts';
import { firstRowInView } from '../table/viewport.ts';
import { clean } from '../text.ts';
import { ScrollText } from '../views/ScrollText.tsx';
import { TopFooter, TopHeader, TopHelp } from './TopChrome.tsx';
import { TopTable } from './TopTable.tsx';
import { explainBusiest, type TopExplanation } from './top-explain.ts';
import { topLayout } from './top-layout.ts';
import { cursorIndexIn, INITIAL_TOP_VIEW, stepInterval, type TopViewState, topReduce, viewOptions } from './top-reducer.ts';
import { useAgeTick } from './useAgeTick.ts';
import { useTopSnapshot } from './useTopSnapshot.ts';

export interface TopAppProps {
  poller: TopPoller;
  /** What is watched, for the header (`POD.NS`, `namespace bookinfo -l app=reviews`). */
  watching: string;
  /** Where the data comes from (`kube context prod`, `snapshot incident.json`). */
  source: string;
  /** ASCII sparklines and markers (a terminal without Unicode). */
  ascii?: boolean;
  /** The clock for the sample's age; Date.now by default. */
  now?: () => number;
}

/** Header 2 lines, table header 1, footer 1. */
const CHROME = 4;

/**
 * meshtop's screen: header, the tree table, the explain panel for `e` and the help for `?`.
 * State is the pure reducer's (top-reducer.ts); the poller runs in useTopSnapshot; this
 * component only wires keys to the reducer and the reducer's effects to the poller.
 */
export function TopApp({ poller, watching, source, ascii = false, now = Date.now }: TopAppProps) {
  const { exit } = useApp();
  const snapshot = useTopSnapshot(poller);
  const { columns: width, rows: height } = useTerminalSize();
  const [view, setView] = useState<TopViewState>(INITIAL_TOP_VIEW);
  const [explained, setExplained] = useState<TopExplanation | null>(null);
  const [message, setMessage] = useState<string | undefined>(undefined);
  useAgeTick(snapshot.state.sampledAt, snapshot.intervalMs, now);

  const body = Math.max(3, height - CHROME);
  const explainHeight = view.explain ? Math.max(4, Math.floor((body * 2) / 3)) : 0;
  const tableHeight = Math.max(1, body - explainHeight);
  const columns = useMemo(() => topLayout(width - 2), [width]);
  const state = snapshot.state;
  const { sort, filter, toggled, focus } = view;
  const rows = useMemo(() => visibleRows(state, viewOptions({ sort, filter, toggled, focus })), [state, sort, filter, toggled, focus]);
  const total = useMemo(
    () => (filter.value === '' ? rows.length : visibleRows(state, { ...viewOptions({ sort, filter, toggled, focus }), filter: '' }).length),
    [state, rows, sort, filter, toggled, focus],
  );
  const cursor = cursorIndexIn(view, rows);
  const shownOffset = firstRowInView(cursor, view.offset, rows.length, tableHeight);

  useEffect(() => {
    if (view.quit) exit();
  }, [view.quit, exit]);

  useKeys((keys: KeyPress[]) => {
    setMessage(undefined);
    const current = poller.snapshot;
    const { state: next, effects } = topReduce(view, keys, {
      rowsFor: (s) => visibleRows(current.state, viewOptions(s)),
      pageSize: tableHeight,
      explainLines: explained?.lines.length ?? 0,
    });
    for (const effect of effects) {
      if (effect === 'toggle-pause') poller.setPaused(!current.paused);
      else if (effect === 'faster' || effect === 'slower') {
        const ms = stepInterval(poller.snapshot.intervalMs, effect);
        poller.setIntervalMs(ms);
        setMessage(`sampling every ${ms / 1000}s`);
      } else if (effect === 'explain') {
        const selected = visibleRows(current.state, viewOptions(view))[cursorIndexIn(view, rows)]?.row;
        const proxy = selected?.proxy ?? current.state.proxies[0]?.proxy;
        if (proxy === undefined) setExplained({ proxy: '', title: 'no workload yet', lines: [] });
        else setExplained(explainBusiest(proxy, poller.configOf(proxy), current.state.proxies.find((p) => p.proxy === proxy)?.root, width));
      }
    }
    setView(next);
  });

  return (
    <Box flexDirection="column" width={width} height={height}>
      <TopHeader snapshot={snapshot} polling={poller.snapshot.polling} watching={watching} source={source} now={now()} width={width} />
      {view.help ? (
        <TopHelp height={body + 1} width={width} />
      ) : (
        <>
          <TopTable rows={rows} columns={columns} sort={view.sort} cursor={cursor} offset={shownOffset} height={tableHeight} width={width} ascii={ascii} />
          {rows.length === 0 ? <OneLine line={[{ text: emptyText(snapshot.polls, view.filter.value), tone: 'muted' }]} width={width} /> : null}
          {view.explain && explained ? (
            <Box flexDirection="column" height={explainHeight} width={width}>
              <OneLine line={[{ text: `explain ${explained.proxy}: ${explained.title}   (Esc closes, j/k scroll)`, tone: 'key' }]} width={width} />
              <ScrollText lines={explained.lines} scroll={view.explain.scroll} height={explainHeight - 1} width={width} />
            </Box>
          ) : null}
        </>
      )}
      <TopFooter
        filter={view.filter}
        filtering={view.filtering}
        message={message ?? noShareText(rows[cursor]?.row)}
        shown={rows.length}
        total={total}
        width={width}
      />
    </Box>
  );
}

/** The footer's note on an endpoint under the cursor that Envoy's load balancer gives no request (core/lb). */
function noShareText(row: TopRow | undefined): string | undefined {
  if (row?.noShare === undefined) return undefined;
  return clean(`${NO_SHARE} ${row.endpoint ?? row.name} takes no share of ${row.subset ?? 'its cluster'}: ${row.noShare}`);
}

function emptyText(polls: number, filter: string): string {
  if (filter !== '') return `  no row matches "${filter}" (Esc clears the filter)`;
  if (polls === 0) return '  reading the first sample…';
  return '  no outbound traffic seen yet (clusters without requests are hidden; meshtop --all shows them)';
}
