/**
 * Text that comes from the cluster or a file (names, domains, header values, stderr lines) is data.
 * Before it reaches a terminal or a note it must not be able to act: write the clipboard (OSC 52),
 * retitle the window (OSC 0), ask for a cursor report (CSI 6n), clear the screen, hide text with
 * CR/BS, reorder text with bidi overrides (the "Trojan Source" controls, CVE-2021-42574).
 *
 * One rule set, shown visibly rather than removed, so the user sees that a name is hostile:
 * - C0 controls and DEL: `\t`, `\n`, `\r`, `\b`, `\f` for those five, `\u001b` style for the rest;
 * - C1 controls (U+0080–U+009F, which some terminals take as 8-bit CSI/OSC): `\u009b` style;
 * - bidi controls (U+061C, U+200E/F, U+202A–U+202E, U+2066–U+2069) and the line/paragraph
 *   separators U+2028/9: `<U+202E>`;
 * - lone surrogates (not encodable as UTF-8): `<U+D800>`.
 * An escape sequence is made inert by escaping its ESC; its parameters stay visible as text.
 * Backslashes are left alone, so normal text (regexes, Windows paths) is byte-identical: the
 * escaped form is for reading, not for parsing back (JSON output is the exact form).
 */

const SHORT: Record<string, string> = { '\t': '\\t', '\n': '\\n', '\r': '\\r', '\b': '\\b', '\f': '\\f' };

// eslint-disable-next-line no-control-regex
const HOSTILE =
  /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
// eslint-disable-next-line no-control-regex
const HOSTILE_BUT_LAYOUT =
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

const hex4 = (code: number): string => code.toString(16).padStart(4, '0');

/** The visible form of one hostile character. */
export function visibleEscape(ch: string): string {
  const code = ch.charCodeAt(0);
  if (code <= 0x9f) return SHORT[ch] ?? `\\u${hex4(code)}`;
  return `<U+${hex4(code).toUpperCase()}>`;
}

/** True when the text holds a character the rules above escape (the fast path for clean names). */
export function hasHostile(text: string): boolean {
  HOSTILE.lastIndex = 0;
  return HOSTILE.test(text);
}

/** One value on one line (a table cell, a name in a sentence): every control, tab and newline escaped. */
export function sanitizeLine(text: string): string {
  return hasHostile(text) ? text.replace(HOSTILE, visibleEscape) : text;
}

/** A block of text whose own newlines and tabs are layout (a file's lines): everything else escaped. */
export function sanitizeText(text: string): string {
  return text.replace(HOSTILE_BUT_LAYOUT, visibleEscape);
}

/** sanitizeLine, then cut to `max` code points with `…` (a length-limited table cell). */
export function sanitizeCell(text: string, max: number): string {
  const safe = [...sanitizeLine(text)];
  return safe.length <= max ? safe.join('') : `${safe.slice(0, Math.max(0, max - 1)).join('')}…`;
}

// eslint-disable-next-line no-control-regex
const SGR = /\u001b\[[0-9;]*m/g;

/** Removes SGR colour sequences only (a tool's own coloured `Error:`), before sanitizing the rest. */
export function stripColour(text: string): string {
  return text.replace(SGR, '');
}
