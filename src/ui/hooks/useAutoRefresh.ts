import { useEffect, useRef, useState } from 'react';
import type { FetchTracker } from './fetch-tracker.ts';

/**
 * `--refresh 5s`: fresh data every `ms` (k9s refreshes its views every 2s by default: `--refresh`
 * in derailed/k9s cmd/root.go initK9sFlags). The wait starts when the data is in (nothing being
 * fetched) and stops when a fetch starts, so a slow istioctl is never aborted by the next
 * refresh (a new fetch aborts the one in flight) and a refresh never piles up behind another.
 * `generation` is the count of refreshes asked for. Returns when the next refresh is due (by
 * `now`), undefined while a fetch runs or without `--refresh`, for the status line's marker.
 */
export function useAutoRefresh(
  ms: number | undefined,
  busy: boolean,
  generation: number,
  refresh: () => void,
  now: () => number = Date.now,
  tracker?: FetchTracker,
): number | undefined {
  const latest = useRef(refresh);
  latest.current = refresh;
  const clock = useRef(now);
  clock.current = now;
  const [dueAt, setDueAt] = useState<number | undefined>(undefined);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new `generation` (a refresh asked for) restarts the wait even when its fetch was too quick to show as busy
  useEffect(() => {
    if (ms === undefined || busy) {
      setDueAt(undefined);
      return undefined;
    }
    setDueAt(clock.current() + ms);
    const timer = setTimeout(() => {
      // A fetch that started after this render (its busy render not yet drawn) is still running:
      // skip; the wait restarts when that fetch is done and the render says so.
      if ((tracker?.inFlight ?? 0) > 0) return;
      latest.current();
    }, ms);
    return () => clearTimeout(timer);
  }, [ms, busy, generation, tracker]);
  return dueAt;
}
