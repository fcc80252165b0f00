import { filterQueryError } from '../../core/text/filter-query.ts';
import type { TextField } from '../state/text-field.ts';
import { lineWidth } from '../views/lines.ts';
import { fieldLine } from './field-window.ts';
import { OneLine } from './OneLine.tsx';

/** The `/` filter line of a table: the query (scrolled to keep the cursor visible), how many rows match, and the keys that apply. */
export function FilterInput({
  field,
  focused,
  matches,
  total,
  noun,
  width,
}: {
  field: TextField;
  focused: boolean;
  matches: number;
  total: number;
  noun: string;
  width: number;
}) {
  // A regex RE2 refuses (`/~re`) says why in place of the count (filter-query.ts).
  const error = filterQueryError(field.value);
  const count = error ?? (field.value === '' ? `${total} ${noun}` : `${matches} of ${total} ${noun}`);
  const tail = [{ text: `  ${count}${focused ? '  (Enter keeps, Esc clears)' : ''}`, tone: error ? ('bad' as const) : ('muted' as const) }];
  // The query gets what the count leaves, but never less than half the row.
  const room = Math.max(Math.floor(width / 2), width - 1 - lineWidth(tail));
  const query = fieldLine(field, { focused, width: room, placeholder: focused ? ' type to filter' : '' });
  return <OneLine line={[{ text: '/', tone: 'key' }, ...query, ...tail]} width={width} />;
}
