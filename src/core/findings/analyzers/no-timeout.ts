import type { Analyzer } from '../analyzer.ts';
import { type FindingType, finding } from '../finding.ts';
import { routeRef } from '../route-ref.ts';

const NO_TIMEOUT: FindingType = {
  code: 'MS107',
  name: 'NoTimeout',
  severity: 'info',
  hint: 'set http[].timeout in the VirtualService so a slow upstream cannot hold requests forever',
};

/** Forwarding routes whose timeout is disabled (`timeout: 0s`), one finding per virtual host with an example. */
export const noTimeout: Analyzer = {
  name: 'route.timeout',
  description: 'routes with the timeout disabled',
  reads: ['routes'],
  reports: [NO_TIMEOUT],
  virtualHost(_config, rc, vh) {
    const disabled = vh.routes.filter((route) => route.action.kind === 'route' && route.action.timeoutMs === 0);
    if (disabled.length === 0) return [];
    const n = disabled.length;
    const example = routeRef(rc, vh, disabled[0]!);
    return [
      finding(
        NO_TIMEOUT,
        `${n} route${n === 1 ? '' : 's'} in ${rc.name}/${vh.name} ha${n === 1 ? 's' : 've'} no timeout (timeout 0s disables it), e.g. ${example}`,
        [example],
      ),
    ];
  },
};
