import { useEffect, useState } from 'react';
import type { TopPoller, TopSnapshot } from '../../app/top-poller.ts';

/**
 * The poller's latest snapshot. Starts the poller when the screen mounts and stops it (cancelling
 * a running poll and its istioctl calls) when the screen goes away.
 */
export function useTopSnapshot(poller: TopPoller): TopSnapshot {
  const [snapshot, setSnapshot] = useState(poller.snapshot);
  useEffect(() => {
    const unsubscribe = poller.subscribe(setSnapshot);
    poller.start();
    return () => {
      unsubscribe();
      poller.stop();
    };
  }, [poller]);
  return snapshot;
}
