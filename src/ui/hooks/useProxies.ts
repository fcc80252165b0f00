import { useEffect, useRef, useState } from 'react';
import { listedAt } from '../../app/data-age.ts';
import type { MeshSource, ProxySummary } from '../../app/mesh-source.ts';
import { type FetchTracker, track } from './fetch-tracker.ts';

export interface ProxiesState {
  proxies: ProxySummary[] | undefined;
  loading: boolean;
  error: string | undefined;
  fetchedAt: number | undefined;
}

/**
 * The source's proxy list, fetched again when `refresh` changes. A fetch in flight is aborted
 * when a newer one starts or the TUI closes; a failed refresh keeps the previous list.
 */
export function useProxies(source: MeshSource, refresh: number, now: () => number, tracker?: FetchTracker): ProxiesState {
  const [state, setState] = useState<ProxiesState>({ proxies: undefined, loading: true, error: undefined, fetchedAt: undefined });
  const clock = useRef(now);
  clock.current = now;
  const asked = useRef<{ source: MeshSource; refresh: number } | undefined>(undefined);
  useEffect(() => {
    asked.current = { source, refresh };
    const controller = new AbortController();
    setState((s) => ({ ...s, loading: true }));
    track(tracker, controller.signal, source.listProxies(controller.signal)).then(
      (proxies) => {
        if (!controller.signal.aborted) setState({ proxies, loading: false, error: undefined, fetchedAt: listedAt(source, clock.current()) });
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setState((s) => ({ ...s, loading: false, error: error instanceof Error ? error.message : String(error) }));
      },
    );
    return () => controller.abort();
  }, [source, refresh, tracker]);
  // As useWorkload: a list this render asks for counts as loading before its effect runs.
  const pending = asked.current === undefined || asked.current.source !== source || asked.current.refresh !== refresh;
  return pending && !state.loading ? { ...state, loading: true } : state;
}
