import { cellWidth, charWidth } from '../text.ts';
import type { Tone } from '../theme.ts';

/** Pre-laid-out text for scrollable panels: lines of toned segments. */
export interface Segment {
  text: string;
  tone?: Tone;
  /** Drawn inverse (a text field's cursor). */
  inverse?: boolean;
  /** Drawn as the theme's selection (the current tab). */
  selected?: boolean;
}
export type Line = Segment[];

/** Cells a line takes on the terminal. */
export function lineWidth(line: Line): number {
  return line.reduce((n, s) => n + cellWidth(s.text), 0);
}

/**
 * Cuts a line to at most `width` cells, ending with `…` (in the tone of the segment it cuts) when
 * anything is left out: a single-row element never wraps, so it never pushes the rows below it.
 */
export function fitLine(line: Line, width: number): Line {
  if (width <= 0) return [];
  if (lineWidth(line) <= width) return line;
  const out: Line = [];
  let cells = 0;
  for (const s of line) {
    let text = '';
    for (const ch of s.text) {
      const w = charWidth(ch);
      if (cells + w > width - 1) {
        out.push({ ...s, text: `${text}…` });
        return out;
      }
      text += ch;
      cells += w;
    }
    out.push({ ...s, text });
  }
  return out;
}

/** `left` cut to `width - cellWidth(right) - 1` cells, padded, then `right` flush with the edge. */
export function spread(left: Line, right: Line, width: number): Line {
  const room = width - lineWidth(right) - 1;
  if (room < 1) return fitLine(left, width);
  const shown = fitLine(left, room);
  return [...shown, { text: ' '.repeat(width - lineWidth(shown) - lineWidth(right)) }, ...right];
}

/** Splits text into lines of at most `width` cells, at spaces where possible. */
export function wrap(text: string, width: number): string[] {
  if (width <= 0) return [text];
  const out: string[] = [];
  let rest = text;
  while ([...rest].length > width) {
    const chars = [...rest];
    const head = chars.slice(0, width + 1).join('');
    let cut = head.lastIndexOf(' ');
    if (cut <= width / 3) cut = width;
    out.push(chars.slice(0, cut).join('').trimEnd());
    rest = chars.slice(cut).join('').trimStart();
  }
  out.push(rest);
  return out;
}

/** `label  text` with text wrapped under itself (a hanging indent). */
export function labelled(label: string, labelWidth: number, text: string, width: number, tone?: Tone, labelTone: Tone = 'muted'): Line[] {
  if (cellWidth(label) > labelWidth || width - labelWidth < 10) {
    // A label wider than its column (or no room beside it) gets its own line, the text indented below.
    const indent = width - labelWidth >= 10 ? labelWidth : Math.min(4, labelWidth, Math.max(0, width - 10));
    return [[{ text: label.trimEnd(), tone: labelTone }], ...wrap(text, width - indent).map((part) => [{ text: ' '.repeat(indent) }, { text: part, tone }])];
  }
  const pad = ' '.repeat(labelWidth);
  return wrap(text, Math.max(10, width - labelWidth)).map((part, i) => [
    { text: i === 0 ? label.padEnd(labelWidth) : pad, tone: labelTone },
    { text: part, tone },
  ]);
}
