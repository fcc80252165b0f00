import type { FindingRow } from '../../core/browse/finding-rows.ts';
import type { IntentVerdict } from '../../core/intent/types.ts';
import { intentKind, intentName, verdictWord } from '../tables/intent-table.ts';
import { clean } from '../text.ts';
import type { Line } from './lines.ts';
import { wordWrap } from './word-wrap.ts';

const LABEL = 10;

/** Sanitized paragraphs: line breaks in the cluster's text stay breaks, each line cleaned. */
const paragraphs = (text: string) => text.split(/\r?\n/).map(clean);

/** `label  value` with the value wrapped under itself; under 30 columns the label has its own line. */
function field(label: string, text: string, width: number, tone?: Line[number]['tone']): Line[] {
  const parts = paragraphs(text === '' ? '-' : text);
  if (width < 30) {
    return [[{ text: label, tone: 'muted' }], ...parts.flatMap((p) => wordWrap(p, width - 2).map((l) => [{ text: `  ${l}`, tone }]))];
  }
  const pad = ' '.repeat(LABEL);
  return parts
    .flatMap((p) => wordWrap(p, width - LABEL))
    .map((l, i) => [
      { text: i === 0 ? label.padEnd(LABEL) : pad, tone: 'muted' as const },
      { text: l, tone },
    ]);
}

/** A titled block: its title, then the text wrapped to the full width. */
function block(title: string, text: string, width: number): Line[] {
  return [[{ text: title, tone: 'title' }], ...paragraphs(text).flatMap((p) => wordWrap(p, width).map((l) => [{ text: l }]))];
}

/**
 * The describe view of a finding (k9s's `d`): everything the Findings table and its one-row
 * detail line cut, wrapped to `width` cells: code, severity, where it comes from, the objects,
 * the whole message and the fix hint (an analyzer message's documentation URL). No line is wider
 * than `width`.
 */
export function describeLines(f: FindingRow, width: number): Line[] {
  const tone = f.severity === 'error' ? 'bad' : f.severity === 'warning' ? 'warn' : undefined;
  const hintTitle = f.from === 'meshscope' ? 'Fix' : 'Documentation';
  return [
    ...field('code', f.code, width, tone),
    ...field('severity', f.severity, width, tone),
    ...field('from', f.from, width),
    ...field('objects', f.objects, width),
    [],
    ...block('Message', f.message, width),
    [],
    ...block(hintTitle, f.hint === '' ? 'none given' : f.hint, width),
    [],
    ...wordWrap('Esc goes back to the findings', width).map((l): Line => [{ text: l, tone: 'muted' }]),
  ];
}

/**
 * The describe view of an Intent row (d): the object's verdict in full, wrapped to `width` cells:
 * kind and name, the verdict, the reason (code and message), the notes, everything it produced on
 * this proxy and the file and document it was read from. No line is wider than `width`.
 */
export function describeIntentLines(v: IntentVerdict, width: number): Line[] {
  const tone = v.applies ? 'good' : 'bad';
  const notes: Line[] =
    v.notes.length === 0
      ? [[{ text: 'none', tone: 'muted' }]]
      : v.notes.flatMap((n) => wordWrap(clean(`${n.code}: ${n.message}`), width).map((l): Line => [{ text: l, tone: 'warn' }]));
  const produced: Line[] =
    v.produced.length === 0
      ? wordWrap(v.applies ? 'nothing named after it in the proxy config' : 'nothing (it does not apply)', width).map((l): Line => [{ text: l, tone: 'muted' }])
      : v.produced.flatMap((p) => wordWrap(clean(`- ${p}`), width).map((l): Line => [{ text: l }]));
  return [
    ...field('kind', intentKind(v.kind), width),
    ...field('name', intentName(v), width),
    ...field('verdict', verdictWord(v), width, tone),
    ...field('origin', v.origin, width),
    [],
    ...(v.reason ? block('Reason', `${v.reason.code}: ${v.reason.message}`, width) : block('Reason', 'none: it applies', width)),
    [],
    [{ text: 'Notes', tone: 'title' }],
    ...notes,
    [],
    [{ text: `Produced (${v.produced.length})`, tone: 'title' }],
    ...produced,
    [],
    ...['Enter or y on the row shows its YAML', 'Esc goes back to the objects'].flatMap((t) =>
      wordWrap(t, width).map((l): Line => [{ text: l, tone: 'muted' }]),
    ),
  ];
}
