/** A one-line text input (filter, `:` command, request line): its value and cursor. Pure. */
export interface TextField {
  value: string;
  /** Cursor position in code units, 0..value.length. */
  cursor: number;
}

export type TextEdit =
  | { type: 'insert'; text: string }
  | { type: 'backspace' }
  | { type: 'delete' }
  | { type: 'left' }
  | { type: 'right' }
  | { type: 'home' }
  | { type: 'end' }
  | { type: 'delete-word' }
  | { type: 'clear' }
  | { type: 'set'; value: string };

export const emptyField: TextField = { value: '', cursor: 0 };

export function field(value: string): TextField {
  return { value, cursor: value.length };
}

export function editField(f: TextField, edit: TextEdit): TextField {
  const { value, cursor } = f;
  switch (edit.type) {
    case 'insert':
      return { value: value.slice(0, cursor) + edit.text + value.slice(cursor), cursor: cursor + edit.text.length };
    case 'backspace':
      return cursor === 0 ? f : { value: value.slice(0, cursor - 1) + value.slice(cursor), cursor: cursor - 1 };
    case 'delete':
      return cursor >= value.length ? f : { value: value.slice(0, cursor) + value.slice(cursor + 1), cursor };
    case 'left':
      return { value, cursor: Math.max(0, cursor - 1) };
    case 'right':
      return { value, cursor: Math.min(value.length, cursor + 1) };
    case 'home':
      return { value, cursor: 0 };
    case 'end':
      return { value, cursor: value.length };
    case 'delete-word': {
      const before = value.slice(0, cursor).replace(/\S+\s*$/, '');
      return { value: before + value.slice(cursor), cursor: before.length };
    }
    case 'clear':
      return emptyField;
    case 'set':
      return field(edit.value);
  }
}
