import type { VirtualHost } from '../envoy/route-types.ts';
import { headerMatches } from './header-match.ts';
import { type HttpRequest, headerValue } from './request.ts';

/**
 * Envoy's virtual cluster for a request (stats only, no effect on routing): the first of the
 * virtual host's `virtual_clusters` whose header matchers all match; `other` when the host
 * defines virtual clusters and none matches; undefined when it defines none.
 */
export function selectVirtualCluster(virtualHost: VirtualHost, request: HttpRequest): string | undefined {
  for (const vc of virtualHost.virtualClusters) {
    if (vc.headers.every((h) => headerMatches(h, headerValue(request, h.name)))) return vc.name;
  }
  return virtualHost.virtualClusters.length > 0 ? 'other' : undefined;
}
