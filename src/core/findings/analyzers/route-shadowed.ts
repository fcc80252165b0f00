import { describeGatewayApiOrigin, gatewayApiOrigin } from '../../envoy/gateway-api-origin.ts';
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

/**
 * For Gateway API routes the order is not the author's: istiod sorts the rules (sortHTTPRoutes in
 * pilot/pkg/config/kube/gateway/conversion.go), so moving a rule changes nothing.
 */
const GATEWAY_API_HINT =
  "Istio orders Gateway API rules itself (exact path, longer path, method, more headers, more query params, then the older route): narrow the earlier rule's match, or give the later one a more specific path";

/** A route no request can reach: an earlier route of its virtual host matches everything it does (Istio: IST0130/IST0131). */
export const routeShadowed: Analyzer = {
  name: 'route.shadowed',
  description: 'routes an earlier route of the same virtual host always matches first',
  reads: ['routes'],
  reports: [ROUTE_SHADOWED],
  virtualHost(_config, rc, vh) {
    const out: Finding[] = [];
    for (const [later, earlier] of shadowedRoutes(vh)) {
      const origin = gatewayApiOrigin(later.name, later.istio);
      const from = origin ? `, from ${describeGatewayApiOrigin(origin)}` : '';
      const vs = later.istio?.display ? ` (VirtualService ${later.istio.display}${from})` : '';
      out.push(
        finding(
          ROUTE_SHADOWED,
          `route ${routeLabel(later)} in ${rc.name}/${vh.name} can never match: route ${routeLabel(earlier)} before it matches every request it does${vs}`,
          [routeRef(rc, vh, later), routeRef(rc, vh, earlier)],
          origin ? GATEWAY_API_HINT : undefined,
        ),
      );
    }
    return out;
  },
};
