import { matchScore, queryTerms, rowMatches } from './fuzzy.ts';
import type { TableModel } from './model.ts';

const CACHE_LIMIT = 32;

/**
 * Filters one table, remembering recent answers. Typing narrows: when a new query extends a
 * cached one, only that query's matches are searched again (a match of `revi` is a match of
 * `rev`), so each keystroke costs less than the last.
 */
export class FilterIndex {
  private readonly lowerCells: string[][];
  private readonly cache = new Map<string, number[]>();
  private readonly searchable: boolean[];
  private readonly all: number[];

  constructor(readonly model: TableModel) {
    this.searchable = model.columns.map((c) => c.search === true);
    this.all = model.rows.map((_, i) => i);
    // Lower-cased once, when the table is built, so no keystroke pays for it.
    this.lowerCells = model.rows.map((row) => row.cells.map((cell, c) => (this.searchable[c] ? cell.toLowerCase() : '')));
  }

  /** Row indexes matching the query, in row order (or best first when the table ranks). */
  matches(query: string): number[] {
    const key = queryTerms(query).join(' ');
    if (key === '') return this.all;
    const hit = this.cache.get(key);
    if (hit) return hit;
    let base = this.all;
    let baseKey = '';
    for (const [k, v] of this.cache) {
      if (key.startsWith(k) && k.length > baseKey.length) {
        base = v;
        baseKey = k;
      }
    }
    const terms = key.split(' ');
    const lower = this.lowerCells;
    let found = base.filter((i) => rowMatches(terms, lower[i]!));
    if (this.model.rankMatches) {
      const scores = new Map(found.map((i) => [i, matchScore(key, this.model.rows[i]!.cells, this.searchable)]));
      found = [...found].sort((a, b) => scores.get(b)! - scores.get(a)! || a - b);
    }
    if (this.cache.size >= CACHE_LIMIT) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(key, found);
    return found;
  }
}
