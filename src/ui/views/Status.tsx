import { Text } from 'ink';
import type { ReactNode } from 'react';
import { dataAge } from '../../app/data-age.ts';
import type { MeshSource } from '../../app/mesh-source.ts';
import type { Workload } from '../../app/workload.ts';
import { changesAnswer } from '../../core/envoy/issue-kinds.ts';
import { isBuilt } from '../../core/envoy/lazy.ts';
import { Spinner } from '../components/Spinner.tsx';
import type { ProxiesState } from '../hooks/useProxies.ts';
import type { WorkloadState } from '../hooks/useWorkload.ts';
import type { AppState } from '../state/app-state.ts';
import { clean } from '../text.ts';
import { useTheme } from '../theme.ts';
import { CommandBar } from './CommandBar.tsx';
import { StatusLine, statusParts } from './StatusLine.tsx';

export interface StatusProps {
  state: AppState;
  proxies: ProxiesState;
  workload: WorkloadState;
  /** The workload on screen, if the screen shows one. */
  data: Workload | undefined;
  kind: MeshSource['kind'];
  now: number;
  width: number;
  /** The `--refresh` marker (refresh-marker.ts), or ''. */
  refresh?: string;
}

/**
 * The status line's content, most urgent first: the command line, a message, a fetch in
 * progress, an error with its remedy (data kept and marked stale), else the main keys.
 */
export function Status({ state, proxies, workload, data, kind, now, width, refresh = '' }: StatusProps) {
  const theme = useTheme();
  const fetchedAt = data ? data.fetchedAt : proxies.fetchedAt;
  const error = data ? workload.error : proxies.error;
  const age = fetchedAt === undefined ? undefined : dataAge(fetchedAt, now, kind);
  const stale = (age?.stale ?? false) || (error !== undefined && fetchedAt !== undefined);
  // Counted once the background has read the dump's parts (useWorkload): the first frame does not wait for them.
  const counted = data && (workload.issuesCounted === true || isBuilt(data.config.issues));
  const notInterpreted = !data ? 0 : counted ? data.config.issues.value.filter(changesAnswer).length : 'checking';
  const room = statusParts({ age: age?.phrase, stale, width, notInterpreted, refresh }).left;
  let left: ReactNode;
  if (state.mode === 'command') left = <CommandBar field={state.command} width={room} />;
  else if (state.message)
    left = (
      <Text {...theme.tone(state.message.tone === 'error' ? 'bad' : 'accent')} wrap="truncate-end">
        {clean(state.message.text)}
      </Text>
    );
  else if (data ? workload.loading : proxies.loading)
    left = <Spinner label={(data && workload.progress) || (data ? 'refreshing' : 'fetching the proxy list')} />;
  else if (error && fetchedAt !== undefined)
    left = <Text {...theme.tone('bad')} wrap="truncate-end">{`refresh failed, showing older data: ${clean(error)} (r retries)`}</Text>;
  else if (error) left = <Text {...theme.tone('bad')} wrap="truncate-end">{`error: ${clean(error)}`}</Text>;
  else
    left = (
      <Text {...theme.tone('muted')} wrap="truncate-end">
        ? help · / filter · : command · Enter open · Esc back · e explain · r refresh · q quit
      </Text>
    );
  return (
    <StatusLine age={age?.phrase} stale={stale} width={width} notInterpreted={notInterpreted} refresh={refresh}>
      {left}
    </StatusLine>
  );
}
