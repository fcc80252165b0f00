import type { CircuitBreakerThresholds } from './cluster-types.ts';
import type { HealthStatus } from './enums.ts';
import type { JsonObject } from './json.ts';
import type { Lazy } from './lazy.ts';
import type { ResourceMeta, SocketAddress } from './types.ts';

/** The endpoint side of the model: EDS assignments and the live host state from /clusters. */

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
  /** As EDS says; UNKNOWN (protobuf's default) is what an absent `health_status` means (istioctl prints UNKNOWN then). */
  healthStatus: HealthStatus;
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
  /** Parsed on first read: a dump holds an assignment for every cluster, a command looks at a few. */
  localities: Lazy<LocalityLbEndpoints[]>;
  meta: ResourceMeta;
  raw: JsonObject;
}

/** One host's live state from /clusters?format=json (or `istioctl pc endpoints -o json`). */
export interface HostStatus {
  address: SocketAddress;
  hostname?: string;
  locality: Locality;
  /** EDS health status, as istioctl's STATUS column. */
  healthStatus: HealthStatus;
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
