/**
 * The last line of defence before a byte reaches stdout or stderr: every plain output of the CLI
 * (tables, text, Markdown, JSON, YAML, warnings, errors) passes through `guardTerminal`, so a value a
 * renderer forgot to sanitize still cannot act on the terminal. Renderers sanitize values first
 * (`sanitize.ts`, which also escapes tabs and newlines inside a value); this guard keeps the
 * layout's `\n` and `\t` and escapes everything else the sanitizer would.
 *
 * The escapes are JSON's (`\r`, `\b`, `\f`, `\u001b`, `\u202e`): JSON.stringify never writes a raw
 * C0 character, so what the guard meets in JSON output is DEL, C1, bidi or a line separator inside
 * a string, and its `\uXXXX` form there is a valid JSON escape for the very same character: the
 * document still parses to the original value. The same holds inside YAML double-quoted scalars,
 * which is where the YAML writer puts such characters (`go-yaml-analyze.ts` isPrintable).
 *
 * With colour on, the exact SGR sequences `core/report/style.ts` writes are kept (and only those:
 * bold, dim, normal intensity, four foreground colours, default colour); renderers style values
 * after sanitizing them, so a kept sequence is the renderer's own.
 */

// eslint-disable-next-line no-control-regex
const UNSAFE =
  /\u001b\[(?:1|2|22|31|32|33|36|39)m|[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

const JSON_SHORT: Record<string, string> = { '\r': '\\r', '\b': '\\b', '\f': '\\f' };

/** Escapes what may not reach a terminal; `keepStyle` keeps style.ts's own SGR sequences. */
export function guardTerminal(text: string, keepStyle: boolean): string {
  return text.replace(UNSAFE, (match) => {
    if (match.length > 1 && match.charCodeAt(1) === 0x5b) return keepStyle ? match : `\\u001b${match.slice(1)}`;
    return JSON_SHORT[match] ?? `\\u${match.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
}
