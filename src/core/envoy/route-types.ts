import type { IstioRef } from './istio-metadata.ts';
import type { JsonObject } from './json.ts';
import type { Lazy } from './lazy.ts';
import type { VirtualHostMatcher } from './routes/vhost-matcher.ts';

/**
 * The route side of an Envoy config (envoy.config.route.v3), as meshscope models it.
 * Every entity keeps `raw`: the snake_case protojson it was built from, so nothing is lost.
 */

/** A RouteConfiguration: from RDS, static config, or inline in an HTTP connection manager. */
export interface RouteConfig {
  name: string;
  /** Parsed on first read: a 10k-service sidecar holds tens of thousands of routes, a command reads a few. */
  virtualHosts: Lazy<VirtualHost[]>;
  /** Istio sets this on sidecar route configs: the `:port` in Host is ignored for vhost matching. */
  ignorePortInHostMatching: boolean;
  requestHeadersToAdd: HeaderValueOption[];
  requestHeadersToRemove: string[];
  responseHeadersToAdd: HeaderValueOption[];
  responseHeadersToRemove: string[];
  internalOnlyHeaders: string[];
  /** `ignore_path_parameters_in_path_matching`: `;params` are cut from the path before route matching. */
  ignorePathParametersInPathMatching: boolean;
  /** `most_specific_header_mutations_wins`: route-level header mutations win over vhost and config ones. */
  mostSpecificHeaderMutationsWins: boolean;
  /**
   * `vhost_header` (lower-cased): the request header whose first value picks the virtual host
   * instead of `:authority` (RouteMatcher::findVirtualHost); undefined for `:authority`.
   */
  vhostHeader?: string;
  raw: JsonObject;
}

export interface VirtualHost {
  name: string;
  /** As configured: exact names, `*.suffix`, `prefix.*` or `*`; may carry `:port`. */
  domains: string[];
  routes: Route[];
  /** `matcher`, used instead of `routes` when set (routes-by-matcher-tree, VirtualHost.matcher). */
  matcher?: VirtualHostMatcher;
  requireTls: 'NONE' | 'EXTERNAL_ONLY' | 'ALL';
  virtualClusters: VirtualCluster[];
  retryPolicy?: RetryPolicy;
  typedPerFilterConfig: Record<string, JsonObject>;
  requestHeadersToAdd: HeaderValueOption[];
  requestHeadersToRemove: string[];
  responseHeadersToAdd: HeaderValueOption[];
  responseHeadersToRemove: string[];
  raw: JsonObject;
}

export interface VirtualCluster {
  name: string;
  headers: HeaderMatcher[];
}

export interface Route {
  /** Position within its virtual host, from 0: first match wins. */
  index: number;
  name?: string;
  match: RouteMatch;
  action: RouteAction;
  /** `metadata.filter_metadata`, namespace → Struct. */
  filterMetadata: Record<string, JsonObject>;
  /** The VirtualService behind the route, from `filter_metadata.istio.config`. */
  istio?: IstioRef;
  /** Per-filter overrides: `envoy.filters.http.fault` → HTTPFault, etc. */
  typedPerFilterConfig: Record<string, JsonObject>;
  decorator?: string;
  requestHeadersToAdd: HeaderValueOption[];
  requestHeadersToRemove: string[];
  responseHeadersToAdd: HeaderValueOption[];
  responseHeadersToRemove: string[];
  raw: JsonObject;
}

export type PathMatch =
  | { kind: 'prefix'; value: string }
  | { kind: 'path'; value: string }
  | { kind: 'safe_regex'; regex: string }
  | { kind: 'path_separated_prefix'; value: string }
  /** envoy.path.match.uri_template: `/books/{id}/**`. */
  | { kind: 'path_match_policy'; template: string }
  | { kind: 'connect_matcher' }
  /** No path specifier recognised: reported as an issue, never matches. */
  | { kind: 'unsupported'; field: string };

export interface RouteMatch {
  path: PathMatch;
  /** Defaults to true in Envoy. */
  caseSensitive: boolean;
  headers: HeaderMatcher[];
  queryParameters: QueryParameterMatcher[];
  runtimeFraction?: RuntimeFraction;
  grpc: boolean;
  tlsContext?: { presented?: boolean; validated?: boolean };
  dynamicMetadata: MetadataMatcher[];
  /** `filter_state` matchers' keys (envoy.type.matcher.v3.FilterStateMatcher). */
  filterState: string[];
  /** `cookies` matchers' names (CookieMatcher): not evaluated, reported at load; never match. */
  cookies: string[];
}

export interface RuntimeFraction {
  runtimeKey?: string;
  numerator: number;
  /** 100, 10000 or 1000000. */
  denominator: number;
}

/** An envoy.type.matcher.v3.StringMatcher. `ignoreCase` has no effect on safe_regex (as in Envoy). */
export type StringMatch =
  | { kind: 'exact' | 'prefix' | 'suffix' | 'contains'; value: string; ignoreCase: boolean }
  | { kind: 'safe_regex'; regex: string; ignoreCase: boolean }
  /** A form meshscope does not evaluate (`custom` extension, empty matcher): reported, never matches. */
  | { kind: 'unsupported'; field: string; ignoreCase: boolean };

export type HeaderMatchSpec =
  | { kind: 'string'; match: StringMatch }
  | { kind: 'present'; present: boolean }
  /** [start, end): Envoy's Int64Range (64-bit bounds, exact), the header parsed as a base-10 int64. */
  | { kind: 'range'; start: bigint; end: bigint }
  /** A matcher form meshscope does not evaluate: reported at load, never matches. */
  | { kind: 'unsupported'; field: string };

export interface HeaderMatcher {
  /** Lower-cased header name (`:method`, `:authority`, `end-user`, ...). */
  name: string;
  /** Absent for a bare `{name}` matcher: the header must be present. */
  spec?: HeaderMatchSpec;
  invert: boolean;
  treatMissingAsEmpty: boolean;
  raw: JsonObject;
}

export interface QueryParameterMatcher {
  /** Compared case-sensitively against the raw (not URL-decoded) query parameter names. */
  name: string;
  /** Absent: the parameter must be present. */
  stringMatch?: StringMatch;
  presentMatch?: boolean;
}

export interface MetadataMatcher {
  filter: string;
  path: string[];
  /** A StringMatcher/ValueMatcher as JSON; the engine interprets what it knows. */
  value: JsonObject;
  invert: boolean;
}

export interface HeaderValueOption {
  key: string;
  value: string;
  /** Envoy's append_action: APPEND_IF_EXISTS_OR_ADD (default), ADD_IF_ABSENT, OVERWRITE_IF_EXISTS_OR_ADD, OVERWRITE_IF_EXISTS. */
  appendAction: 'APPEND_IF_EXISTS_OR_ADD' | 'ADD_IF_ABSENT' | 'OVERWRITE_IF_EXISTS_OR_ADD' | 'OVERWRITE_IF_EXISTS';
  /** `keep_empty_value`: add the header even when the (formatted) value is empty. */
  keepEmptyValue: boolean;
}

export interface WeightedCluster {
  name: string;
  weight: number;
  /** `cluster_header` inside a weighted entry (rare). */
  clusterHeader?: string;
  filterMetadata: Record<string, JsonObject>;
  typedPerFilterConfig: Record<string, JsonObject>;
  requestHeadersToAdd: HeaderValueOption[];
  requestHeadersToRemove: string[];
  responseHeadersToAdd: HeaderValueOption[];
  responseHeadersToRemove: string[];
  hostRewriteLiteral?: string;
}

export type ClusterSpecifier =
  | { kind: 'cluster'; name: string }
  | {
      kind: 'weighted_clusters';
      clusters: WeightedCluster[];
      /** Deprecated; only checked against the sum. */
      totalWeight?: number;
      runtimeKeyPrefix?: string;
      /** random_value_specifier header_name: a uint64 in this header replaces the random value. */
      headerName?: string;
    }
  | { kind: 'cluster_header'; header: string }
  | { kind: 'unsupported'; field: string };

export interface RetryPolicy {
  retryOn: string[];
  numRetries: number;
  perTryTimeoutMs?: number;
  perTryIdleTimeoutMs?: number;
  retriableStatusCodes: number[];
  /** How many `retriable_headers` matchers the policy has (what `retriable-headers` retries on). */
  retriableHeaderMatchers: number;
  /** `envoy.retry_host_predicates.previous_hosts` etc. */
  hostPredicates: string[];
  hostSelectionRetryMaxAttempts?: number;
  backoff?: { baseIntervalMs?: number; maxIntervalMs?: number };
}

export interface MirrorPolicy {
  cluster: string;
  /** Percentage 0–100 of requests mirrored (runtime_fraction default); 100 when absent. */
  percent: number;
  traceSampled?: boolean;
}

export type HashPolicy =
  | { kind: 'header'; headerName: string; terminal: boolean }
  | { kind: 'cookie'; name: string; ttlMs?: number; path?: string; terminal: boolean }
  | { kind: 'connection_properties'; sourceIp: boolean; terminal: boolean }
  | { kind: 'query_parameter'; name: string; terminal: boolean }
  | { kind: 'filter_state'; key: string; terminal: boolean }
  | { kind: 'unsupported'; terminal: boolean };

export interface ForwardAction {
  kind: 'route';
  cluster: ClusterSpecifier;
  prefixRewrite?: string;
  regexRewrite?: { regex: string; substitution: string };
  pathRewritePolicy?: string;
  hostRewriteLiteral?: string;
  autoHostRewrite?: boolean;
  hostRewriteHeader?: string;
  /** `append_x_forwarded_host`: a host rewrite appends the old Host to x-forwarded-host. */
  appendXForwardedHost: boolean;
  hostRewritePathRegex?: { regex: string; substitution: string };
  /** Route timeout; Envoy's default is 15 s when unset, 0 disables it. */
  timeoutMs?: number;
  idleTimeoutMs?: number;
  maxStreamDurationMs?: number;
  grpcTimeoutHeaderMaxMs?: number;
  retryPolicy?: RetryPolicy;
  requestMirrorPolicies: MirrorPolicy[];
  hashPolicy: HashPolicy[];
  /** 503 (SERVICE_UNAVAILABLE, default), 404 or INTERNAL_SERVER_ERROR (500). */
  clusterNotFoundResponseCode: number;
  raw: JsonObject;
}

export interface RedirectAction {
  kind: 'redirect';
  schemeRedirect?: string;
  httpsRedirect: boolean;
  hostRedirect?: string;
  portRedirect?: number;
  pathRedirect?: string;
  prefixRewrite?: string;
  regexRewrite?: { regex: string; substitution: string };
  /** 301 by default; 302, 303, 307, 308. */
  responseCode: number;
  stripQuery: boolean;
}

export interface DirectResponseAction {
  kind: 'direct_response';
  status: number;
  /** `inline_string`, or `inline_bytes` decoded as UTF-8. Undefined when no body (or a `filename` body). */
  body?: string;
  /** `body.filename`: the body comes from a file on the proxy, which meshscope cannot read. */
  bodyFile?: string;
}

export type RouteAction = ForwardAction | RedirectAction | DirectResponseAction | { kind: 'non_forwarding' } | { kind: 'unsupported'; field: string };
