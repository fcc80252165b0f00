import type { JsonObject } from '../envoy/json.ts';

/** A runtime layer value, as `envoy.reloadable_features.x: true` or `www2_weights.cluster1: 80`. */
export type RuntimeValue = number | string | boolean;

/**
 * What the request alone does not say, passed in by the caller (explain, route-check).
 * Everything is optional: without `randomValue` a weighted split or a partial runtime fraction
 * is left undecided and reported as such.
 */
export interface RouteOptions {
  /**
   * Envoy's per-request random value (a uint64; the stream id in a real proxy, `random_value`
   * in router_check). Decides weighted_clusters picks and runtime_fraction gates.
   */
  randomValue?: bigint;
  /** Runtime overrides: `runtime_fraction.runtime_key` numerators, `runtime_key_prefix.<cluster>` weights. */
  runtime?: Record<string, RuntimeValue>;
  /**
   * `envoy` (default): a runtime_fraction route matches when `(R mod denominator) < numerator`,
   * the numerator from runtime[runtime_key] or the default. `router_check`: Envoy's
   * router_check_tool mock, where only `routerCheckRuntimeKey` is ever enabled and a default
   * numerator of 0 counts as 1.
   */
  runtimeFractionMode?: 'envoy' | 'router_check';
  /** router_check's `input.runtime`: the one runtime key treated as enabled. */
  routerCheckRuntimeKey?: string;
  /** Stream dynamic metadata by filter namespace (`envoy.lb`, `example.meta`) for `dynamic_metadata` matchers. */
  dynamicMetadata?: Record<string, JsonObject>;
  /** The downstream TLS connection, for `tls_context` matchers; absent means no client certificate. */
  tls?: { peerCertificatePresented: boolean; peerCertificateValidated: boolean };
  /**
   * What the connection manager in front of the router does with a `#fragment` in `:path`
   * (`path-fragment.ts`); absent: nothing, the path is routed as given (router_check_tool).
   */
  pathFragment?: { policy: 'reject' | 'strip' | 'keep'; assumed: boolean };
}
