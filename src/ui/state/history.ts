/**
 * The explain panel's request history, newest last, browsed with up/down like a shell: up
 * recalls older lines, down newer ones and finally the line being typed (the draft).
 */
export interface History {
  entries: string[];
  /** Index into entries while browsing; null when editing the draft. */
  at: number | null;
  draft: string;
}

export const emptyHistory: History = { entries: [], at: null, draft: '' };

const LIMIT = 100;

/** Records a submitted line (no consecutive duplicates) and stops browsing. */
export function remember(history: History, line: string): History {
  const entries = history.entries[history.entries.length - 1] === line ? history.entries : [...history.entries, line].slice(-LIMIT);
  return { entries, at: null, draft: '' };
}

/** Up (-1) or down (+1) through the history; returns the new state and the line to show. */
export function browse(history: History, direction: -1 | 1, current: string): { history: History; line: string } {
  const { entries, at } = history;
  if (entries.length === 0) return { history, line: current };
  if (direction === -1) {
    const next = at === null ? entries.length - 1 : Math.max(0, at - 1);
    return { history: { entries, at: next, draft: at === null ? current : history.draft }, line: entries[next]! };
  }
  if (at === null) return { history, line: current };
  if (at + 1 >= entries.length) return { history: { entries, at: null, draft: '' }, line: history.draft };
  return { history: { ...history, at: at + 1 }, line: entries[at + 1]! };
}
