import type { Tone } from '../theme.ts';

/** Pre-laid-out text for scrollable panels: lines of toned segments. */
export interface Segment {
  text: string;
  tone?: Tone;
}
export type Line = Segment[];

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
  const pad = ' '.repeat(labelWidth);
  return wrap(text, Math.max(10, width - labelWidth)).map((part, i) => [
    { text: i === 0 ? label.padEnd(labelWidth) : pad, tone: labelTone },
    { text: part, tone },
  ]);
}
