import type { EndpointRow } from '../../core/browse/endpoint-rows.ts';
import { clusterLabel } from '../../core/browse/labels.ts';
import type { TableModel } from '../table/model.ts';
import { clean } from '../text.ts';

const USABLE = new Set(['HEALTHY', 'UNKNOWN', 'DEGRADED']);

const count = (n: number | null): string => (n === null ? '-' : String(n));

/** The Endpoints tab: hosts per cluster with EDS health and /clusters ejection and counters. */
export function endpointsTable(rows: EndpointRow[], noun = 'endpoints'): TableModel {
  return {
    noun,
    empty: 'no endpoints (EDS has none for these clusters, or the dump was taken without include_eds)',
    columns: [
      { title: 'ADDRESS', min: 12, max: 22, priority: 0, search: true },
      { title: 'CLUSTER', min: 14, max: 40, priority: 0, search: true },
      { title: 'WORKLOAD', min: 10, max: 28, priority: 1, search: true },
      { title: 'LOCALITY', min: 10, max: 24, priority: 3, search: true },
      { title: 'PRI', min: 3, max: 3, priority: 5, align: 'right' },
      { title: 'HEALTH', min: 7, max: 9, priority: 0 },
      { title: 'EJECTED', min: 7, max: 7, priority: 0 },
      { title: 'RQ', min: 3, max: 8, priority: 3, align: 'right' },
      { title: 'ERR', min: 3, max: 8, priority: 3, align: 'right' },
      { title: 'SUCCESS', min: 7, max: 7, priority: 4, align: 'right' },
    ],
    rows: rows.map((r) => ({
      id: r.id,
      raw: r.raw,
      cells: [
        clean(r.address),
        clean(clusterLabel(r.cluster)),
        clean(r.workload),
        clean(r.locality),
        r.priority === null ? '-' : String(r.priority),
        clean(r.health),
        r.ejected === null ? '-' : r.ejected ? 'yes' : 'no',
        count(r.requests),
        count(r.errors),
        r.successRate === null ? '-' : `${r.successRate}%`,
      ],
      tone: r.ejected ? 'bad' : USABLE.has(r.health) ? undefined : 'warn',
      detail: clean(
        `${r.address} in ${r.cluster}${r.workload ? ` · ${r.workload}${r.namespace ? `.${r.namespace}` : ''}` : ''}${r.locality ? ` · ${r.locality}` : ''} · ${r.health}${r.ejected ? ' · EJECTED by outlier detection' : r.ejected === null ? ' · no /clusters data (ejection unknown)' : ''}`,
      ),
    })),
  };
}
