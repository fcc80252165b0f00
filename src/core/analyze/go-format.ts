/**
 * The part of Go's `fmt.Sprintf` the analyzer templates use: `%s`, `%d`, `%q` (strconv.Quote) and
 * `%v` (a string as is, a number in decimal, a slice as `[a b c]`).
 */
export type GoArg = string | number | readonly string[] | readonly number[];

const SIMPLE_ESCAPES: Record<string, string> = {
  '\x07': '\\a',
  '\b': '\\b',
  '\f': '\\f',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\v': '\\v',
  '\\': '\\\\',
  '"': '\\"',
};

/** strconv.Quote: printable characters as they are, the rest escaped (`\n`, `\x01`, `\u200e`). */
export function goQuote(text: string): string {
  let out = '"';
  for (const ch of text) {
    const simple = SIMPLE_ESCAPES[ch];
    if (simple !== undefined) {
      out += simple;
      continue;
    }
    const cp = ch.codePointAt(0)!;
    if (ch === ' ' || !/[\p{C}\p{Z}]/u.test(ch)) out += ch;
    else if (cp < 0x80) out += `\\x${cp.toString(16).padStart(2, '0')}`;
    else if (cp < 0x10000) out += `\\u${cp.toString(16).padStart(4, '0')}`;
    else out += `\\U${cp.toString(16).padStart(8, '0')}`;
  }
  return `${out}"`;
}

function plain(arg: GoArg | undefined): string {
  if (arg === undefined) return '%!v(MISSING)';
  if (Array.isArray(arg)) return `[${arg.map((a) => String(a)).join(' ')}]`;
  return String(arg);
}

export function goSprintf(template: string, args: readonly GoArg[]): string {
  let i = 0;
  return template.replace(/%[sdqv%]/g, (verb) => {
    if (verb === '%%') return '%';
    const arg = args[i++];
    if (verb === '%q' && typeof arg === 'string') return goQuote(arg);
    return plain(arg);
  });
}
