import type { FindingRow } from '../../core/browse/finding-rows.ts';
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
