import type { Json, JsonObject } from '../../src/core/envoy/json.ts';
import { loadProxyConfig } from '../../src/core/envoy/load.ts';
import type { ProxyConfig } from '../../src/core/envoy/types.ts';
import { miniClusters, miniDump } from './mini-mesh.ts';

/**
 * The mini mesh with things meshscope does not interpret: a route with Envoy v2's `regex` path
 * (deprecated in Envoy 1.11, removed in v3) placed first in reviews' virtual host, a v2 `hosts`
 * list on the v1 cluster, and an unknown field on a header to add (which steers nothing).
 */
export function warningDump(): Json {
  const dump = structuredClone(miniDump) as { configs: JsonObject[] };
  for (const section of dump.configs) {
    for (const entry of (section.dynamic_route_configs as JsonObject[] | undefined) ?? []) {
      const vh = ((entry.route_config as JsonObject).virtual_hosts as JsonObject[])[0]!;
      const routes = vh.routes as JsonObject[];
      routes.unshift({
        name: 'legacy',
        match: { regex: '/reviews/.*' },
        route: { cluster: 'outbound|9080|v1|reviews.bookinfo.svc.cluster.local' },
        request_headers_to_add: [{ header: { key: 'x-legacy', value: '1' }, shiny_new_option: true }],
      });
    }
    for (const entry of (section.dynamic_active_clusters as JsonObject[] | undefined) ?? []) {
      const cluster = entry.cluster as JsonObject;
      if (String(cluster.name).includes('|v1|')) cluster.hosts = [{ socket_address: { address: '10.0.0.9', port_value: 9080 } }];
    }
  }
  return dump as Json;
}

export function warningMesh(): ProxyConfig {
  return loadProxyConfig(
    [
      { name: 'warn.json', data: warningDump() },
      { name: 'clusters.json', data: miniClusters },
    ],
    'warn.json',
  );
}
