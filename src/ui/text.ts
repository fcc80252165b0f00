import { sanitizeLine } from '../core/text/sanitize.ts';

/** Text helpers for the terminal: cluster text is data, and cells have a fixed width. */

/** Shows escape sequences, control and bidi characters as visible escapes (core/text/sanitize.ts). */
export function clean(text: string): string {
  return sanitizeLine(text);
}

/**
 * Cuts text to `width` cells with `…`, or pads it with spaces (right-aligned with `right`).
 * Counts cells (cellWidth): names are mostly ASCII, and a wide character in a cell must not push
 * the row past the terminal's edge.
 */
export function fit(text: string, width: number, right = false): string {
  if (width <= 0) return '';
  const cells = NARROW.test(text) ? text.length : cellWidth(text);
  if (cells === width) return text;
  const shown = cells < width ? text : clip(text, width);
  const pad = ' '.repeat(width - (cells < width ? cells : cellWidth(shown)));
  return right ? pad + shown : shown + pad;
}

const NARROW = /^[\x20-\x7e]*$/;
// East Asian Wide and Fullwidth blocks and emoji (what string-width, which Ink measures with, counts as 2).
const WIDE =
  /[\u1100-\u115f\u231a\u231b\u2329\u232a\u23e9-\u23ec\u23f0\u23f3\u25fd\u25fe\u2614\u2615\u2648-\u2653\u267f\u2693\u26a1\u26aa\u26ab\u26bd\u26be\u26c4\u26c5\u26ce\u26d4\u26ea\u26f2\u26f3\u26f5\u26fa\u26fd\u2705\u270a\u270b\u2728\u274c\u274e\u2753-\u2755\u2757\u2795-\u2797\u27b0\u27bf\u2b1b\u2b1c\u2b50\u2b55\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\ua960-\ua97f\uac00-\ud7a3\uf900-\ufaff\ufe10-\ufe19\ufe30-\ufe6f\uff00-\uff60\uffe0-\uffe6\u{16fe0}-\u{1b2ff}\u{1f004}\u{1f0cf}\u{1f18e}\u{1f191}-\u{1f19a}\u{1f200}-\u{1f251}\u{1f300}-\u{1f64f}\u{1f680}-\u{1f6ff}\u{1f7e0}-\u{1f7eb}\u{1f90c}-\u{1f9ff}\u{1fa70}-\u{1faff}\u{20000}-\u{3fffd}]/u;
const ZERO = /[\p{Mn}\p{Me}\p{Cf}]/u;

/** Terminal cells of one code point: 0 for combining marks and format characters, 2 for wide ones. */
export function charWidth(ch: string): number {
  if (ch.length === 1 && ch >= ' ' && ch <= '~') return 1;
  if (ZERO.test(ch)) return 0;
  return WIDE.test(ch) ? 2 : 1;
}

/** Terminal cells of text (sanitized text: no control characters). */
export function cellWidth(text: string): number {
  if (NARROW.test(text)) return text.length;
  let cells = 0;
  for (const ch of text) cells += charWidth(ch);
  return cells;
}

/** Cuts text to at most `width` cells (no padding), ending with `…` when cut. */
export function clip(text: string, width: number): string {
  if (width <= 0) return '';
  if (NARROW.test(text) ? text.length <= width : cellWidth(text) <= width) return text;
  let out = '';
  let cells = 0;
  for (const ch of text) {
    const w = charWidth(ch);
    if (cells + w > width - 1) break;
    out += ch;
    cells += w;
  }
  return `${out}…`;
}
