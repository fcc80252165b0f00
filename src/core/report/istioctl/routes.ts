import { asArray, asString, isObject, type JsonObject } from '../../envoy/json.ts';
import type { RouteConfig } from '../../envoy/types.ts';
import { goAtoi } from '../../text/atoi.ts';
import { goSortSlice } from '../go-sort.ts';
import { row, tabulate } from '../tabwriter.ts';
import { describeManagement } from './config-ref.ts';
import { describeMatch, rawRoutes, singleCluster } from './match-text.ts';
import { describeRouteDomains } from './route-domains.ts';

/**
 * `istioctl proxy-config routes`: verbose (default) one row per route of every virtual host with
 * its match and VirtualService; `--verbose=false` the number of virtual hosts per route config.
 */
export interface RouteFilter {
  /** Exact route config name. */
  name?: string;
  verbose?: boolean;
}

/**
 * RDS route configs, then static ones, "sorted" as istioctl does: the comparator only orders two
 * configs whose names are both integers, so with Go's sort most of the dump order survives.
 */
export function sortedRouteConfigs(routeConfigs: readonly RouteConfig[]): RouteConfig[] {
  return goSortSlice([...routeConfigs], (a, b) => {
    const i = goAtoi(a.name);
    const j = goAtoi(b.name);
    return i !== undefined && j !== undefined && i < j;
  });
}

function domainsOf(vh: JsonObject): string[] {
  return asArray(vh.domains).map((d) => (typeof d === 'string' ? d : ''));
}

export function renderRoutes(routeConfigs: readonly RouteConfig[], filter: RouteFilter = {}, withType = false): string {
  const verbose = filter.verbose ?? true;
  const lines = [verbose ? 'NAME\tVHOST NAME\tDOMAINS\tMATCH\tVIRTUAL SERVICE' : 'NAME\tVIRTUAL HOSTS'];
  for (const config of sortedRouteConfigs(routeConfigs)) {
    if (filter.name !== undefined && filter.name !== '' && filter.name !== config.name) continue;
    const name = withType ? `route/${config.name}` : config.name;
    const vhosts = asArray(config.raw.virtual_hosts).filter(isObject);
    if (!verbose) {
      lines.push(row`${name}\t${vhosts.length}`);
      continue;
    }
    for (const vh of vhosts) {
      const vhostName = asString(vh.name) ?? '';
      const domains = describeRouteDomains(domainsOf(vh));
      const routes = rawRoutes(vh);
      for (const route of routes) {
        if (singleCluster(route) === 'PassthroughCluster') continue;
        lines.push(row`${name}\t${vhostName}\t${domains}\t${describeMatch(route.match)}\t${describeManagement(route.metadata)}`);
      }
      if (routes.length === 0) lines.push(row`${name}\t${vhostName}\t${domains}\t/*\t404`);
    }
  }
  return tabulate(lines, 5);
}
