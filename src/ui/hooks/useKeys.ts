import { useInput, useStdin } from 'ink';
import { useCallback, useRef } from 'react';
import { type KeyPress, keyPresses } from '../keys.ts';

/**
 * Key presses, split from whatever chunk the terminal sent. Listens only where raw mode works
 * (`isRawModeSupported` is undefined on Node/Bun and false on Deno without a TTY), so a piped
 * stdin never crashes Ink. The latest handler is always used, without re-subscribing per render.
 */
export function useKeys(onKeys: (keys: KeyPress[]) => void): void {
  const { isRawModeSupported } = useStdin();
  const latest = useRef(onKeys);
  latest.current = onKeys;
  const handler = useCallback((input: string, key: Parameters<Parameters<typeof useInput>[0]>[1]) => {
    const keys = keyPresses(input, key);
    if (keys.length > 0) latest.current(keys);
  }, []);
  useInput(handler, { isActive: isRawModeSupported === true });
}
