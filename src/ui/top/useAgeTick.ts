import { useEffect, useState } from 'react';

/**
 * Re-renders the screen so the sample's age stays true, but only when it matters: while samples
 * arrive on time every poll redraws anyway, so the clock ticks (every second) only once the last
 * sample is older than 1.5 intervals — a slow or failing istioctl, or a pause. Each frame costs
 * meshtop CPU; a second-by-second age on a healthy screen would double them.
 */
export function useAgeTick(sampledAt: number | undefined, intervalMs: number, now: () => number): void {
  const [, setTick] = useState(0);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const schedule = (): void => {
      const staleAt = (sampledAt ?? now()) + intervalMs * 1.5;
      timer = setTimeout(
        () => {
          setTick((t) => t + 1);
          schedule();
        },
        Math.max(1000, staleAt - now()),
      );
    };
    schedule();
    return () => clearTimeout(timer);
  }, [sampledAt, intervalMs, now]);
}
