import { useEffect, useRef } from 'react';
import { type ExplainNote, type NoteSink, saveExplainNote } from '../../app/explain-note.ts';

/**
 * Writes the explain note each time `request` goes up (the `w` key), then reports the outcome
 * through `onDone`. Outcomes arriving after unmount are dropped.
 */
export function useNoteWriter(
  request: number,
  makeNote: () => ExplainNote | undefined,
  sink: NoteSink | undefined,
  onDone: (message: { tone: 'info' | 'error'; text: string }) => void,
): void {
  const latest = useRef({ makeNote, onDone });
  latest.current = { makeNote, onDone };
  useEffect(() => {
    if (request === 0) return undefined;
    let active = true;
    const note = latest.current.makeNote();
    if (!note) return undefined;
    if (!sink) {
      latest.current.onDone({ tone: 'error', text: 'this session cannot write notes; use `meshscope explain … -o markdown`' });
      return undefined;
    }
    saveExplainNote(note, sink).then(
      (text) => active && latest.current.onDone({ tone: 'info', text }),
      (error: unknown) =>
        active && latest.current.onDone({ tone: 'error', text: `note not written: ${error instanceof Error ? error.message : String(error)}` }),
    );
    return () => {
      active = false;
    };
  }, [request, sink]);
}
