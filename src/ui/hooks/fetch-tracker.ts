import { onAbort } from '../../core/abort.ts';

/**
 * The fetches in flight right now, counted when a fetch starts and when it settles or is aborted
 * — not when React next renders. `--refresh` asks it at the moment its timer fires: a render that
 * has not happened yet (a slow terminal, a loaded machine) cannot make a running fetch look idle,
 * so an automatic refresh never starts a second fetch that aborts the first.
 */
export interface FetchTracker {
  inFlight: number;
}

export function newFetchTracker(): FetchTracker {
  return { inFlight: 0 };
}

/** Counts `work` as in flight until it settles or `signal` aborts, whichever comes first. */
export function track<T>(tracker: FetchTracker | undefined, signal: AbortSignal, work: Promise<T>): Promise<T> {
  if (tracker === undefined) return work;
  tracker.inFlight++;
  let done = false;
  let stop = () => {};
  const finish = () => {
    if (done) return;
    done = true;
    tracker.inFlight--;
    stop();
  };
  stop = onAbort(signal, finish);
  work.then(finish, finish);
  return work;
}
