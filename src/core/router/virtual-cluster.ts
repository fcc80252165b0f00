import type { VirtualHost } from '../envoy/route-types.ts';
import { headerMatches } from './header-match.ts';
import { type HttpRequest, headerValue } from './request.ts';

/** A header's value as matchers read it (repeated values joined with ","), or undefined when absent. */
export type HeaderLookup = (name: string) => string | undefined;

/**
 * Envoy's virtual cluster for a request (stats only, no effect on routing): the first of the
 * virtual host's `virtual_clusters` whose header matchers all match; `other` when the host
 * defines virtual clusters and none matches; undefined when it defines none. `request` is the
 * request as explained, or any header map (route-check matches the finalized request).
 */
export function selectVirtualCluster(virtualHost: VirtualHost, request: HttpRequest | HeaderLookup): string | undefined {
  const header: HeaderLookup = typeof request === 'function' ? request : (name) => headerValue(request, name);
  for (const vc of virtualHost.virtualClusters) {
    if (vc.headers.every((h) => headerMatches(h, header(h.name)))) return vc.name;
  }
  return virtualHost.virtualClusters.length > 0 ? 'other' : undefined;
}
