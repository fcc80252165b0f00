import { fit } from '../text.ts';

/** One cell of a table line (a header title or a row's cell): its text, its column's width (0: hidden) and alignment. */
export interface LineCell {
  text: string;
  width: number;
  align?: 'left' | 'right';
}

/** A table line: each shown column's text fitted to its width, `gap` spaces apart. */
export function cellsLine(cells: readonly LineCell[], gap: number): string {
  const parts: string[] = [];
  for (const c of cells) if (c.width > 0) parts.push(fit(c.text, c.width, c.align === 'right'));
  return parts.join(' '.repeat(gap));
}
