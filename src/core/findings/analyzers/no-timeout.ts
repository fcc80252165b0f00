import type { Analyzer } from '../analyzer.ts';
import { type FindingType, finding } from '../finding.ts';
import { istioDefaultRoute } from '../istio-default-route.ts';
import { routeRef } from '../route-ref.ts';

const NO_TIMEOUT: FindingType = {
  code: 'MS107',
  name: 'NoTimeout',
  severity: 'info',
  hint: 'set http[].timeout in the VirtualService so a slow upstream cannot hold requests forever',
};

/** For routes no VirtualService produced (plain Envoy config, an EnvoyFilter). */
const ENVOY_HINT = 'set timeout on the route (no VirtualService produced it) so a slow upstream cannot hold requests forever';

/**
 * Forwarding routes whose timeout is disabled (`timeout: 0s`), one finding per virtual host naming
 * them all. Istio's own routes (no VirtualService: `default`, `allow_any`, inbound) are left alone:
 * istiod disables their timeout by design (`BuildDefaultHTTPInboundRoute`).
 */
export const noTimeout: Analyzer = {
  name: 'route.timeout',
  description: 'routes with the timeout disabled',
  reads: ['routes'],
  reports: [NO_TIMEOUT],
  virtualHost(_config, rc, vh) {
    const disabled = vh.routes.filter((route) => route.action.kind === 'route' && route.action.timeoutMs === 0 && !istioDefaultRoute(rc, route));
    if (disabled.length === 0) return [];
    const n = disabled.length;
    const refs = disabled.map((route) => routeRef(rc, vh, route));
    // Every such route is an object of the finding, so the trace of a request shows it on each of them.
    return [
      finding(
        NO_TIMEOUT,
        `${n} route${n === 1 ? '' : 's'} in ${rc.name}/${vh.name} ha${n === 1 ? 's' : 've'} no timeout (timeout 0s disables it), e.g. ${refs[0]}`,
        refs,
        disabled.every((route) => route.istio) ? undefined : ENVOY_HINT,
      ),
    ];
  },
};
