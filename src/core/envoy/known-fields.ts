/**
 * Field names (snake_case) of the Envoy messages the loader walks. A field outside these sets is
 * reported once per kind as `unknown-field` (info): usually a newer Envoy field, or a typo in a
 * hand-written file. Fields listed here but not interpreted stay available in `raw`.
 */
const set = (...names: string[]): ReadonlySet<string> => new Set(names);

/** envoy.config.cluster.v3.Cluster. */
export const CLUSTER = set(
  'name',
  'alt_stat_name',
  'type',
  'cluster_type',
  'eds_cluster_config',
  'connect_timeout',
  'per_connection_buffer_limit_bytes',
  'lb_policy',
  'load_assignment',
  'health_checks',
  'max_requests_per_connection',
  'circuit_breakers',
  'upstream_http_protocol_options',
  'common_http_protocol_options',
  'http_protocol_options',
  'http2_protocol_options',
  'typed_extension_protocol_options',
  'dns_refresh_rate',
  'dns_jitter',
  'dns_failure_refresh_rate',
  'respect_dns_ttl',
  'dns_lookup_family',
  'dns_resolvers',
  'use_tcp_for_dns_lookups',
  'dns_resolver_options',
  'typed_dns_resolver_config',
  'wait_for_warm_on_init',
  'outlier_detection',
  'cleanup_interval',
  'upstream_bind_config',
  'lb_subset_config',
  'ring_hash_lb_config',
  'maglev_lb_config',
  'original_dst_lb_config',
  'least_request_lb_config',
  'round_robin_lb_config',
  'common_lb_config',
  'transport_socket',
  'transport_socket_matches',
  'metadata',
  'protocol_selection',
  'upstream_connection_options',
  'close_connections_on_host_health_failure',
  'ignore_health_on_host_removal',
  'filters',
  'load_balancing_policy',
  'lrs_server',
  'lrs_report_endpoint_metrics',
  'track_timeout_budgets',
  'upstream_config',
  'track_cluster_stats',
  'preconnect_policy',
  'connection_pool_per_downstream_connection',
);

/** envoy.config.listener.v3.Listener. */
export const LISTENER = set(
  'name',
  'address',
  'additional_addresses',
  'stat_prefix',
  'filter_chains',
  'filter_chain_matcher',
  'use_original_dst',
  'default_filter_chain',
  'per_connection_buffer_limit_bytes',
  'metadata',
  'deprecated_v1',
  'drain_type',
  'listener_filters',
  'listener_filters_timeout',
  'continue_on_listener_filters_timeout',
  'transparent',
  'freebind',
  'socket_options',
  'tcp_fast_open_queue_length',
  'traffic_direction',
  'udp_listener_config',
  'api_listener',
  'connection_balance_config',
  'reuse_port',
  'enable_reuse_port',
  'access_log',
  'tcp_backlog_size',
  'max_connections_to_accept_per_socket_event',
  'bind_to_port',
  'internal_listener',
  'enable_mptcp',
  'ignore_global_conn_limit',
  'bypass_overload_manager',
  'fcds_config',
);

/** envoy.config.listener.v3.FilterChain. */
export const FILTER_CHAIN = set(
  'filter_chain_match',
  'filters',
  'use_proxy_proto',
  'metadata',
  'transport_socket',
  'transport_socket_connect_timeout',
  'name',
  'on_demand_configuration',
);

/** envoy.config.listener.v3.FilterChainMatch. */
export const FILTER_CHAIN_MATCH = set(
  'destination_port',
  'prefix_ranges',
  'address_suffix',
  'suffix_len',
  'direct_source_prefix_ranges',
  'source_type',
  'source_prefix_ranges',
  'source_ports',
  'server_names',
  'transport_protocol',
  'application_protocols',
);

/** envoy.config.endpoint.v3.ClusterLoadAssignment. */
export const CLUSTER_LOAD_ASSIGNMENT = set('cluster_name', 'endpoints', 'named_endpoints', 'policy');

/** envoy.config.endpoint.v3.LocalityLbEndpoints. */
export const LOCALITY_LB_ENDPOINTS = set(
  'locality',
  'metadata',
  'lb_endpoints',
  'load_balancer_endpoints',
  'leds_cluster_locality_config',
  'load_balancing_weight',
  'priority',
  'proximity',
);

/** envoy.config.endpoint.v3.LbEndpoint. */
export const LB_ENDPOINT = set('endpoint', 'endpoint_name', 'health_status', 'metadata', 'load_balancing_weight');

/** envoy.config.endpoint.v3.Endpoint. */
export const ENDPOINT = set('address', 'health_check_config', 'hostname', 'additional_addresses');

/** envoy.admin.v3.ClusterStatus. */
export const CLUSTER_STATUS = set(
  'name',
  'added_via_api',
  'success_rate_ejection_threshold',
  'host_statuses',
  'local_origin_success_rate_ejection_threshold',
  'circuit_breakers',
  'observability_name',
  'eds_service_name',
);

/** envoy.admin.v3.HostStatus. */
export const HOST_STATUS = set('address', 'stats', 'health_status', 'success_rate', 'weight', 'hostname', 'priority', 'local_origin_success_rate', 'locality');

/** envoy.admin.v3.HostHealthStatus. */
export const HOST_HEALTH_STATUS = set(
  'failed_active_health_check',
  'failed_outlier_check',
  'failed_active_degraded_check',
  'pending_dynamic_removal',
  'pending_active_hc',
  'excluded_via_immediate_hc_fail',
  'active_hc_timeout',
  'eds_health_status',
);

/** The per-resource wrappers of the admin config dump sections (DynamicCluster, StaticListener...). */
export const DUMP_ENTRY = set(
  'version_info',
  'last_updated',
  'client_status',
  'error_state',
  'name',
  'cluster',
  'listener',
  'route_config',
  'endpoint_config',
  'secret',
  'ecds_filter',
  'active_state',
  'warming_state',
  'draining_state',
  'scoped_route_configs',
);

/** The admin config dump sections, by message name. */
export const SECTION_FIELDS: Record<string, ReadonlySet<string>> = {
  BootstrapConfigDump: set('bootstrap', 'last_updated'),
  ClustersConfigDump: set('version_info', 'static_clusters', 'dynamic_active_clusters', 'dynamic_warming_clusters'),
  ListenersConfigDump: set('version_info', 'static_listeners', 'dynamic_listeners'),
  RoutesConfigDump: set('static_route_configs', 'dynamic_route_configs'),
  ScopedRoutesConfigDump: set('inline_scoped_route_configs', 'dynamic_scoped_route_configs'),
  EndpointsConfigDump: set('static_endpoint_configs', 'dynamic_endpoint_configs'),
  SecretsConfigDump: set('static_secrets', 'dynamic_active_secrets', 'dynamic_warming_secrets'),
  EcdsConfigDump: set('ecds_filters'),
};
