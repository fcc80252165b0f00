import process from 'node:process';

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/**
 * Runs `work` so that Ctrl-C, SIGTERM or SIGHUP stop it cleanly: the signal aborts `work`'s
 * AbortSignal (which stops the istioctl processes it started), and once `work` has settled the
 * same signal is raised again with the default handler, so meshscope ends as an interrupted
 * process would (exit 130 for Ctrl-C) and leaves no child behind.
 */
export async function withInterrupt<T>(work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  let received: (typeof SIGNALS)[number] | undefined;
  const handlers = SIGNALS.map((name) => {
    const handler = (): void => {
      received ??= name;
      controller.abort();
    };
    process.on(name, handler);
    return [name, handler] as const;
  });
  const detach = (): void => {
    for (const [name, handler] of handlers) process.off(name, handler);
  };
  try {
    return await work(controller.signal);
  } finally {
    detach();
    if (received !== undefined) process.kill(process.pid, received);
  }
}
