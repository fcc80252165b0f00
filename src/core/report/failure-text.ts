import type { ExplainFailure } from '../explain/failure.ts';

/** `explain --status` as label/text rows, for the text and Markdown renderers and the TUI. */
export function failureRows(f: ExplainFailure): [string, string][] {
  const rows: [string, string][] = [
    ['retried', `${f.retried ? 'yes' : 'no'}: ${f.retryReason}`],
    ['attempts', String(f.attempts)],
  ];
  if (f.hosts) rows.push(['hosts', f.hosts]);
  for (const e of f.ejection) rows.push(['ejection', `${e.counted ? 'counts' : 'does not count'} (${e.cluster}): ${e.reason}`]);
  if (f.ejection.length === 0) rows.push(['ejection', 'no cluster chosen: nothing to count against']);
  rows.push(['client sees', f.clientSees.text]);
  for (const n of f.notes) rows.push(['note', n]);
  return rows;
}

/** The section's title: `If the upstream answers 500`. */
export const failureTitle = (f: ExplainFailure): string => `If ${f.label}`;
