/**
 * Strings a hostile dump can hold, from issue 13's campaign: terminal escape sequences (OSC 52
 * clipboard write, window title, cursor report, clear screen), 8-bit C1 controls, CR/BS that hide
 * text, bidi overrides (Trojan Source, CVE-2021-42574), newlines that inject Markdown headings and
 * HTML, NUL, lone UTF-16 surrogates and very long text.
 */
export const HOSTILE_STRINGS: readonly string[] = [
  '\u001b]52;c;ZWNobyBwd25lZA==\u0007',
  '\u001b]0;owned title\u0007',
  '\u001b[6n',
  '\u001b[2J\u001b[H',
  '\u001b[31mred\u001b[0m',
  '\u009b31m',
  '\u009d0;c1 title\u009c',
  'ok\rFAKE',
  'abc\b\b\bxyz',
  '\u202eevil\u202c',
  '\u2066isolate\u2069',
  'a\u200fb',
  'name\n# Injected heading\n<script>alert(1)</script>',
  '| a | b |\n|---|---|',
  'nul\u0000byte',
  'lone \ud800 high',
  'lone \udfff low',
  '\u007f',
  'x'.repeat(70_000),
  '',
  '../../../etc/passwd',
  '%s%n%x',
  '$(touch /tmp/pwned)',
];

/** Controls whose raw presence in terminal output is a finding (everything but \n and \t in C0, DEL, C1). */
export function isControl(code: number): boolean {
  return (code < 0x20 && code !== 0x0a && code !== 0x09) || code === 0x7f || (code >= 0x80 && code <= 0x9f);
}

/** Bidi formatting characters (Unicode UAX #9: embeddings, overrides, isolates, marks). */
export function isBidiControl(code: number): boolean {
  return (code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069) || code === 0x200e || code === 0x200f || code === 0x061c;
}
