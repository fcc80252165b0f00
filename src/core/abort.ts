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

type WithAny = { any?: (signals: AbortSignal[]) => AbortSignal };

/**
 * A signal that aborts when any of `signals` does. The runtime's AbortSignal.any where it exists
 * (Node ≥ 20.3, Bun, Deno: it holds its sources weakly, so long-lived signals collect no
 * listeners); a listener-based stand-in on Node 20.0–20.2.
 */
export function anySignal(signals: AbortSignal[]): AbortSignal {
  const native = (AbortSignal as unknown as WithAny).any;
  if (typeof native === 'function') return native.call(AbortSignal, signals);
  const controller = new AbortController();
  const aborted = signals.find((s) => s.aborted);
  if (aborted) {
    controller.abort(aborted.reason);
    return controller.signal;
  }
  const stops = signals.map((s) =>
    onAbort(s, () => {
      controller.abort(s.reason);
      for (const stop of stops) stop();
    }),
  );
  return controller.signal;
}
