import type { OutputForm } from './commands.ts';
import { isBidiControl, isControl } from './hostile.ts';

/**
 * The classes of issue 13 part 7. The first five are what a run may end in; the rest are
 * findings, worst first: a run is put in the first class that applies.
 */
export const CLASSES = [
  'hang',
  'crash',
  'stack-trace',
  'control-chars',
  'invalid-json',
  'exit-mismatch',
  'clean-error',
  'noisy-error',
  'accepted',
  'accepted-warning',
] as const;
export type RunClass = (typeof CLASSES)[number];

/** The classes `.ci/run` fails on (and `npm run fuzz` exits 1 for). */
export const FAILING: ReadonlySet<RunClass> = new Set(['hang', 'crash', 'stack-trace', 'control-chars', 'invalid-json', 'exit-mismatch']);

export type RunOutcome =
  | { kind: 'exited'; code: number; stdout: string; stderr: string }
  | { kind: 'hang'; afterMs: number }
  | { kind: 'crash'; error: string };

export interface Verdict {
  class: RunClass;
  detail: string;
}

const STACK_FRAME = /^ {4}at \S/m;

/**
 * The first raw control character in text (`U+001B at 12`), or undefined. With `json`, what valid
 * JSON can hold raw is allowed: CR as whitespace between tokens (a dump saved with CRLF), C1, DEL
 * and bidi characters inside strings (JSON.stringify leaves them); ESC and other C0 cannot occur
 * raw in valid JSON, so they stay findings.
 */
export function findControl(text: string, json: boolean): string | undefined {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const jsonRaw = (c >= 0x80 && c <= 0x9f) || c === 0x7f || c === 0x0d;
    if ((isControl(c) && !(json && jsonRaw)) || (!json && isBidiControl(c))) return `U+${c.toString(16).toUpperCase().padStart(4, '0')} at ${i}`;
  }
  return undefined;
}

function oneLine(text: string): string {
  return (text.split('\n').find((l) => l.trim() !== '') ?? '').slice(0, 200);
}

/**
 * Classifies one run. JSON output must parse and may carry C1 and bidi characters inside strings
 * (JSON is passed through untouched; JSON.stringify escapes C0); text, YAML and Markdown stdout and
 * every stderr may hold no raw ESC, C0 other than newline and tab, DEL, C1 or bidi control.
 */
export function classify(outcome: RunOutcome, form: OutputForm): Verdict {
  if (outcome.kind === 'hang') return { class: 'hang', detail: `no answer after ${outcome.afterMs} ms` };
  if (outcome.kind === 'crash') return { class: 'crash', detail: oneLine(outcome.error) };
  const { code, stdout, stderr } = outcome;
  if (STACK_FRAME.test(stderr) || STACK_FRAME.test(stdout) || code === 70) return { class: 'stack-trace', detail: `exit ${code}: ${oneLine(stderr)}` };
  if (![0, 1, 2, 3].includes(code)) return { class: 'crash', detail: `exit ${code}: ${oneLine(stderr)}` };
  const json = form === 'json';
  const inOut = findControl(stdout, json);
  if (inOut) return { class: 'control-chars', detail: `stdout (${form}): ${inOut}` };
  const inErr = findControl(stderr, false);
  if (inErr) return { class: 'control-chars', detail: `stderr: ${inErr}` };
  if (json && code <= 1 && stdout.trim() !== '') {
    try {
      JSON.parse(stdout);
    } catch (error) {
      return { class: 'invalid-json', detail: error instanceof Error ? error.message.slice(0, 200) : String(error) };
    }
  }
  const lines = stderr.split('\n').filter((l) => l !== '');
  if (code >= 2) {
    return lines.length === 1
      ? { class: 'clean-error', detail: `exit ${code}: ${lines[0]!.slice(0, 200)}` }
      : { class: 'noisy-error', detail: `exit ${code}, ${lines.length} stderr lines: ${oneLine(stderr)}` };
  }
  return lines.length === 0 ? { class: 'accepted', detail: `exit ${code}` } : { class: 'accepted-warning', detail: `exit ${code}: ${oneLine(stderr)}` };
}
