import type { DownstreamTls } from './downstream-tls.ts';
import type { ConnectionSourceType, TrafficDirection } from './enums.ts';
import type { JsonObject } from './json.ts';
import type { RouteConfig } from './route-types.ts';
import type { CidrRange, ResourceMeta, SocketAddress } from './types.ts';

/** The listener side of the model (envoy.config.listener.v3): where connections land and which chain takes them. */

export interface FilterChainMatch {
  destinationPort?: number;
  prefixRanges: CidrRange[];
  sourcePrefixRanges: CidrRange[];
  sourcePorts: number[];
  directSourcePrefixRanges: CidrRange[];
  serverNames: string[];
  transportProtocol?: string;
  applicationProtocols: string[];
  /** ANY when absent. */
  sourceType?: ConnectionSourceType;
}

/** One entry of an HTTP connection manager's `http_filters`. */
export interface HttpFilter {
  name: string;
  /** The typed_config's type URL (a TypedStruct's inner `type_url`); undefined when served by ECDS. */
  typeUrl?: string;
  /** `config_discovery`: the filter's config comes from ECDS. */
  discovered: boolean;
  /** `disabled: true`: off unless a route's typed_per_filter_config enables it. */
  disabled: boolean;
  raw: JsonObject;
}

export type NetworkFilter =
  | {
      kind: 'http_connection_manager';
      name: string;
      /** RDS: the route config name to look up. */
      rdsRouteConfigName?: string;
      /** An inline route_config. */
      routeConfig?: RouteConfig;
      /** `scoped_routes`: routes chosen by a scope key (meshscope does not evaluate scoped RDS). */
      scopedRoutesName?: string;
      httpFilters: HttpFilter[];
      statPrefix?: string;
      raw: JsonObject;
    }
  | {
      kind: 'tcp_proxy';
      name: string;
      cluster?: string;
      weightedClusters: { name: string; weight: number }[];
      statPrefix?: string;
      raw: JsonObject;
    }
  | { kind: 'other'; name: string; typeUrl?: string; raw: JsonObject };

export interface FilterChain {
  name?: string;
  match: FilterChainMatch;
  filters: NetworkFilter[];
  /** The transport socket's type (e.g. tls) if any. */
  transportSocket?: string;
  /** The TLS this chain terminates (a DownstreamTlsContext), if any. */
  tls?: DownstreamTls;
  /** True for the listener's default_filter_chain. */
  isDefault: boolean;
  raw: JsonObject;
}

export interface Listener {
  name: string;
  address?: SocketAddress;
  additionalAddresses: SocketAddress[];
  filterChains: FilterChain[];
  defaultFilterChain?: FilterChain;
  trafficDirection?: TrafficDirection;
  useOriginalDst: boolean;
  /** Has `internal_listener` (no socket address). */
  internal: boolean;
  /** `listener_filters` names (tls_inspector, http_inspector, original_dst). */
  listenerFilters: string[];
  /**
   * `bind_to_port` (default true). Istio's per-port outbound listeners (`0.0.0.0_9080`) set it
   * false: they only receive connections handed over by virtualOutbound (use_original_dst).
   */
  bindToPort: boolean;
  /** `filter_chain_matcher` (a matcher tree, used by waypoints instead of filter_chain_match), kept as JSON. */
  filterChainMatcher?: JsonObject;
  meta: ResourceMeta;
  raw: JsonObject;
}
