/** The listener half of AbortSignal (Deno's checker loses it when React's global types are in the graph). */
interface AbortEvents {
  addEventListener(type: 'abort', listener: () => void, options?: { once?: boolean }): void;
  removeEventListener(type: 'abort', listener: () => void): void;
}

/** Calls `listener` once when `signal` aborts; returns the function that stops listening. */
export function onAbort(signal: AbortSignal | undefined, listener: () => void): () => void {
  if (!signal) return () => {};
  const events = signal as unknown as AbortEvents;
  events.addEventListener('abort', listener, { once: true });
  return () => events.removeEventListener('abort', listener);
}

/**
 * A signal that aborts when any of `signals` does: AbortSignal.any, which Node only has from
 * 20.3 (meshscope supports every Node 20).
 */
export function anySignal(signals: AbortSignal[]): AbortSignal {
  const controller = new AbortController();
  const aborted = signals.find((s) => s.aborted);
  if (aborted) {
    controller.abort(aborted.reason);
    return controller.signal;
  }
  const stops = signals.map((s) => onAbort(s, () => {
    controller.abort(s.reason);
    for (const stop of stops) stop();
  }));
  return controller.signal;
}
