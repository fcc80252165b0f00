import { routeLabel } from '../../router/route-label.ts';
import type { Analyzer } from '../analyzer.ts';
import { type Finding, type FindingType, finding } from '../finding.ts';
import { shadowedRoutes } from '../path-covers.ts';
import { routeRef } from '../route-ref.ts';

const ROUTE_SHADOWED: FindingType = {
  code: 'MS101',
  name: 'RouteShadowed',
  severity: 'warning',
  hint: 'move the more specific http rule above the broader one in the VirtualService, or narrow the earlier match',
};

/** A route no request can reach: an earlier route of its virtual host matches everything it does (Istio: IST0130/IST0131). */
export const routeShadowed: Analyzer = {
  name: 'route.shadowed',
  description: 'routes an earlier route of the same virtual host always matches first',
  reads: ['routes'],
  reports: [ROUTE_SHADOWED],
  virtualHost(_config, rc, vh) {
    const out: Finding[] = [];
    for (const [later, earlier] of shadowedRoutes(vh)) {
      const vs = later.istio?.display ? ` (VirtualService ${later.istio.display})` : '';
      out.push(
        finding(
          ROUTE_SHADOWED,
          `route ${routeLabel(later)} in ${rc.name}/${vh.name} can never match: route ${routeLabel(earlier)} before it matches every request it does${vs}`,
          [routeRef(rc, vh, later), routeRef(rc, vh, earlier)],
        ),
      );
    }
    return out;
  },
};
