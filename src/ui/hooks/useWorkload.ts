import { useEffect, useRef, useState } from 'react';
import { findingsInBackground } from '../../app/background-findings.ts';
import { issuesInBackground } from '../../app/background-issues.ts';
import type { MeshSource, ProxySummary } from '../../app/mesh-source.ts';
import { loadWorkload, type Workload } from '../../app/workload.ts';
import type { Finding } from '../../core/findings/index.ts';
import { type FetchTracker, track } from './fetch-tracker.ts';

export interface WorkloadState {
  /** The last workload loaded for this proxy (kept, marked stale, when a refresh fails). */
  data: Workload | undefined;
  loading: boolean;
  /** What is being fetched, for the spinner. */
  progress: string;
  error: string | undefined;
  /**
   * `data`'s findings: counted in the background after the workload is shown (undefined until
   * then; `findingsDone` says how far, 0–1), so a large proxy's tables open without waiting.
   */
  findings: Finding[] | undefined;
  findingsDone: number;
  /** Why the findings could not be counted (a bug: the rest of the workload is still usable). */
  findingsError?: string;
  /** `data`'s load issues have been read in the background (the status line counts them then; app/background-issues.ts). */
  issuesCounted?: boolean;
}

const idle: WorkloadState = { data: undefined, loading: false, progress: '', error: undefined, findings: undefined, findingsDone: 0 };

/**
 * Loads the open workload (config dump, analyzer messages) when the proxy or `refresh` changes,
 * then reads its load issues and counts its findings in the background; aborts the work in flight
 * on change and on unmount.
 * A refresh keeps the previous data and its findings until the new ones are there.
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
    setState((s) => {
      const kept = s.data?.proxy === proxy;
      return {
        data: kept ? s.data : undefined,
        loading: true,
        progress: `fetching the config dump of ${proxy}`,
        error: undefined,
        findings: kept ? s.findings : undefined,
        findingsDone: kept ? s.findingsDone : 0,
        findingsError: kept ? s.findingsError : undefined,
      };
    });
    track(
      tracker,
      controller.signal,
      loadWorkload(source, proxy, {
        summary,
        fresh,
        signal: controller.signal,
        findings: 'later',
        onProgress: (progress) => {
          if (live()) setState((s) => ({ ...s, progress }));
        },
      }),
    ).then(
      (data) => {
        if (!live()) return;
        setState({ data, loading: false, progress: '', error: undefined, findings: undefined, findingsDone: 0 });
        // The load issues first (the status line's count, ~0.15 s on a large proxy), then the findings.
        const counted = (): void => {
          if (live()) setState((s) => (s.data === data ? { ...s, issuesCounted: true } : s));
        };
        const countFindings = (): void => {
          if (!live()) return;
          findingsInBackground(data.config, {
            signal: controller.signal,
            onProgress: (findingsDone) => {
              if (live()) setState((s) => (s.data === data ? { ...s, findingsDone } : s));
            },
          }).then(
            (findings) => {
              if (live()) setState((s) => (s.data === data ? { ...s, findings, findingsDone: 1 } : s));
            },
            // Aborted: the proxy changed or the UI closed. Anything else is a bug: the Findings tab says so.
            (error: unknown) => {
              const findingsError = error instanceof Error ? error.message : String(error);
              if (live()) setState((s) => (s.data === data ? { ...s, findings: [], findingsDone: 1, findingsError } : s));
            },
          );
        };
        // A failure reading the issues is a bug the Warnings view words when it reads them: not counted here.
        void issuesInBackground(data.config, { signal: controller.signal }).then(counted, counted).then(countFindings);
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
