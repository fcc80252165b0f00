import { compileRegex } from './regex.ts';
import { CELL_SEPARATOR, queryTerms } from './terms.ts';

/**
 * The three kinds of table filter query (issue 14: k9s habits), told apart by the first character:
 *
 * - plain text: fuzzy terms (terms.ts), as before;
 * - `!text`: rows where no searchable cell contains `text` (case-insensitive substring, spaces
 *   kept). k9s reads a leading `!` the same way: `IsInverseSelector` in derailed/k9s
 *   internal/helpers.go tests `\A\!` and inverts the whole filter;
 * - `~re` (and `!~re`, inverted): an RE2 regular expression found anywhere in one cell,
 *   case-insensitive. RE2 (re2js, regex.ts) matches in linear time, so no pattern can hang the
 *   table. k9s filters by Go regexp (also RE2 syntax) by default; here plain text stays fuzzy
 *   and the regex is asked for.
 *
 * A pattern RE2 rejects matches nothing and carries the RE2 error, which the filter line shows.
 */
export type FilterQuery =
  | { kind: 'fuzzy'; terms: string[] }
  | { kind: 'absent'; text: string }
  | { kind: 'regex'; invert: boolean; test: (cell: string) => boolean }
  | { kind: 'bad-regex'; invert: boolean; error: string };

export function parseFilterQuery(query: string): FilterQuery {
  const trimmed = query.trim();
  const invert = trimmed.startsWith('!');
  const rest = invert ? trimmed.slice(1) : trimmed;
  if (rest.startsWith('~')) {
    const pattern = rest.slice(1);
    if (pattern === '') return { kind: 'fuzzy', terms: [] };
    const compiled = compileRegex(`(?i)${pattern}`);
    if (!compiled.ok) return { kind: 'bad-regex', invert, error: compiled.error };
    return { kind: 'regex', invert, test: (cell) => compiled.re.test(cell) };
  }
  if (invert) return rest.trim() === '' ? { kind: 'fuzzy', terms: [] } : { kind: 'absent', text: rest.trim().toLowerCase() };
  return { kind: 'fuzzy', terms: queryTerms(query) };
}

/**
 * True when a row's search text (lower-cased cells joined by CELL_SEPARATOR) passes an `absent`
 * or regex query. Cells are tested one at a time, so `^` and `$` are a cell's ends.
 */
export function rowPasses(query: Exclude<FilterQuery, { kind: 'fuzzy' }>, text: string): boolean {
  switch (query.kind) {
    case 'absent':
      return !text.includes(query.text);
    case 'bad-regex':
      return false;
    case 'regex': {
      const hit = text.split(CELL_SEPARATOR).some(query.test);
      return hit !== query.invert;
    }
  }
}

/** Why a query filters nothing in (an invalid regex), for the filter line. */
export function filterQueryError(query: string): string | undefined {
  const parsed = parseFilterQuery(query);
  return parsed.kind === 'bad-regex' ? `regex: ${parsed.error}` : undefined;
}
