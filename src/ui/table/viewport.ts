/**
 * Virtual scrolling, the one rule of the TUI's tables and meshtop: which row is first on screen
 * so that the cursor stays visible in a page of `page` rows, scrolling as little as possible and
 * never past the last page.
 */
export function firstRowInView(cursor: number, offset: number, count: number, page: number): number {
  const rows = Math.max(1, page);
  let first = Math.min(offset, Math.max(0, count - rows));
  if (cursor < first) first = cursor;
  if (cursor >= first + rows) first = cursor - rows + 1;
  return Math.max(0, first);
}

/** The cursor kept inside [0, count) (0 for no rows). */
export function clampCursor(cursor: number, count: number): number {
  return count === 0 ? 0 : Math.min(Math.max(0, cursor), count - 1);
}
