/** A macrotask: lets input, timers and rendering run between two slices. */
const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export interface SliceOptions {
  signal?: AbortSignal;
  /** The longest stretch of work between two yields to the event loop (default 12 ms). */
  sliceMs?: number;
}

/**
 * Runs `steps` to its end in slices of about `sliceMs`, the event loop free in between (a
 * terminal UI stays responsive), after a first yield (the frame in hand is drawn first); `onSlice`
 * hears the last step's value after each slice. Resolves to the iterator's return value; rejects
 * with the signal's reason when aborted.
 */
export async function runInSlices<P, R>(steps: Iterator<P, R>, options: SliceOptions & { onSlice?: (progress: P) => void } = {}): Promise<R> {
  const { signal, sliceMs = 12, onSlice } = options;
  await nextTask();
  signal?.throwIfAborted();
  for (;;) {
    const sliceStart = performance.now();
    let step: IteratorResult<P, R>;
    do step = steps.next();
    while (!step.done && performance.now() - sliceStart < sliceMs);
    if (step.done) return step.value;
    onSlice?.(step.value);
    await nextTask();
    signal?.throwIfAborted();
  }
}
