import type { TextField } from '../state/text-field.ts';
import { cellWidth, charWidth, clip } from '../text.ts';
import type { Tone } from '../theme.ts';
import type { Line } from '../views/lines.ts';

export interface FieldLook {
  focused: boolean;
  /** Cells the field may take; undefined: as wide as its text. */
  width?: number;
  placeholder?: string;
  placeholderTone?: Tone;
}

/**
 * A one-line text field as segments: the value with its cursor as an inverse cell when focused,
 * scrolled horizontally so the cursor is always on screen (`…` marks text cut on either side),
 * the way readline and k9s's prompt scroll a long line. Pure.
 */
export function fieldLine(field: TextField, look: FieldLook): Line {
  const width = look.width ?? Number.POSITIVE_INFINITY;
  const muted: Tone = look.placeholderTone ?? 'muted';
  if (!look.focused) {
    if (field.value === '') return look.placeholder ? [{ text: clip(look.placeholder, width), tone: muted }] : [];
    return [{ text: clip(field.value, width) }];
  }
  const chars = [...field.value];
  const at = [...field.value.slice(0, field.cursor)].length;
  const cursorChar = chars[at] ?? ' ';
  if (field.value === '') {
    const rest = look.placeholder ? clip(look.placeholder, width - 1) : '';
    return [{ text: ' ', inverse: true }, ...(rest ? [{ text: rest, tone: muted }] : [])];
  }
  if (cellWidth(field.value) + (at === chars.length ? 1 : 0) <= width) {
    return [{ text: chars.slice(0, at).join('') }, { text: cursorChar, inverse: true }, { text: chars.slice(at + 1).join('') }];
  }
  // Room left of the cursor: the cursor cell, a `…` on the right when text follows it.
  const after = at < chars.length - 1;
  const room = width - charWidth(cursorChar) - (after ? 1 : 0);
  let start = at;
  let used = 0;
  while (start > 0) {
    const w = charWidth(chars[start - 1]!);
    const mark = start - 1 > 0 ? 1 : 0;
    if (used + w + mark > room) break;
    used += w;
    start--;
  }
  const left = start > 0 ? '…' : '';
  let end = at + 1;
  let cells = cellWidth(left) + used + charWidth(cursorChar);
  while (end < chars.length) {
    const w = charWidth(chars[end]!);
    const mark = end + 1 < chars.length ? 1 : 0;
    if (cells + w + mark > width) break;
    cells += w;
    end++;
  }
  const right = end < chars.length ? '…' : '';
  if (cellWidth(left) + used + charWidth(cursorChar) + cellWidth(right) > width) {
    // Too narrow for the marks: the cursor cell alone.
    return [{ text: cursorChar, inverse: true }];
  }
  return [
    ...(left ? [{ text: left, tone: muted }] : []),
    { text: chars.slice(start, at).join('') },
    { text: cursorChar, inverse: true },
    { text: chars.slice(at + 1, end).join('') },
    ...(right ? [{ text: right, tone: muted }] : []),
  ];
}
