import type { Json, JsonObject } from '../../src/core/envoy/json.ts';
import { loadProxyConfig } from '../../src/core/envoy/load.ts';
import type { ProxyConfig } from '../../src/core/envoy/types.ts';
import { miniClusters, miniDump } from './mini-mesh.ts';

/**
 * The path match extension of a vendor's Envoy build: RouteMatch.path_match_policy is a
 * TypedExtensionConfig (Router::PathMatcher, envoy/router/path_matcher.h) and Envoy's own only one
 * is uri_template (source/extensions/path/match/uri_template), so any other typed config is valid
 * v3 that meshscope cannot evaluate.
 */
export const GLOB_PATH_MATCH = 'type.googleapis.com/acme.path.match.glob.v3.GlobMatchConfig';

/**
 * The mini mesh with Envoy v3 things meshscope does not interpret: a route whose
 * `path_match_policy` is that extension, placed first in reviews' virtual host (read as never
 * matching), a cluster field of a newer Envoy on the v1 cluster (`shiny_lb_option`: Cluster is an
 * object that steers traffic), and an unknown field on a header to add (which steers nothing).
 */
export function warningDump(): Json {
  const dump = structuredClone(miniDump) as { configs: JsonObject[] };
  for (const section of dump.configs) {
    for (const entry of (section.dynamic_route_configs as JsonObject[] | undefined) ?? []) {
      const vh = ((entry.route_config as JsonObject).virtual_hosts as JsonObject[])[0]!;
      const routes = vh.routes as JsonObject[];
      routes.unshift({
        name: 'glob',
        match: { path_match_policy: { name: 'acme.path.match.glob', typed_config: { '@type': GLOB_PATH_MATCH, glob: '/reviews/*' } } },
        route: { cluster: 'outbound|9080|v1|reviews.bookinfo.svc.cluster.local' },
        request_headers_to_add: [{ header: { key: 'x-glob', value: '1' }, shiny_new_option: true }],
      });
    }
    for (const entry of (section.dynamic_active_clusters as JsonObject[] | undefined) ?? []) {
      const cluster = entry.cluster as JsonObject;
      if (String(cluster.name).includes('|v1|')) cluster.shiny_lb_option = true;
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
