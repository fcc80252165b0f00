import type { LbPolicy } from '../envoy/enums.ts';
import { asArray, asBool, asNumber, asObject, asString, isObject, type JsonObject, unwrap } from '../envoy/json.ts';
import type { Cluster, ClusterLoadAssignment, ProxyConfig } from '../envoy/types.ts';

/**
 * What a cluster's load balancer is configured with, for the endpoint shares: the policy, the
 * panic threshold and locality weighting (`common_lb_config`, or the `locality_lb_config` of a
 * `load_balancing_policy` round_robin / least_request / random extension), and the EDS `policy`
 * (overprovisioning, weighted priority health). Things that change the shares but are not
 * interpreted are listed in `uninterpreted`.
 */
export interface LbSettings {
  policy: LbPolicy;
  /** The `load_balancing_policy` extension name when it has no enum name. */
  extension?: string;
  /** Percent (140 = 1.4): Envoy's kDefaultOverProvisioningFactor when the assignment says nothing. */
  overprovisioningFactor: number;
  weightedPriorityHealth: boolean;
  /** Percent; 50 when absent; Istio writes 0 (`{}`) with outlier detection (applyOutlierDetection). */
  panicThreshold: number;
  /** `locality_weighted_lb_config` is set: localities are picked by weight × availability. */
  localityWeighted: boolean;
  /** `zone_aware_lb_config` with routing enabled (not interpreted: it needs the local cluster's hosts). */
  zoneAware: boolean;
  /** Things in the config that change which endpoint takes a request and are not interpreted. */
  uninterpreted: string[];
}

/** envoy.config.endpoint.v3.ClusterLoadAssignment.Policy: `overprovisioning_factor` (UInt32Value, gt 0), default 140. */
export const DEFAULT_OVERPROVISIONING = 140;
/** cluster.proto CommonLbConfig `healthy_panic_threshold`: "Defaults to 50%". */
export const DEFAULT_PANIC_THRESHOLD = 50;

const EXTENSION_LOCALITY: Record<string, true> = {
  'envoy.extensions.load_balancing_policies.round_robin.v3.RoundRobin': true,
  'envoy.extensions.load_balancing_policies.least_request.v3.LeastRequest': true,
  'envoy.extensions.load_balancing_policies.random.v3.Random': true,
};

/** `PROTOBUF_PERCENT_TO_ROUNDED_INTEGER_OR_DEFAULT(common_config, healthy_panic_threshold, 100, 50)`. */
function panicThresholdOf(common: JsonObject | undefined): number {
  const threshold = common?.healthy_panic_threshold;
  if (threshold === undefined) return DEFAULT_PANIC_THRESHOLD;
  const value = asNumber(asObject(threshold)?.value) ?? 0;
  return Math.min(100, Math.max(0, Math.round(value)));
}

/** The first `load_balancing_policy` policy's typed config, when it is an extension with locality settings. */
function extensionLocalityConfig(raw: JsonObject): JsonObject | undefined {
  const first = asObject(asArray(asObject(raw.load_balancing_policy)?.policies)[0]);
  const typed = asObject(asObject(first?.typed_extension_config)?.typed_config);
  const type = asString(typed?.['@type']);
  const short = type?.slice(type.lastIndexOf('/') + 1);
  return short && EXTENSION_LOCALITY[short] ? asObject(typed!.locality_lb_config) : undefined;
}

function zoneAwareOn(config: JsonObject | undefined): boolean {
  if (!isObject(config)) return false;
  const enabled = asObject(config.routing_enabled);
  return enabled === undefined || (asNumber(enabled.value) ?? 0) > 0;
}

/** The load balancer settings of `cluster` with its assignment `cla`. */
export function lbSettingsOf(config: ProxyConfig, cluster: Cluster | undefined, cla: ClusterLoadAssignment | undefined): LbSettings {
  const raw = cluster?.raw ?? {};
  const common = asObject(raw.common_lb_config);
  const policy = asObject(cla?.raw.policy);
  const factor = asNumber(unwrap(policy?.overprovisioning_factor));
  const locality = extensionLocalityConfig(raw) ?? common;
  const uninterpreted: string[] = [];
  const zoneAwareConfig = asObject(locality?.zone_aware_lb_config);
  // Zone-aware routing also needs the bootstrap's local cluster (cluster_manager.local_cluster_name):
  // without one ZoneAwareLoadBalancerBase never leaves NoLocalityRouting. Either way it is not interpreted.
  const zoneAware = zoneAwareOn(zoneAwareConfig);
  if (zoneAware)
    uninterpreted.push(
      "zone-aware routing (zone_aware_lb_config): with a local cluster in the bootstrap, Envoy favours the proxy's own zone within priority 0 by the sizes of the local cluster, which the dump does not hold",
    );
  if (raw.lb_subset_config !== undefined) uninterpreted.push('lb_subset_config: the subset load balancer picks hosts by metadata before these shares apply');
  const slowStart = asObject(raw.round_robin_lb_config)?.slow_start_config ?? asObject(raw.least_request_lb_config)?.slow_start_config;
  if (slowStart !== undefined) uninterpreted.push('slow_start_config: hosts new to the cluster ramp up their weight over the slow start window');
  if (asArray(policy?.drop_overloads).length > 0) uninterpreted.push('drop_overloads: EDS tells Envoy to drop a share of the requests before any endpoint');
  if (asBool(asObject(raw.common_lb_config)?.ignore_new_hosts_until_first_hc) === true && !config.sections.hostStatus)
    uninterpreted.push('ignore_new_hosts_until_first_hc: new hosts take no traffic until their first health check (needs /clusters to tell)');
  const out: LbSettings = {
    policy: cluster?.lbPolicy ?? 'ROUND_ROBIN',
    overprovisioningFactor: factor !== undefined && factor > 0 ? factor : DEFAULT_OVERPROVISIONING,
    weightedPriorityHealth: asBool(policy?.weighted_priority_health) === true,
    panicThreshold: panicThresholdOf(common),
    localityWeighted: locality?.locality_weighted_lb_config !== undefined,
    zoneAware,
    uninterpreted,
  };
  if (cluster?.lbPolicyExtension !== undefined) out.extension = cluster.lbPolicyExtension;
  return out;
}
