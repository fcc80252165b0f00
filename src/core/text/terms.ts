/**
 * How a table filter reads a query: whitespace-separated terms, case-insensitive; a row matches
 * when every term matches one of its searchable cells: as a subsequence (fuzzy: `rvw` finds
 * `reviews`, the TUI's tables) or as a substring (meshtop, which filters addresses and zones,
 * where a subsequence would find `10.244.1.11` for `10.244.1.10`). A row's searchable cells are
 * one lower-cased string, cells joined by CELL_SEPARATOR, so a check is a few indexOf calls:
 * 40k-row tables filter within a frame.
 */

/** The query's terms, lower-cased. */
export function queryTerms(query: string): string[] {
  return query
    .toLowerCase()
    .split(/\s+/)
    .filter((t) => t !== '');
}

/** True when `term` is a subsequence of `text` (both lower-cased). */
export function isSubsequence(term: string, text: string): boolean {
  let at = 0;
  for (let i = 0; i < term.length; i++) {
    at = text.indexOf(term[i]!, at);
    if (at === -1) return false;
    at++;
  }
  return true;
}

/** Separates cells in a row's search text; never part of a term (terms split on whitespace). */
export const CELL_SEPARATOR = '\n';

/**
 * True when `term` is a subsequence of one cell of `text` (cells joined by CELL_SEPARATOR, all
 * lower-cased). Per cell, matching greedily from the cell's first occurrence of the term's first
 * character decides it, so each cell is tried at most once.
 */
export function inOneCell(term: string, text: string): boolean {
  const first = term[0]!;
  // One character is always within one cell: the separator is never typed into a term.
  if (term.length === 1) return text.indexOf(first) !== -1;
  let from = 0;
  for (;;) {
    const start = text.indexOf(first, from);
    if (start === -1) return false;
    let end = text.indexOf(CELL_SEPARATOR, start);
    if (end === -1) end = text.length;
    let at = start + 1;
    let i = 1;
    for (; i < term.length; i++) {
      at = text.indexOf(term[i]!, at);
      if (at === -1) return false;
      if (at >= end) break;
      at++;
    }
    if (i === term.length) return true;
    from = end + 1;
  }
}

/**
 * A 32-bit summary of which characters a (lower-cased) text holds: a–z, digits folded onto four
 * bits, `-` and `.`. A row whose mask lacks a bit a query needs cannot match, which rejects most
 * rows with two integer operations. Characters without a bit reject nothing (no false misses).
 */
export function charMask(text: string): number {
  let mask = 0;
  for (let i = 0; i < text.length; i++) mask |= charBit(text.charCodeAt(i));
  return mask;
}

function charBit(c: number): number {
  if (c >= 97 && c <= 122) return 1 << (c - 97);
  if (c >= 48 && c <= 57) return 1 << (26 + ((c - 48) & 3));
  if (c === 45) return 1 << 30;
  if (c === 46) return 1 << 31;
  return 0;
}

/** True when every term is a subsequence of at least one cell of the row's search text (fuzzy). */
export function rowMatches(terms: string[], text: string): boolean {
  for (let i = 0; i < terms.length; i++) if (!inOneCell(terms[i]!, text)) return false;
  return true;
}

/** True when `term` is a substring of one cell of `text` (cells joined by CELL_SEPARATOR). */
export function containsInOneCell(term: string, text: string): boolean {
  // Terms never hold the separator (they split on whitespace), so a hit never spans two cells.
  return text.includes(term);
}

/** True when every term is a substring of at least one cell of the row's search text. */
export function rowContains(terms: readonly string[], text: string): boolean {
  for (let i = 0; i < terms.length; i++) if (!containsInOneCell(terms[i]!, text)) return false;
  return true;
}
