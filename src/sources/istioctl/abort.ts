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
