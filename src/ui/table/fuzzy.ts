import fuzzysort from 'fuzzysort';
import { parseFilterQuery } from '../../core/text/filter-query.ts';
import { isSubsequence, queryTerms } from '../../core/text/terms.ts';

/**
 * The fuzzy filter's presentation: fuzzysort picks the characters to highlight (its best
 * alignment) and ranks matches where a table asks for ranking. Which rows match is decided by
 * core/text/terms.ts.
 */

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
  // `!text` rows do not hold the text, and a regex's match is not a fuzzy alignment: no marks.
  if (parseFilterQuery(query).kind !== 'fuzzy') return marks;
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
