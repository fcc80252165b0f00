import { useApp } from 'ink';
import { useEffect } from 'react';

/**
 * Leaves Ink when `quit` turns true. The exit is deferred a tick: Bun hangs when the app
 * unmounts in the same tick as a render.
 */
export function useQuit(quit: boolean): void {
  const { exit } = useApp();
  useEffect(() => {
    if (!quit) return undefined;
    const timer = setImmediate(() => exit());
    return () => clearImmediate(timer);
  }, [quit, exit]);
}
