import fuzzysort from 'fuzzysort';

/**
 * Fuzzy matching for table filters. A query is whitespace-separated terms; a row matches when
 * every term is a case-insensitive subsequence of one of its searchable cells (`rvw` finds
 * `reviews`). The check runs indexOf over one string per row, so 40k-row tables filter within a frame;
 * fuzzysort picks the characters to highlight (its best alignment) and ranks matches where a
 * table asks for ranking.
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

/** True when every term is a subsequence of at least one cell of the row's search text. */
export function rowMatches(terms: string[], text: string): boolean {
  for (let i = 0; i < terms.length; i++) if (!inOneCell(terms[i]!, text)) return false;
  return true;
}

/** Greedy subsequence positions, when fuzzysort finds no alignment it likes. */
function greedyIndexes(term: string, lower: string): number[] {
  const out: number[] = [];
  let at = 0;
  for (const ch of term) {
    at = lower.indexOf(ch, at);
    if (at === -1) return [];
    out.push(at++);
  }
  return out;
}

/**
 * Which characters of each cell to highlight for a query: per term, the searchable cell where
 * fuzzysort scores it best. Returns a set of indexes per cell (undefined: none).
 */
export function highlightCells(query: string, cells: string[], searchable: boolean[]): (Set<number> | undefined)[] {
  const marks: (Set<number> | undefined)[] = cells.map(() => undefined);
  for (const term of queryTerms(query)) {
    let best: { cell: number; score: number; indexes: readonly number[] } | undefined;
    cells.forEach((cell, i) => {
      if (!searchable[i]) return;
      const result = fuzzysort.single(term, cell);
      if (result && (!best || result.score > best.score)) best = { cell: i, score: result.score, indexes: result.indexes };
      else if (!result && !best && isSubsequence(term, cell.toLowerCase())) best = { cell: i, score: -1, indexes: greedyIndexes(term, cell.toLowerCase()) };
    });
    if (best) {
      marks[best.cell] ??= new Set<number>();
      const set = marks[best.cell]!;
      for (const index of best.indexes) set.add(index);
    }
  }
  return marks;
}

/** fuzzysort's score of the best-matching cell for a query (0 when nothing matches well). */
export function matchScore(query: string, cells: string[], searchable: boolean[]): number {
  let total = 0;
  for (const term of queryTerms(query)) {
    let best = 0;
    cells.forEach((cell, i) => {
      if (searchable[i]) best = Math.max(best, fuzzysort.single(term, cell)?.score ?? 0);
    });
    total += best;
  }
  return total;
}
