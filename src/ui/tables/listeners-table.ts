import type { ListenerRow } from '../../core/browse/listener-rows.ts';
import type { TableModel } from '../table/model.ts';
import { clean } from '../text.ts';

/** The Listeners tab: where connections land and what handles them. */
export function listenersTable(rows: ListenerRow[]): TableModel {
  return {
    noun: 'listeners',
    empty: 'no listeners in the input',
    columns: [
      { title: 'NAME', min: 12, max: 36, priority: 0, search: true },
      { title: 'ADDRESS', min: 10, max: 22, priority: 1, search: true },
      { title: 'DIR', min: 3, max: 8, priority: 2 },
      { title: 'CHAINS', min: 6, max: 6, priority: 3, align: 'right' },
      { title: 'DESTINATION', min: 16, max: 60, priority: 0, search: true },
      { title: 'STATE', min: 6, max: 8, priority: 4 },
    ],
    rows: rows.map((r) => ({
      id: r.id,
      raw: r.raw,
      cells: [clean(r.name), clean(r.address), r.direction, String(r.filterChains), clean(r.destination), r.state],
      open: r.routeConfigs.length ? { kind: 'view', view: { kind: 'listener-routes', title: clean(r.name), routeConfigs: r.routeConfigs } } : undefined,
      detail: clean(`${r.name} on ${r.address || '-'}: ${r.destination || 'no HTTP or TCP proxy filter'}`),
    })),
  };
}
