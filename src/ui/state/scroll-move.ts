import type { CommandId } from '../keymap.ts';

/**
 * Where a cursor or a scroll offset goes on a movement key: one line (up/down), a page, the top or
 * the end (`last`), kept within 0…last. Shared by the explain trace, the path's hops and a hop's trace.
 */
export function moveWithin(command: CommandId, at: number, page: number, last: number): number {
  const to =
    command === 'down'
      ? at + 1
      : command === 'up'
        ? at - 1
        : command === 'page-down'
          ? at + page
          : command === 'page-up'
            ? at - page
            : command === 'top'
              ? 0
              : last;
  return Math.max(0, Math.min(last, to));
}
