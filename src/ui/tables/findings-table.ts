import type { FindingRow } from '../../core/browse/finding-rows.ts';
import { atLeast } from '../../core/findings/severity-filter.ts';
import type { TableModel } from '../table/model.ts';
import { clean } from '../text.ts';

/** Where meshscope's own findings are: being counted (`counting`: the share done, 0–1), or failed. */
export interface FindingsProgress {
  counting?: number;
  failed?: string;
}

/**
 * The Findings tab: meshscope's findings and istioctl analyze messages for the namespace. While
 * meshscope's findings are being counted (`progress.counting`), `all` holds the analyzer's and a
 * note says how far the count is.
 */
export function findingsTable(all: FindingRow[], analyzeError: string | undefined, errorsOnly = false, progress: FindingsProgress = {}): TableModel {
  const rows = errorsOnly ? atLeast(all, 'error') : all;
  const hidden = all.length - rows.length;
  const counting = progress.counting === undefined ? '' : `counting meshscope's findings… ${Math.floor(progress.counting * 100)}%`;
  const notes = [
    counting,
    progress.failed === undefined ? '' : clean(`meshscope's findings could not be counted: ${progress.failed}`),
    analyzeError === undefined ? '' : clean(`istioctl analyze messages are missing: ${analyzeError}`),
    errorsOnly ? `errors only: ${hidden} warning and info finding${hidden === 1 ? '' : 's'} hidden (o shows all)` : '',
  ].filter((n) => n !== '');
  return {
    noun: errorsOnly ? 'error findings' : 'findings',
    empty: counting
      ? `${counting} (istioctl analyze flags nothing${errorsOnly ? ' at error level' : ''} so far)`
      : errorsOnly
        ? `no error findings (${hidden} warning and info hidden: o shows all)`
        : 'no findings: nothing meshscope or istioctl analyze flags for this workload',
    note: notes.length > 0 ? notes.join(' · ') : undefined,
    columns: [
      { title: 'SEVERITY', min: 7, max: 8, priority: 0 },
      { title: 'CODE', min: 7, max: 8, priority: 0, search: true },
      { title: 'FROM', min: 9, max: 16, priority: 4 },
      { title: 'MESSAGE', min: 24, max: 200, priority: 0, search: true },
      { title: 'OBJECTS', min: 12, max: 48, priority: 2, search: true },
    ],
    rows: rows.map((r) => ({
      id: r.id,
      cells: [r.severity, clean(r.code), r.from, clean(r.message), clean(r.objects)],
      tone: r.severity === 'error' ? 'bad' : r.severity === 'warning' ? 'warn' : undefined,
      detail: clean(`${r.code} ${r.message}${r.hint ? ` → ${r.hint}` : ''}`),
      // The detail line cuts a long finding: Enter (or d) shows it whole, wrapped.
      open: { kind: 'view', view: { kind: 'describe', title: `Finding ${clean(r.code)}`, finding: r, scroll: 0 } },
    })),
  };
}
