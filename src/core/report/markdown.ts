import { sanitizeLine } from '../text/sanitize.ts';

/**
 * Markdown from data: every value is inline text on a line the renderer started. The value's own
 * newlines and controls become visible escapes (core/text/sanitize.ts), so it cannot start a block;
 * `<`, `>` and `&` become HTML entities, so it cannot open raw HTML or a quote; a leading `#`, `-`,
 * `+`, `*`, `=` or `1.` of a value that begins a line or list item is backslash-escaped
 * (leadingText), so it cannot start a heading or a list inside a list item (CommonMark §2.4: any
 * ASCII punctuation may be backslash-escaped and renders as itself). In a table cell `|` is escaped
 * so it cannot end the cell (GFM §4.10, also inside code spans). Fenced blocks (a command line, a
 * log line) hold the value on one line inside a fence longer than any backtick run in it
 * (CommonMark §4.5: their content is literal text, never HTML). `](` is escaped so a value cannot
 * make a link or an image; emphasis (`*`, `_`) is left alone: it can restyle, not hide or link.
 */
const HTML: Record<string, string> = { '<': '&lt;', '>': '&gt;', '&': '&amp;' };

/** Text from the input, for an inline position after the renderer's own text (a sentence, a table cell). */
export function text(value: string): string {
  return noLink(sanitizeLine(value).replace(/[<>&]/g, (c) => HTML[c]!));
}

/** `](` is where an inline link or image starts its target: escaped, a value cannot link a note elsewhere. */
function noLink(value: string): string {
  return value.replace(/\]\(/g, ']\\(');
}

/** Text from the input that begins a line or a list item's content: a leading block marker is escaped too. */
export function leadingText(value: string): string {
  const escaped = text(value);
  const ordered = /^(\d+)([.)])/.exec(escaped);
  if (ordered) return `${ordered[1]}\\${escaped.slice(ordered[1]!.length)}`;
  return /^[#\-+*=]/.test(escaped) ? `\\${escaped}` : escaped;
}

/**
 * Escapes a table cell (values, or Markdown made by text/code): pipes, and `<`/`>` of raw values
 * (text and code already wrote entities, and `&` alone opens no HTML).
 */
export function cell(value: string): string {
  return noLink(
    sanitizeLine(value)
      .replace(/\\/g, '\\\\')
      .replace(/\|/g, '\\|')
      .replace(/[<>]/g, (c) => HTML[c]!),
  );
}

/** A GitHub-flavoured Markdown table. */
export function table(header: string[], rows: string[][]): string[] {
  return [`| ${header.map(cell).join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`)];
}

/** The longest run of backticks in the text. */
function longestBacktickRun(value: string): number {
  let longest = 0;
  let run = 0;
  for (const c of value) {
    run = c === '`' ? run + 1 : 0;
    longest = Math.max(longest, run);
  }
  return longest;
}

/**
 * Inline code that survives backticks in the text: the fence is one backtick longer than the
 * longest run inside (CommonMark §6.1). Text with `<`, `>` or `&` is written as escaped text
 * instead: some renderers (Confluence, chat tools) do not keep a code span's HTML literal.
 */
export function code(value: string): string {
  const safe = sanitizeLine(value);
  if (/[<>&]/.test(safe)) return text(value);
  const run = longestBacktickRun(safe);
  const fence = '`'.repeat(run + 1);
  return run > 0 ? `${fence} ${safe} ${fence}` : `${fence}${safe}${fence}`;
}

/** A fenced block for text from the input (a command line): the fence is longer than any backtick run inside. */
export function fenced(info: string, value: string): string[] {
  const fence = '`'.repeat(Math.max(3, longestBacktickRun(value) + 1));
  return [`${fence}${info}`, sanitizeLine(value), fence];
}

/** A link target from the input: controls escaped, and spaces, parentheses and angle brackets percent-encoded. */
export function linkTarget(url: string): string {
  return sanitizeLine(url).replace(/[\s()<>]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}
