import { Box, Text } from 'ink';
import { type ReactNode, useEffect, useMemo, useRef } from 'react';
import { explainRequestLine } from '../../app/explain-line.ts';
import { explainNote, type NoteSink } from '../../app/explain-note.ts';
import type { MeshSource } from '../../app/mesh-source.ts';
import { pathStepsFor } from '../../app/path-steps.ts';
import type { Workload } from '../../app/workload.ts';
import { endpointRowsByName } from '../../core/browse/endpoint-rows.ts';
import type { ConfigSet } from '../../core/config/objects.ts';
import { intentForExplain } from '../../core/intent/reconcile.ts';
import { Breadcrumbs } from '../components/Breadcrumbs.tsx';
import { OneLine } from '../components/OneLine.tsx';
import { Tabs } from '../components/Tabs.tsx';
import { type FetchTracker, newFetchTracker } from '../hooks/fetch-tracker.ts';
import { useAppState } from '../hooks/useAppState.ts';
import { useAutoRefresh } from '../hooks/useAutoRefresh.ts';
import { useContextSwitch } from '../hooks/useContextSwitch.ts';
import { useKeys } from '../hooks/useKeys.ts';
import { useNoteWriter } from '../hooks/useNoteWriter.ts';
import { usePath } from '../hooks/usePath.ts';
import { useProxies } from '../hooks/useProxies.ts';
import { useQuit } from '../hooks/useQuit.ts';
import { type SaveFile, useSaver } from '../hooks/useSaver.ts';
import { useTerminalSize } from '../hooks/useTerminalSize.ts';
import { useTick } from '../hooks/useTick.ts';
import { useWorkload } from '../hooks/useWorkload.ts';
import { type ReduceContext, tableOf, topView } from '../state/app-state.ts';
import { pathCursor } from '../state/path-keys.ts';
import { tableKey, type View } from '../state/views.ts';
import { ProxyTables, tableFor, WorkloadTables } from '../tables/catalog.ts';
import { makeTheme, ThemeContext } from '../theme.ts';
import { breadcrumbs, tabCounts } from './chrome.ts';
import { describeIntentLines, describeLines } from './describe-lines.ts';
import { ExplainPanel } from './ExplainPanel.tsx';
import { explainLines } from './explain-lines.ts';
import { Header } from './Header.tsx';
import { HelpOverlay } from './HelpOverlay.tsx';
import { helpLines } from './help-lines.ts';
import { HopTracePanel, PathPanel } from './PathPanel.tsx';
import { refreshMarker } from './refresh-marker.ts';
import { ScrollText } from './ScrollText.tsx';
import { Status } from './Status.tsx';
import { saveText } from './save-text.ts';
import { screenLayout, tooSmallText } from './screen-layout.ts';
import { TABLE_CHROME, TableScreen } from './TableScreen.tsx';

export interface AppProps {
  source: MeshSource;
  color: boolean;
  /** `POD.NS` to open first (else the picker, or the only proxy). */
  initialProxy?: string;
  /** Where `w` writes explain notes; without it the key says how to get a note instead. */
  notes?: NoteSink;
  /** A live source on another kube context (`:ctx NAME`); without it `:ctx` says it cannot. */
  switchContext?: (name: string) => MeshSource;
  /** The kubeconfig's context names, when readable: `:ctx` refuses a name not among them. */
  kubeContexts?: readonly string[];
  /** `--refresh`: fetch the data again every this many milliseconds. */
  refreshEvery?: number;
  /** Where `:save` writes (relative to the working directory); without it `:save` says it cannot. */
  save?: SaveFile;
  /** CLI flags selecting the workload's data again, for the note's reproduce command. */
  sourceFlags?: (workload: Workload) => string | undefined;
  /** `--config PATH`: the Istio objects read at start, for the Intent tab and the explain panel (undefined: none given). */
  objects?: ConfigSet;
  now?: () => number;
}

/** Views drawn as panels of lines rather than tables: the explain panel, the path view, a hop's trace. */
const isPanel = (v: View) => v.kind === 'explain' || v.kind === 'path' || v.kind === 'hop-trace';

/**
 * The interactive TUI: a workload picker, a workload's tabs with drill-down, the explain panel
 * and the help overlay. Renders state; keys go through the pure reducer; fetching, notes and
 * quitting happen in hooks.
 */
export function App({
  source: initialSource,
  color,
  initialProxy,
  notes,
  save,
  refreshEvery,
  switchContext,
  kubeContexts,
  sourceFlags,
  objects,
  now = Date.now,
}: AppProps) {
  const theme = useMemo(() => makeTheme(color), [color]);
  const size = useTerminalSize();
  const layout = screenLayout(size.columns, size.rows);
  const app = useAppState();
  const { state } = app;
  const source = useContextSwitch(initialSource, state.contextSwitch, switchContext);
  const fetches = useRef<FetchTracker>(newFetchTracker()).current;
  const proxies = useProxies(source, state.refresh, now, fetches);
  const onProxies = app.proxies;
  useEffect(() => {
    if (proxies.proxies) onProxies(proxies.proxies, initialProxy);
  }, [proxies.proxies, initialProxy, onProxies]);
  const summary = proxies.proxies?.find((p) => p.name === state.workload);
  const loaded = useWorkload(source, state.workload, summary, state.refresh, fetches);
  const data = loaded.data?.proxy === state.workload ? loaded.data : undefined;
  const proxyTables = useMemo(() => new ProxyTables(proxies.proxies ?? []), [proxies.proxies]);
  const workloadTables = useMemo(() => (data ? new WorkloadTables(data, objects) : undefined), [data, objects])?.withFindings(loaded);
  // --config documents that were not used: said once in the status line (W and the Intent tab list them), never on stderr under the UI.
  const say = app.say;
  useEffect(() => {
    const skipped = objects?.problems.filter((p) => p.severity === 'skipped').length ?? 0;
    if (skipped > 0) say({ tone: 'error', text: `${skipped} --config document${skipped === 1 ? '' : 's'} not used: W lists them` });
  }, [objects, say]);
  useTick(1000);

  const view = topView(state);
  // The path view (and a hop's trace above it) follow the explained request from this proxy.
  const pathView = state.stack.find((v) => v.kind === 'path');
  const steps = useMemo(() => pathStepsFor(objects), [objects]);
  const ask = useMemo(
    () => (pathView?.kind === 'path' && state.workload !== null ? { from: state.workload, request: pathView.request } : null),
    [pathView, state.workload],
  );
  const path = usePath(source, ask, steps, state.refresh, fetches);
  const pathError = path.error;
  useEffect(() => {
    if (pathError !== undefined) say({ tone: 'error', text: `path: ${pathError}` });
  }, [pathError, say]);
  const hop = view.kind === 'hop-trace' ? path.trace?.path.hops[view.hop] : undefined;
  const hopTrace = useMemo(
    () =>
      hop
        ? explainLines(hop.trace, { width: layout.width, unfolded: state.explain.unfolded, endpointsOf: endpointRowsByName(path.configs.get(hop.proxy)) })
        : [],
    [hop, path.configs, layout.width, state.explain.unfolded],
  );
  const entry = isPanel(view) ? undefined : tableFor(view, state.namespace, proxyTables, workloadTables, state.errorsOnly);
  const counts = data && workloadTables ? tabCounts(data, workloadTables) : {};
  const table = tableOf(state, tableKey(view, state.workload, state.namespace));
  const body = layout.body;
  const explained = useMemo(
    () => (data && state.explain.submitted ? explainRequestLine(data.config, state.explain.submitted) : undefined),
    [data, state.explain.submitted],
  );
  const endpointsOf = useMemo(() => endpointRowsByName(data?.config), [data]);
  const intent = useMemo(
    () => (objects && data && explained?.result ? intentForExplain(objects, data.config, explained.result) : undefined),
    [objects, data, explained],
  );
  const trace = useMemo(() => {
    if (!explained) return [];
    if (explained.error !== undefined) return [[{ text: explained.error, tone: 'bad' as const }]];
    return explainLines(explained.result, { width: layout.width, unfolded: state.explain.unfolded, endpointsOf, intent });
  }, [explained, layout.width, state.explain.unfolded, endpointsOf, intent]);
  const help = useMemo(() => helpLines(layout.width), [layout.width]);
  const describe = useMemo(
    () =>
      view.kind === 'describe'
        ? describeLines(view.finding, layout.width)
        : view.kind === 'describe-intent'
          ? describeIntentLines(view.verdict, layout.width)
          : [],
    [view, layout.width],
  );

  const ctx: ReduceContext = {
    rows: (v, namespace, filter, sort) => {
      const e = isPanel(v) ? undefined : tableFor(v, namespace, proxyTables, workloadTables, state.errorsOnly);
      return e && { rows: e.model.rows, matches: e.index.matches(filter, sort), columns: e.model.columns };
    },
    pageSize: Math.max(1, body - TABLE_CHROME - (entry?.model.note ? 1 : 0)),
    explainLines: trace.length,
    explainPage: Math.max(1, body - 2),
    helpLines: help.length,
    helpPage: Math.max(1, body - 1),
    describeLines: describe.length,
    describePage: Math.max(1, body),
    proxies: proxies.proxies ?? [],
    path: path.trace ? { hops: path.trace.path.hops, failedAt: path.trace.path.failedAt } : undefined,
    hopLines: hopTrace.length,
    hopPage: Math.max(1, body - 2),
    canSwitchContext: switchContext !== undefined && source.kind === 'live',
    kubeContexts,
  };
  useKeys((keys) => app.keys(keys, ctx));
  useNoteWriter(
    state.note,
    () =>
      data && explained?.result && state.explain.submitted
        ? explainNote(explained.result, state.explain.submitted, data, {
            sourceLabel: source.label,
            sourceKind: source.kind,
            sourceFlags: sourceFlags?.(data),
            now: now(),
          })
        : undefined,
    notes,
    app.say,
  );
  useSaver(
    state.save,
    () =>
      saveText(
        view,
        { describe, path: path.trace, hopTrace, trace, table: entry ? { entry, matches: entry.index.matches(table.filter.value, table.sort) } : undefined },
        now(),
      ),
    save,
    app.say,
  );
  const refreshDue = useAutoRefresh(refreshEvery, proxies.loading || loaded.loading, state.refresh, app.refresh, now, fetches);
  useQuit(state.quit);

  // Plain text, no theme: nothing else fits.
  if (layout.tooSmall) return <Text wrap="wrap">{tooSmallText(size.columns, size.rows)}</Text>;

  const inWorkload = view.kind !== 'picker';
  let main: ReactNode;
  if (state.mode === 'help') main = <HelpOverlay lines={help} scroll={state.helpScroll} height={body} width={layout.width} />;
  else if (view.kind === 'describe' || view.kind === 'describe-intent')
    main = <ScrollText lines={describe} scroll={Math.min(view.scroll, Math.max(0, describe.length - body))} height={body} width={layout.width} />;
  else if (view.kind === 'explain') main = <ExplainPanel explain={state.explain} lines={trace} height={body} width={layout.width} />;
  else if (view.kind === 'path')
    main = (
      <PathPanel
        path={path}
        request={view.request}
        from={state.workload ?? ''}
        selected={pathCursor(view, ctx.path)}
        proxies={proxies.proxies?.length ?? 0}
        height={body}
        width={layout.width}
      />
    );
  else if (view.kind === 'hop-trace')
    main = <HopTracePanel path={path} hop={view.hop} lines={hopTrace} scroll={view.scroll} height={body} width={layout.width} />;
  else if (view.kind === 'picker') {
    main = (
      <TableScreen
        entry={proxies.proxies ? entry : undefined}
        table={table}
        filtering={state.mode === 'filter'}
        wide={state.wide}
        width={layout.width}
        height={body}
        loading={`fetching the proxy list (${source.label})`}
        error={proxies.error}
      />
    );
  } else {
    main = (
      <TableScreen
        entry={data ? entry : undefined}
        table={table}
        filtering={state.mode === 'filter'}
        wide={state.wide}
        shift={view.kind === 'raw' ? (view.shift ?? 0) : undefined}
        width={layout.width}
        height={body}
        loading={loaded.progress || `fetching ${state.workload}`}
        error={loaded.error}
      />
    );
  }
  const currentTab = [...state.stack].reverse().find((v) => v.kind === 'tab');
  return (
    <ThemeContext.Provider value={theme}>
      <Box flexDirection="column" width={layout.width} height={layout.height}>
        <Header source={source.label} proxy={inWorkload ? (summary ?? data?.summary) : undefined} width={layout.width} />
        <Breadcrumbs parts={breadcrumbs(state, summary?.name ?? state.workload)} width={layout.width} />
        {inWorkload ? (
          <Tabs current={currentTab?.kind === 'tab' ? currentTab.tab : null} counts={counts} width={layout.width} />
        ) : (
          <OneLine
            line={[
              { text: `${state.namespace ? `namespace ${state.namespace} · ` : ''}Enter opens a workload · / filters · :ns NAME · :wl NAME`, tone: 'muted' },
            ]}
            width={layout.width}
          />
        )}
        <Box height={body} flexDirection="column" flexShrink={0} overflow="hidden">
          {main}
        </Box>
        <Status
          state={state}
          proxies={proxies}
          workload={loaded}
          data={inWorkload ? data : undefined}
          kind={source.kind}
          now={now()}
          width={layout.width}
          refresh={refreshMarker({ every: refreshEvery, dueAt: refreshDue, now: now(), width: layout.width })}
        />
      </Box>
    </ThemeContext.Provider>
  );
}
