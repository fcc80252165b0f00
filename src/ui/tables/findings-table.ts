import type { FindingRow } from '../../core/browse/finding-rows.ts';
import type { TableModel } from '../table/model.ts';
import { clean } from '../text.ts';

/** The Findings tab: meshscope's findings and istioctl analyze messages for the namespace. */
export function findingsTable(rows: FindingRow[], analyzeError: string | undefined): TableModel {
  return {
    noun: 'findings',
    empty: 'no findings: nothing meshscope or istioctl analyze flags for this workload',
    note: analyzeError === undefined ? undefined : clean(`istioctl analyze messages are missing: ${analyzeError}`),
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
    })),
  };
}
