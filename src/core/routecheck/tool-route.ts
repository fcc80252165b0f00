import type { ForwardAction, Route, VirtualHost, WeightedCluster } from '../envoy/route-types.ts';

/**
 * What Envoy's `RouteConfig::route()` handed router_check_tool for one test request, in the two
 * shapes the tool reads:
 * - `forward`: a RouteEntry (a forwarding route; for weighted clusters the picked entry), with
 *   the request path and host after the route's rewrites;
 * - `direct`: a DirectResponseEntry: a `redirect` route, a `direct_response` route, or the
 *   virtual host's `require_tls` redirect (`route` undefined), with the URI the tool reports as
 *   `path_redirect` and the status it reports as `code_redirect`.
 */
export type ToolRoute =
  | { kind: 'none' }
  | {
      kind: 'forward';
      virtualHost: VirtualHost;
      virtualHostIndex: number;
      route: Route;
      action: ForwardAction;
      /** The upstream cluster: the weighted pick, or the `cluster_header` value ('' when absent). */
      cluster: string;
      /** The picked weighted_clusters entry and its position. */
      weighted?: { index: number; entry: WeightedCluster };
      /** `:path` after prefix/regex rewrite, when the route rewrites it. */
      rewrittenPath?: string;
      /** `:authority` after host rewrite, when the route rewrites it. */
      rewrittenHost?: string;
      /** The rewrite came from the picked weighted cluster's host_rewrite_literal (append_x_forwarded_host does not cover it). */
      rewrittenHostByWeightedCluster?: boolean;
    }
  | {
      kind: 'direct';
      virtualHost: VirtualHost;
      virtualHostIndex: number;
      /** Undefined for the require_tls redirect, which no route of the config produced. */
      route?: Route;
      /** Redirect code (301 by default) or the direct_response status. */
      status: number;
      /** Local reply body: '' for redirects. */
      body: string;
      /** `scheme://host/path` after the redirect, or the request URL for a plain direct response. */
      newUri: string;
    };

/** A stable key for the route (and weighted entry) a test reached: coverage counts these. */
export function coverageKey(route: ToolRoute): string | undefined {
  switch (route.kind) {
    case 'none':
      return undefined;
    case 'forward':
      return `${route.virtualHostIndex}/${route.route.index}${route.weighted ? `#${route.weighted.index}` : ''}`;
    case 'direct':
      return route.route ? `${route.virtualHostIndex}/${route.route.index}` : 'require_tls';
  }
}
