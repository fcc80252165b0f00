import { ROUTE_LEGACY_FIELDS, ROUTE_PROTO_FIELDS, type RouteMessage } from './route-proto-fields.ts';

/**
 * What meshscope does with each field of the route messages (the names come from Envoy's protos,
 * `route-proto-fields.ts`):
 * - `interpreted`: read into the model and evaluated (or reported where read, like a cluster
 *   specifier plugin);
 * - `inert`: read by Envoy but without effect on where a request goes or what it answers
 *   (statistics, tracing, buffering, rate limiting, retries' host choice...): silently accepted;
 * - every other field of the proto: a warning naming it (`not-interpreted`), since it may change
 *   the answer; a name the proto does not have is an `unknown-field` (info).
 */
export interface RouteFieldSpec {
  message: RouteMessage;
  /** Every name Envoy accepts here (proto fields and the legacy spellings). */
  known: ReadonlySet<string>;
  /** Interpreted or inert: no warning. */
  handled: ReadonlySet<string>;
}

function spec(message: RouteMessage, interpreted: readonly string[], inert: readonly string[] = []): RouteFieldSpec {
  const legacy = ROUTE_LEGACY_FIELDS[message] ?? [];
  return {
    message,
    known: new Set([...ROUTE_PROTO_FIELDS[message], ...legacy]),
    handled: new Set([...interpreted, ...inert, ...legacy]),
  };
}

const HEADER_MUTATIONS = ['request_headers_to_add', 'request_headers_to_remove', 'response_headers_to_add', 'response_headers_to_remove'];

export const ROUTE_FIELDS = {
  RouteConfiguration: spec(
    'RouteConfiguration',
    [
      'name',
      'virtual_hosts',
      'ignore_port_in_host_matching',
      ...HEADER_MUTATIONS,
      'internal_only_headers',
      'most_specific_header_mutations_wins',
      'ignore_path_parameters_in_path_matching',
      'vhost_header',
    ],
    ['validate_clusters', 'max_direct_response_body_size_bytes', 'metadata', 'cluster_specifier_plugins'],
  ),
  VirtualHost: spec(
    'VirtualHost',
    ['name', 'domains', 'routes', 'matcher', 'require_tls', 'virtual_clusters', 'retry_policy', 'typed_per_filter_config', ...HEADER_MUTATIONS],
    [
      'include_request_attempt_count',
      'include_attempt_count_in_response',
      'include_is_timeout_retry_header',
      'per_request_buffer_limit_bytes',
      'request_body_buffer_limit',
      'metadata',
      'rate_limits',
      'cors',
      'hedge_policy',
      'retry_policy_typed_config',
    ],
  ),
  Route: spec(
    'Route',
    [
      'name',
      'match',
      'route',
      'redirect',
      'direct_response',
      'non_forwarding_action',
      'filter_action',
      'metadata',
      'decorator',
      'typed_per_filter_config',
      ...HEADER_MUTATIONS,
    ],
    ['tracing', 'per_request_buffer_limit_bytes', 'request_body_buffer_limit', 'stat_prefix'],
  ),
  RouteMatch: spec('RouteMatch', ROUTE_PROTO_FIELDS.RouteMatch),
  TlsContextMatchOptions: spec('RouteMatch.TlsContextMatchOptions', ROUTE_PROTO_FIELDS['RouteMatch.TlsContextMatchOptions']),
  RouteAction: spec(
    'RouteAction',
    [
      'cluster',
      'cluster_header',
      'weighted_clusters',
      'cluster_specifier_plugin',
      'inline_cluster_specifier_plugin',
      'cluster_not_found_response_code',
      'prefix_rewrite',
      'regex_rewrite',
      'path_rewrite_policy',
      'host_rewrite_literal',
      'auto_host_rewrite',
      'host_rewrite_header',
      'host_rewrite_path_regex',
      'append_x_forwarded_host',
      'timeout',
      'idle_timeout',
      'max_stream_duration',
      'max_grpc_timeout',
      'retry_policy',
      'request_mirror_policies',
      'hash_policy',
    ],
    [
      'flush_timeout',
      'early_data_policy',
      'retry_policy_typed_config',
      'priority',
      'rate_limits',
      'include_vh_rate_limits',
      'cors',
      'grpc_timeout_offset',
      'upgrade_configs',
      'internal_redirect_policy',
      'internal_redirect_action',
      'max_internal_redirects',
      'hedge_policy',
    ],
  ),
  WeightedCluster: spec('WeightedCluster', ['clusters', 'total_weight', 'runtime_key_prefix', 'header_name']),
  ClusterWeight: spec('WeightedCluster.ClusterWeight', ROUTE_PROTO_FIELDS['WeightedCluster.ClusterWeight']),
  RequestMirrorPolicy: spec(
    'RouteAction.RequestMirrorPolicy',
    ['cluster', 'cluster_header', 'runtime_fraction', 'trace_sampled'],
    ['disable_shadow_host_suffix_append', 'request_headers_mutations', 'host_rewrite_literal'],
  ),
  RetryPolicy: spec(
    'RetryPolicy',
    [
      'retry_on',
      'num_retries',
      'per_try_timeout',
      'per_try_idle_timeout',
      'retriable_status_codes',
      'retry_host_predicate',
      'host_selection_retry_max_attempts',
      'retry_back_off',
    ],
    ['retry_priority', 'retry_options_predicates', 'rate_limited_retry_back_off', 'retriable_headers', 'retriable_request_headers'],
  ),
  RedirectAction: spec('RedirectAction', ROUTE_PROTO_FIELDS.RedirectAction),
  DirectResponseAction: spec('DirectResponseAction', ['status', 'body']),
  VirtualCluster: spec('VirtualCluster', ROUTE_PROTO_FIELDS.VirtualCluster),
  HeaderMatcher: spec('HeaderMatcher', ROUTE_PROTO_FIELDS.HeaderMatcher),
  QueryParameterMatcher: spec('QueryParameterMatcher', ROUTE_PROTO_FIELDS.QueryParameterMatcher),
} as const satisfies Record<string, RouteFieldSpec>;
