/**
 * The ranges of one scan shared by two threads (parallel-scan.ts): the worker takes them from the
 * front while the other thread parses, and that one takes what is left from the back once it is
 * done, so neither waits while the other has work it could take. Both ends sit in one 32-bit word
 * of shared memory (the front in the low 16 bits, the back in the high 16), and each claim is one
 * compare-and-swap on it, so a range is taken exactly once.
 */

/** The most ranges one board holds (16 bits an end); a dump has a dozen sections. */
export const MAX_CLAIMED_RANGES = 0xffff;

/** A board for `count` ranges (at most MAX_CLAIMED_RANGES), none taken. */
export function claimBoard(count: number): Int32Array {
  const board = new Int32Array(new SharedArrayBuffer(4));
  board[0] = count << 16;
  return board;
}

/** One range nobody took, now taken: the first (`front`) or the last; undefined when none is left. */
function claim(board: Int32Array, front: boolean): number | undefined {
  for (;;) {
    const word = Atomics.load(board, 0);
    const first = word & 0xffff;
    const end = word >>> 16;
    if (first >= end) return undefined;
    const next = front ? (end << 16) | (first + 1) : ((end - 1) << 16) | first;
    if (Atomics.compareExchange(board, 0, word, next) === word) return front ? first : end - 1;
  }
}

/** The first range nobody took, now taken; undefined when none is left. */
export function claimFront(board: Int32Array): number | undefined {
  return claim(board, true);
}

/** The last range nobody took, now taken; undefined when none is left. */
export function claimBack(board: Int32Array): number | undefined {
  return claim(board, false);
}
