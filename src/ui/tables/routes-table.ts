import { shortVirtualHost } from '../../core/browse/labels.ts';
import type { RouteRow } from '../../core/browse/route-rows.ts';
import { hasHostile } from '../../core/text/sanitize.ts';
import type { TableModel } from '../table/model.ts';
import { clean } from '../text.ts';

/** The Routes tab: route config → virtual host → route, match, destinations, VirtualService. */
export function routesTable(rows: RouteRow[], noun = 'routes'): TableModel {
  return {
    noun,
    empty: 'no routes in this config (a gateway without HTTP servers, or the routes section is missing)',
    columns: [
      { title: 'ROUTE CONFIG', min: 5, max: 16, priority: 4, search: true },
      { title: 'VIRTUAL HOST', min: 12, max: 36, priority: 1, search: true },
      { title: '#', min: 2, max: 3, priority: 2, align: 'right' },
      { title: 'NAME', min: 10, max: 24, priority: 0, search: true },
      { title: 'MATCH', min: 12, max: 40, priority: 1, search: true },
      { title: 'DESTINATIONS', min: 16, max: 70, priority: 0, search: true },
      { title: 'VIRTUALSERVICE', min: 10, max: 28, priority: 3, search: true },
    ],
    rows: rows.map((r) => {
      const name = r.name || '(unnamed)';
      const virtualHost = shortVirtualHost(r.virtualHost);
      // A generated VirtualService's name means little to its author: show the Gateway API route instead.
      const behind = r.origin || r.virtualService;
      // One test over the row's texts (a space apart, so no surrogate pair forms across two) spares
      // a test per cell in the common case: ~38,000 rows build before a large proxy's first frame.
      const plain = !hasHostile(`${r.routeConfig} ${virtualHost} ${name} ${r.match} ${r.destinations} ${behind}`);
      return {
        id: r.id,
        raw: r.raw,
        cells: plain
          ? [r.routeConfig, virtualHost, String(r.index), name, r.match, r.destinations, behind]
          : [clean(r.routeConfig), clean(virtualHost), String(r.index), clean(name), clean(r.match), clean(r.destinations), clean(behind)],
        open: r.clusters.length
          ? { kind: 'view', view: { kind: 'route-clusters', title: clean(r.name || `${r.virtualHost}#${r.index}`), clusters: r.clusters } }
          : undefined,
        // Shown for the selected row only: built when read.
        get detail(): string {
          return clean(
            `${r.routeConfig} › ${r.virtualHost} #${r.index} ${name}: ${r.match} → ${r.destinations}${r.virtualService ? ` (VirtualService ${r.virtualService}${r.origin ? `, generated from ${r.origin}` : ''})` : ''}; domains ${r.domains.join(', ')}`,
          );
        },
      };
    }),
  };
}
