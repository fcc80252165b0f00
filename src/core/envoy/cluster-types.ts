import type { ClusterName } from './cluster-name.ts';
import type { ClusterLoadAssignment } from './endpoint-types.ts';
import type { DiscoveryType, LbPolicy } from './enums.ts';
import type { IstioRef } from './istio-metadata.ts';
import type { JsonObject } from './json.ts';
import type { ResourceMeta } from './types.ts';

/** The cluster side of the model (envoy.config.cluster.v3): upstream policies Istio derives from DestinationRules. */

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
  /** Envoy's default is 0: a consecutive-gateway-failure ejection is detected but not enforced unless this is set. */
  enforcingConsecutiveGatewayFailure?: number;
  enforcingSuccessRate?: number;
  /** outlier_detection.proto: defaults to 100. */
  enforcingConsecutiveLocalOriginFailure?: number;
  /** Envoy's default is 0 (failure-percentage ejection off). */
  enforcingFailurePercentage?: number;
  splitExternalLocalOriginErrors?: boolean;
}

export interface Cluster {
  name: string;
  /** Parsed Istio name, when the name has that form. */
  istioName?: ClusterName;
  /** The discovery type; a cluster_type extension reports STATIC (as istioctl). */
  type: DiscoveryType;
  /** The cluster_type extension name, if any. */
  customType?: string;
  /** ROUND_ROBIN by default; from `load_balancing_policy` when set (an extension maps to its enum name). */
  lbPolicy: LbPolicy;
  /** A `load_balancing_policy` extension with no enum name (then `lbPolicy` is LOAD_BALANCING_POLICY_CONFIG). */
  lbPolicyExtension?: string;
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
