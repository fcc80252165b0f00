import { useEffect, useRef, useState } from 'react';
import type { MeshSource, ProxySummary } from '../../app/mesh-source.ts';
import { loadWorkload, type Workload } from '../../app/workload.ts';
import { type FetchTracker, track } from './fetch-tracker.ts';

export interface WorkloadState {
  /** The last workload loaded for this proxy (kept, marked stale, when a refresh fails). */
  data: Workload | undefined;
  loading: boolean;
  /** What is being fetched, for the spinner. */
  progress: string;
  error: string | undefined;
}

const idle: WorkloadState = { data: undefined, loading: false, progress: '', error: undefined };

/**
 * Loads the open workload (config dump, analyzer messages, findings) when the proxy or `refresh`
 * changes; aborts the load in flight on change and on unmount.
 */
export function useWorkload(
  source: MeshSource,
  proxy: string | null,
  summary: ProxySummary | undefined,
  refresh: number,
  tracker?: FetchTracker,
): WorkloadState {
  const [state, setState] = useState<WorkloadState>(idle);
  const last = useRef<{ proxy: string | null; refresh: number }>({ proxy: null, refresh });
  // biome-ignore lint/correctness/useExhaustiveDependencies: `summary` only adds labels (a new proxy list must not reload the workload); a new `refresh` is a reload
  useEffect(() => {
    // A refresh of the same proxy bypasses the source's cache; opening a proxy may use it.
    const fresh = last.current.proxy === proxy && last.current.refresh !== refresh;
    last.current = { proxy, refresh };
    if (proxy === null) {
      setState(idle);
      return undefined;
    }
    const controller = new AbortController();
    const live = () => !controller.signal.aborted;
    setState((s) => ({
      data: s.data?.proxy === proxy ? s.data : undefined,
      loading: true,
      progress: `fetching the config dump of ${proxy}`,
      error: undefined,
    }));
    track(
      tracker,
      controller.signal,
      loadWorkload(source, proxy, {
        summary,
        fresh,
        signal: controller.signal,
        onProgress: (progress) => {
          if (live()) setState((s) => ({ ...s, progress }));
        },
      }),
    ).then(
      (data) => {
        if (live()) setState({ data, loading: false, progress: '', error: undefined });
      },
      (error: unknown) => {
        if (live()) setState((s) => ({ ...s, loading: false, progress: '', error: error instanceof Error ? error.message : String(error) }));
      },
    );
    return () => controller.abort();
  }, [source, proxy, refresh, tracker]);
  // A fetch this render asks for is loading already, before its effect runs: an auto-refresh
  // deciding in the same render must see it busy (else it could start a second fetch that
  // aborts this one, as a slow render let a 50 ms refresh interval do).
  const pending = proxy !== null && (last.current.proxy !== proxy || last.current.refresh !== refresh);
  return pending && !state.loading ? { ...state, loading: true } : state;
}
