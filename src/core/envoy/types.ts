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
}

export type NetworkFilter =
  | {
      kind: 'http_connection_manager';
      name: string;
      /** RDS: the route config name to look up. */
      rdsRouteConfigName?: string;
      /** An inline route_config. */
      routeConfig?: RouteConfig;
      httpFilters: { name: string; typeUrl?: string; raw: JsonObject }[];
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
  /** `istio` mTLS, plain TLS, or none: from the transport socket (or its matches). */
  tlsMode: 'ISTIO_MUTUAL' | 'SIMPLE' | 'MUTUAL' | 'DISABLE' | 'UNKNOWN';
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

export interface EndpointIdentity {
  /** `istio.workload`: `name;namespace;canonical-service;revision;cluster` in Istio's metadata. */
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
  /** HEALTHY, UNHEALTHY, DRAINING, TIMEOUT, DEGRADED, UNKNOWN (EDS default). */
  healthStatus: string;
  weight?: number;
  hostname?: string;
  identity: EndpointIdentity;
  /** The TLS mode label Istio puts in metadata (`istio`, `disabled`). */
  tlsMode?: string;
  raw: JsonObject;
}

export interface LocalityLbEndpoints {
  locality: Locality;
  priority: number;
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
  weight?: number;
  priority?: number;
  /** cx_total, rq_error, rq_success, rq_timeout, rq_total, cx_active, rq_active. */
  stats: Record<string, number>;
  successRate?: number;
}

export interface ClusterStatus {
  name: string;
  addedViaApi: boolean;
  hosts: HostStatus[];
  circuitBreakers: CircuitBreakerThresholds[];
  observabilityName?: string;
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
  envoyVersion?: string;
  labels: Record<string, string>;
  clusterId?: string;
  meshId?: string;
  workloadName?: string;
  revision?: string;
  raw: JsonObject;
}

export interface Secret {
  name: string;
  state: ResourceState;
  versionInfo?: string;
  lastUpdated?: string;
  /** Cert Chain, CA, ... ; the secret payload itself is never kept. */
  kind: 'Cert Chain' | 'CA' | 'Unknown';
  /** PEM/DER certificate bytes (base64) kept for the table: never private keys. */
  certificates: string[];
  raw: JsonObject;
}

export interface EcdsFilter {
  name: string;
  typeUrl: string;
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
  sections: SectionsPresent;
  issues: LoadIssue[];
  /** Indexes, built once at load. */
  index: ProxyIndex;
}

export interface ProxyIndex {
  listenerByName: Map<string, Listener>;
  routeConfigByName: Map<string, RouteConfig>;
  clusterByName: Map<string, Cluster>;
  /** EDS ClusterLoadAssignment by cluster name (cluster_name or eds service_name). */
  endpointsByCluster: Map<string, ClusterLoadAssignment>;
  hostStatusByCluster: Map<string, ClusterStatus>;
}
