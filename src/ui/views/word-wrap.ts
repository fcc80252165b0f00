import { cellWidth, charWidth } from '../text.ts';

/**
 * Word wrap in terminal cells: `text` in lines of at most `width` cells, broken at spaces; a word
 * wider than the line is broken inside (by cells, so a wide character never passes the edge).
 * Unlike `wrap` in lines.ts (code points, for the help's ASCII), this one counts what the terminal
 * draws, for text from the cluster (findings, analyzer messages). Expects sanitized text.
 */
export function wordWrap(text: string, width: number): string[] {
  const w = Math.max(1, width);
  const out: string[] = [];
  let line = '';
  let cells = 0;
  for (const word of text.split(/ +/)) {
    if (word === '') continue;
    let rest = word;
    let size = cellWidth(rest);
    if (line !== '' && cells + 1 + size <= w) {
      line += ` ${rest}`;
      cells += 1 + size;
      continue;
    }
    if (line !== '') out.push(line);
    line = '';
    cells = 0;
    while (size > w) {
      const [head, tail] = splitCells(rest, w);
      out.push(head);
      rest = tail;
      size = cellWidth(rest);
    }
    line = rest;
    cells = size;
  }
  out.push(line);
  return out;
}

/** The first `width` cells of `text` (at least one character) and the rest. */
function splitCells(text: string, width: number): [string, string] {
  let head = '';
  let cells = 0;
  for (const ch of text) {
    const w = charWidth(ch);
    if (head !== '' && cells + w > width) break;
    head += ch;
    cells += w;
  }
  return [head, text.slice(head.length)];
}
