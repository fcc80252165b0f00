import { useEffect, useRef } from 'react';

/**
 * `--refresh 5s`: asks for fresh data every `ms` (k9s refreshes its views every 2s by default:
 * `--refresh` in derailed/k9s cmd/root.go initK9sFlags). A tick that comes while a fetch is
 * still running is skipped, so a slow istioctl is never aborted by the next tick (a new fetch
 * aborts the one in flight).
 */
export function useAutoRefresh(ms: number | undefined, busy: boolean, refresh: () => void): void {
  const latest = useRef({ busy, refresh });
  latest.current = { busy, refresh };
  useEffect(() => {
    if (ms === undefined) return undefined;
    const timer = setInterval(() => {
      if (!latest.current.busy) latest.current.refresh();
    }, ms);
    return () => clearInterval(timer);
  }, [ms]);
}
