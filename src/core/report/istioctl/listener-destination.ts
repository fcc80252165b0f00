import { HTTP_CONNECTION_MANAGER, TCP_PROXY } from '../../envoy/filter-names.ts';
import { asArray, asObject, asString, isObject, type JsonObject } from '../../envoy/json.ts';
import { describeMatch, rawRoutes, singleCluster } from './match-text.ts';

/**
 * istioctl's DESTINATION column for a filter chain (`getFilterType`): where the first HTTP
 * connection manager or TCP proxy of the chain sends traffic. A tcp_proxy whose config mentions
 * `BlackHoleCluster` does not count.
 */

/** istioctl tests the serialized TcpProxy bytes for the name; the JSON carries the same strings. */
export function isBlackHoleTcpProxy(filter: JsonObject): boolean {
  return JSON.stringify(filter.typed_config ?? null).includes('BlackHoleCluster');
}

function clusterText(cluster: string): string {
  return cluster.includes('Cluster') ? cluster : `Cluster: ${cluster}`;
}

/** A route configuration that sends everything (`*`, prefix `/`) to one cluster: that cluster. */
function matchAllCluster(routeConfig: JsonObject): string {
  const vhosts = asArray(routeConfig.virtual_hosts).filter(isObject);
  if (vhosts.length !== 1) return '';
  const domains = asArray(vhosts[0]!.domains);
  if (domains.length !== 1 || domains[0] !== '*') return '';
  const routes = rawRoutes(vhosts[0]!);
  if (routes.length !== 1) return '';
  if (asString(asObject(routes[0]!.match)?.prefix) !== '/') return '';
  const cluster = singleCluster(routes[0]!);
  return cluster === undefined ? '' : clusterText(cluster);
}

/** An inline route_config: `Inline Route: <domains> <matches>; ...` (domains left out for `*`). */
function describeRouteConfig(routeConfig: JsonObject): string {
  const cluster = matchAllCluster(routeConfig);
  if (cluster !== '') return cluster;
  const vhosts = asArray(routeConfig.virtual_hosts)
    .filter(isObject)
    .map((vh) => {
      const domains = asArray(vh.domains).map((d) => (typeof d === 'string' ? d : ''));
      const described = domains.length === 1 && domains[0] === '*' ? '' : domains.join('/');
      const routes = rawRoutes(vh)
        .map((r) => describeMatch(r.match))
        .join(', ');
      return described === '' ? routes : `${described} ${routes}`;
    });
  return `Inline Route: ${vhosts.join('; ')}`;
}

/** The DESTINATION of a chain's network filters (raw `filters`, snake_case). */
export function describeFilters(filters: readonly JsonObject[]): string {
  for (const filter of filters) {
    const name = asString(filter.name);
    const config = asObject(filter.typed_config) ?? {};
    if (name === HTTP_CONNECTION_MANAGER) {
      const inline = asObject(config.route_config);
      if (inline) return describeRouteConfig(inline);
      const rds = asString(asObject(config.rds)?.route_config_name);
      return rds ? `Route: ${rds}` : 'HTTP';
    }
    if (name === TCP_PROXY && !isBlackHoleTcpProxy(filter)) return clusterText(asString(config.cluster) ?? '');
  }
  return 'Non-HTTP/Non-TCP';
}
