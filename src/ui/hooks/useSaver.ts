import { useEffect, useRef } from 'react';
import type { SaveRequest } from '../state/app-state.ts';

/** Writes a file: returns where it went, or rejects with the reason. */
export type SaveFile = (file: string, text: string, overwrite: boolean) => Promise<string>;

/**
 * `:save [FILE]`: writes the text of what is on screen each time a new request arrives, then
 * reports the outcome through `onDone`. Outcomes arriving after unmount are dropped.
 */
export function useSaver(
  request: SaveRequest | null,
  makeText: () => { text: string; name: string } | undefined,
  save: SaveFile | undefined,
  onDone: (message: { tone: 'info' | 'error'; text: string }) => void,
): void {
  const latest = useRef({ makeText, onDone });
  latest.current = { makeText, onDone };
  useEffect(() => {
    if (request === null) return undefined;
    const made = latest.current.makeText();
    if (!made) {
      latest.current.onDone({ tone: 'error', text: 'nothing to save here yet' });
      return undefined;
    }
    if (!save) {
      latest.current.onDone({ tone: 'error', text: 'this session cannot write files' });
      return undefined;
    }
    let active = true;
    const lines = made.text.split('\n').length - 1;
    save(request.file ?? made.name, made.text, request.overwrite).then(
      (where) => active && latest.current.onDone({ tone: 'info', text: `saved ${lines} line${lines === 1 ? '' : 's'} to ${where}` }),
      (error: unknown) => active && latest.current.onDone({ tone: 'error', text: `not saved: ${error instanceof Error ? error.message : String(error)}` }),
    );
    return () => {
      active = false;
    };
  }, [request, save]);
}
