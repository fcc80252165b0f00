import fuzzysort from 'fuzzysort';

/**
 * Fuzzy matching for table filters. A query is whitespace-separated terms; a row matches when
 * every term is a case-insensitive subsequence of one of its searchable cells (`rvw` finds
 * `reviews`). The check is a tight indexOf loop so 40k-row tables filter within a frame;
 * fuzzysort picks the characters to highlight (its best alignment) and ranks matches where a
 * table asks for ranking.
 */

/** The query's terms, lower-cased. */
export function queryTerms(query: string): string[] {
  return query.toLowerCase().split(/\s+/).filter((t) => t !== '');
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

/** True when every term is a subsequence of at least one of the cells. */
export function rowMatches(terms: string[], lowerCells: string[]): boolean {
  for (const term of terms) {
    let found = false;
    for (const cell of lowerCells) {
      if (cell.length >= term.length && isSubsequence(term, cell)) {
        found = true;
        break;
      }
    }
    if (!found) return false;
  }
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
      const set = (marks[best.cell] ??= new Set<number>());
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
