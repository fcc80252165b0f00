import { parseFilterQuery, rowPasses } from '../../core/text/filter-query.ts';
import { CELL_SEPARATOR, charMask, rowMatches } from '../../core/text/terms.ts';
import { matchScore } from './fuzzy.ts';
import type { TableModel } from './model.ts';
import { sortRows, type TableSort } from './sort.ts';

const CACHE_LIMIT = 32;

/**
 * Filters one table, remembering recent answers. Typing narrows: when a new query extends a
 * cached one, only that query's matches are searched again (a match of `revi` is a match of
 * `rev`), so each keystroke costs less than the last.
 */
export class FilterIndex {
  /** Per row: its searchable cells, lower-cased, joined by CELL_SEPARATOR. */
  private readonly text: string[];
  /** Per row: charMask of its search text (a cheap first rejection). */
  private readonly masks: Int32Array;
  private readonly cache = new Map<string, number[]>();
  private readonly searchable: boolean[];
  private readonly all: number[];

  constructor(readonly model: TableModel) {
    this.searchable = model.columns.map((c) => c.search === true);
    this.all = model.rows.map((_, i) => i);
    // Lower-cased once, when the table is built, so no keystroke pays for it.
    const columns = this.searchable.flatMap((on, c) => (on ? [c] : []));
    this.text = model.rows.map((row) =>
      columns
        .map((c) => row.cells[c] ?? '')
        .join(CELL_SEPARATOR)
        .toLowerCase(),
    );
    this.masks = Int32Array.from(this.text, charMask);
  }

  private readonly sorted = new Map<string, number[]>();

  /**
   * Row indexes matching the query, in row order (or best first when the table ranks), or by a
   * column when `sort` is given.
   */
  matches(query: string, sort?: TableSort): number[] {
    if (!sort) return this.filtered(query);
    const key = `${sort.column}${sort.desc ? '-' : '+'}\u0000${query}`;
    const hit = this.sorted.get(key);
    if (hit) return hit;
    const found = sortRows(this.model.rows, this.filtered(query), sort);
    if (this.sorted.size >= 4) this.sorted.clear();
    this.sorted.set(key, found);
    return found;
  }

  private filtered(query: string): number[] {
    const parsed = parseFilterQuery(query);
    if (parsed.kind !== 'fuzzy') {
      // `!text`, `~re`: one pass over every row, cached under the raw query (a regex is case-sensitive text).
      const raw = `\u0000${query.trim()}`;
      const hit = this.cache.get(raw);
      if (hit) return hit;
      const found = this.all.filter((row) => rowPasses(parsed, this.text[row]!));
      this.remember(raw, found);
      return found;
    }
    const key = parsed.terms.join(' ');
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
    // Rows of the base already satisfy its terms; when only the last term grew (or is new), only it needs checking.
    const baseTerms = baseKey === '' ? [] : baseKey.split(' ');
    const settled =
      baseTerms.length > 0 &&
      baseTerms.slice(0, -1).every((t, i) => t === terms[i]) &&
      (baseTerms.length === terms.length
        ? terms[terms.length - 1]!.startsWith(baseTerms[baseTerms.length - 1]!)
        : baseTerms.length === terms.length - 1 && baseTerms[baseTerms.length - 1] === terms[baseTerms.length - 1]);
    const check = settled ? [terms[terms.length - 1]!] : terms;
    const text = this.text;
    const masks = this.masks;
    const need = charMask(check.join(''));
    let found: number[] = [];
    for (let k = 0; k < base.length; k++) {
      const row = base[k]!;
      if ((masks[row]! & need) === need && rowMatches(check, text[row]!)) found.push(row);
    }
    if (this.model.rankMatches) {
      const scores = new Map(found.map((i) => [i, matchScore(key, this.model.rows[i]!.cells, this.searchable)]));
      found = [...found].sort((a, b) => scores.get(b)! - scores.get(a)! || a - b);
    }
    this.remember(key, found);
    return found;
  }

  private remember(key: string, found: number[]): void {
    if (this.cache.size >= CACHE_LIMIT) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(key, found);
  }
}
