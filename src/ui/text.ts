import { sanitizeLine } from '../core/text/sanitize.ts';

/** Text helpers for the terminal: cluster text is data, and cells have a fixed width. */

/** Shows escape sequences, control and bidi characters as visible escapes (core/text/sanitize.ts). */
export function clean(text: string): string {
  return sanitizeLine(text);
}

/**
 * Cuts text to `width` cells with `…`, or pads it with spaces (right-aligned with `right`).
 * Counts code points: Envoy and Kubernetes names are ASCII, so one code point is one cell.
 */
export function fit(text: string, width: number, right = false): string {
  if (width <= 0) return '';
  const length = text.length;
  if (length === width) return text;
  if (length < width) return right ? ' '.repeat(width - length) + text : text + ' '.repeat(width - length);
  const chars = [...text];
  if (chars.length <= width) return right ? ' '.repeat(width - chars.length) + text : text + ' '.repeat(width - chars.length);
  return `${chars.slice(0, width - 1).join('')}…`;
}

/** Cuts text to at most `width` cells (no padding). */
export function clip(text: string, width: number): string {
  return [...text].length <= width ? text : `${[...text].slice(0, Math.max(0, width - 1)).join('')}…`;
}
