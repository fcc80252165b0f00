import type { ClusterName } from './cluster-name.ts';
import type { IstioRef } from './istio-metadata.ts';
import type { JsonObject } from './json.ts';
import type { RouteConfig } from './route-types.ts';

export type { RouteConfig } from './route-types.ts';

/**
 * The model of one proxy's configuration, built from any of the shapes users have
 * (config dump, istioctl `-o json` arrays, /clusters). Every entity keeps `raw` (snake_case).
 */

/** Where an xDS resource sat in the dump: static, dynamic active, or dynamic warming (not yet in use). */
export type ResourceState = 'static' | 'active' | 'warming' | 'draining';

export interface ResourceMeta {
  state: ResourceState;
  versionInfo?: string;
  lastUpdated?: string;
}

/** Something in the input that meshscope could not use or did not expect. Never fatal. */
export interface LoadIssue {
  severity: 'info' | 'warning' | 'error';
  /** Stable code: `unknown-type`, `unknown-field`, `missing-section`, `bad-value`, `unsupported`. */
  code: string;
  message: string;
  /** Where: `clusters[outbound|9080||reviews...].foo`, a section @type, etc. */
  where?: string;
}

/**
 * An envoy.config.core.v3.Address: a socket address, a Unix pipe, or an Envoy internal address.
 * For a pipe or an internal address `address` is '' and `port` 0.
 */
export interface SocketAddress {
  address: string;
  port: number;
  /** Unix socket path, when the address is a pipe. */
  pipe?: string;
  /** envoy_internal_address: server_listener_name (and endpoint_id). */
  internalListener?: string;
  endpointId?: string;
}

export interface CidrRange {
  addressPrefix: string;
  prefixLen: number;
}

export interface FilterChainMatch {
  destinationPort?: number;
  prefixRanges: CidrRange[];
  sourcePrefixRanges: CidrRange[];
  sourcePorts: number[];
  directSourcePrefixRanges: CidrRange[];
  serverNames: string[];
  transportProtocol?: string;
  applicationProtocols: string[];
  /** ANY (default), SAME_IP_OR_LOOPBACK or EXTERNAL. */
  sourceType?: string;
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
  /** INBOUND / OUTBOUND / UNSPECIFIED. */
  trafficDirection?: string;
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

export interface CircuitBreakerThresholds {
  priority: 'DEFAULT' | 'HIGH';
  maxConnections?: number;
  maxPendingRequests?: number;
  maxRequests?: number;
  maxRetries?: number;
  maxConnectionPools?: number;
}

export interface OutlierDetection {
  consecutive5xx?: number;
  consecutiveGatewayFailure?: number;
  consecutiveLocalOriginFailure?: number;
  intervalMs?: number;
  baseEjectionTimeMs?: number;
  maxEjectionPercent?: number;
  enforcingConsecutive5xx?: number;
  enforcingSuccessRate?: number;
  splitExternalLocalOriginErrors?: boolean;
}

export interface Cluster {
  name: string;
  /** Parsed Istio name, when the name has that form. */
  istioName?: ClusterName;
  /** STATIC, STRICT_DNS, LOGICAL_DNS, EDS, ORIGINAL_DST; a cluster_type extension reports STATIC (as istioctl). */
  type: string;
  /** The cluster_type extension name, if any. */
  customType?: string;
  /** ROUND_ROBIN (default), LEAST_REQUEST, RING_HASH, RANDOM, MAGLEV, CLUSTER_PROVIDED, or an lb policy extension name. */
  lbPolicy: string;
  connectTimeoutMs?: number;
  circuitBreakers: CircuitBreakerThresholds[];
  outlierDetection?: OutlierDetection;
  /**
   * The DestinationRule TLS mode this cluster's upstream transport socket amounts to:
   * ISTIO_MUTUAL (Istio's SDS `default` certificate + `ROOTCA`), MUTUAL (another client
   * certificate), SIMPLE (TLS without a client certificate), DISABLE (plaintext), UNKNOWN (a socket
   * meshscope does not recognise). With `transport_socket_matches` it is the TLS used for endpoints
   * labelled `tlsMode: istio` (see `autoMtls`).
   */
  tlsMode: 'ISTIO_MUTUAL' | 'SIMPLE' | 'MUTUAL' | 'DISABLE' | 'UNKNOWN';
  /**
   * True when TLS comes from `transport_socket_matches` on the endpoint's `tlsMode` metadata
   * (Istio's auto mTLS): endpoints without the `istio` label get plaintext.
   */
  autoMtls: boolean;
  /** The SNI the upstream TLS context sends (Istio: `outbound_.9080_.v1_.reviews...`). */
  sni?: string;
  /** `service_name` in eds_cluster_config. */
  edsServiceName?: string;
  /** The DestinationRule behind the cluster (from `filter_metadata.istio.config`). */
  destinationRule?: IstioRef;
  /** `istio` metadata: `subset`, `services` ({host, name, namespace}). */
  istioSubset?: string;
  services: { host: string; name?: string; namespace?: string }[];
  /** Endpoints inline in the cluster (`load_assignment`), e.g. STATIC/STRICT_DNS clusters. */
  loadAssignment?: ClusterLoadAssignment;
  meta: ResourceMeta;
  raw: JsonObject;
}

/**
 * Who an EDS endpoint is, from Istio's `filter_metadata.istio.workload`: the string
 * `workload-name;namespace;canonical-service;canonical-revision;cluster-id`
 * (pilot/pkg/networking/util AppendLbEndpointMetadata). Istio leaves the revision empty for the
 * default `latest`; it is reported here as `latest`.
 */
export interface EndpointIdentity {
  /** The workload name (the Deployment's name for a Kubernetes pod). */
  workload?: string;
  namespace?: string;
  canonicalService?: string;
  canonicalRevision?: string;
  cluster?: string;
}

export interface Locality {
  region?: string;
  zone?: string;
  subZone?: string;
}

export interface LbEndpoint {
  address: SocketAddress;
  additionalAddresses: SocketAddress[];
  /**
   * HEALTHY, UNHEALTHY, DRAINING, TIMEOUT, DEGRADED, or UNKNOWN: protobuf's default, which is what
   * an absent `health_status` means (istioctl prints UNKNOWN then).
   */
  healthStatus: string;
  /** `load_balancing_weight`; Envoy treats an absent weight as 1. */
  weight?: number;
  hostname?: string;
  identity: EndpointIdentity;
  /**
   * `filter_metadata.envoy.transport_socket_match.tlsMode` (`istio` for an injected workload):
   * picks the cluster's transport_socket_matches entry. Absent means plaintext under auto mTLS.
   */
  tlsMode?: string;
  raw: JsonObject;
}

export interface LocalityLbEndpoints {
  locality: Locality;
  /** 0 is the highest priority (the default). */
  priority: number;
  /** Locality `load_balancing_weight` (locality-weighted LB). */
  weight?: number;
  endpoints: LbEndpoint[];
}

/** EDS data for one cluster (a ClusterLoadAssignment). */
export interface ClusterLoadAssignment {
  clusterName: string;
  localities: LocalityLbEndpoints[];
  meta: ResourceMeta;
  raw: JsonObject;
}

/** One host's live state from /clusters?format=json (or `istioctl pc endpoints -o json`). */
export interface HostStatus {
  address: SocketAddress;
  hostname?: string;
  locality: Locality;
  /** EDS health status name, as istioctl's STATUS column. */
  healthStatus: string;
  /** `failed_outlier_check`: ejected by outlier detection. */
  outlierEjected: boolean;
  failedActiveHealthCheck: boolean;
  pendingDynamicRemoval: boolean;
  failedActiveDegradedCheck: boolean;
  /** Awaiting its first active health check. */
  pendingActiveHc: boolean;
  excludedViaImmediateHcFail: boolean;
  activeHcTimeout: boolean;
  weight?: number;
  priority?: number;
  /** cx_total, rq_error, rq_success, rq_timeout, rq_total, cx_active, rq_active (absent counters are 0). */
  stats: Record<string, number>;
  /** Success rate 0–100 over the last outlier-detection interval, when Envoy computed one. */
  successRate?: number;
  localOriginSuccessRate?: number;
}

export interface ClusterStatus {
  name: string;
  addedViaApi: boolean;
  hosts: HostStatus[];
  circuitBreakers: CircuitBreakerThresholds[];
  observabilityName?: string;
  edsServiceName?: string;
  /** The success-rate ejection threshold Envoy used in the last interval (0–100), when computed. */
  successRateEjectionThreshold?: number;
  raw: JsonObject;
}

export interface ProxyNode {
  id: string;
  /** `sidecar~10.0.0.1~productpage-v1-abc.bookinfo~bookinfo.svc.cluster.local` → sidecar / router. */
  proxyType?: string;
  ip?: string;
  podName?: string;
  namespace?: string;
  istioVersion?: string;
  /** ISTIO_PROXY_SHA (after the `:`), as istioctl's bootstrap summary. */
  istioProxySha?: string;
  /**
   * From `user_agent_build_version`, formatted as istioctl's bootstrap summary:
   * `major.minor.patch[-build.label][/revision.status][/build.type][/ssl.version]`.
   * Undefined when the bootstrap has no build version (istioctl then prints `0.0.0`).
   */
  envoyVersion?: string;
  labels: Record<string, string>;
  clusterId?: string;
  meshId?: string;
  workloadName?: string;
  revision?: string;
  raw: JsonObject;
}

/** A certificate (chain or CA bundle) as the secret carries it: a DataSource. */
export interface SecretCertificate {
  /** `inline_bytes`: base64 of the PEM text. */
  inlineBytes?: string;
  inlineString?: string;
  filename?: string;
  /** SPIFFE validator: the trust domain this bundle belongs to. */
  trustDomain?: string;
}

/**
 * An SDS secret (envoy.extensions.transport_sockets.tls.v3.Secret). The loader deletes private
 * key material (`private_key`, `pkcs12`, `password`, session ticket keys, generic secrets) from
 * the input, so neither this model nor `raw` ever holds it.
 */
export interface Secret {
  name: string;
  state: ResourceState;
  versionInfo?: string;
  lastUpdated?: string;
  /** `Cert Chain` (tls_certificate), `CA` (validation_context), `Unknown` (neither; istioctl prints an empty TYPE). */
  kind: 'Cert Chain' | 'CA' | 'Unknown';
  /** Certificates for the table; never private keys. */
  certificates: SecretCertificate[];
  raw: JsonObject;
}

/** An extension config served by ECDS (e.g. a Wasm plugin or Istio telemetry filter). */
export interface EcdsFilter {
  name: string;
  /** The typed_config's type URL; '' when the dump has none (istioctl prints an empty TYPE). */
  typeUrl: string;
  meta: ResourceMeta;
  raw: JsonObject;
}

/** A config section meshscope read but does not model (unknown @type, scoped routes). Kept as is. */
export interface UnknownConfig {
  typeUrl: string;
  where: string;
  raw: JsonObject;
}

/** Which sections the input had; what is missing is said to the user. */
export interface SectionsPresent {
  bootstrap: boolean;
  listeners: boolean;
  routes: boolean;
  clusters: boolean;
  endpoints: boolean;
  secrets: boolean;
  ecds: boolean;
  hostStatus: boolean;
}

/**
 * Everything meshscope knows about one proxy. Lists keep istioctl's order: dynamic (active,
 * then warming/draining) entries before static ones. Inline route configs (an HCM's
 * `route_config`) are not in `routeConfigs` (istioctl's route table omits them either): reach
 * them through the listener's http_connection_manager filter.
 */
export interface ProxyConfig {
  /** File name or `pod.namespace`. */
  source: string;
  node?: ProxyNode;
  listeners: Listener[];
  routeConfigs: RouteConfig[];
  /** Route config name → its RDS/static metadata. */
  routeConfigMeta: Map<string, ResourceMeta>;
  clusters: Cluster[];
  /** EDS ClusterLoadAssignments. */
  endpoints: ClusterLoadAssignment[];
  /** /clusters data, when given. */
  hostStatus: ClusterStatus[];
  secrets: Secret[];
  ecds: EcdsFilter[];
  /** Config dump sections with an unknown @type (and other unmodelled ones), kept for display. */
  unknownConfigs: UnknownConfig[];
  sections: SectionsPresent;
  issues: LoadIssue[];
  /** Indexes, built once at load. */
  index: ProxyIndex;
}

/** Lookups by name. Where a name has several entries (active and warming) the active one wins. */
export interface ProxyIndex {
  listenerByName: Map<string, Listener>;
  routeConfigByName: Map<string, RouteConfig>;
  clusterByName: Map<string, Cluster>;
  /** EDS ClusterLoadAssignment by cluster name (cluster_name or eds service_name). */
  endpointsByCluster: Map<string, ClusterLoadAssignment>;
  hostStatusByCluster: Map<string, ClusterStatus>;
}
