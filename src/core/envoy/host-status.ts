import { parseAddress, parseLocality } from './address.ts';
import { parseCircuitBreakers } from './cluster-policies.ts';
import { mapObjects } from './collect.ts';
import { checkEnum, enumOr, HEALTH_STATUS } from './enums.ts';
import type { IssueSink } from './issues.ts';
import { asArray, asBool, asNumber, asObject, asString, type JsonObject } from './json.ts';
import { CLUSTER_STATUS, HOST_HEALTH_STATUS, HOST_STATUS } from './known-fields.ts';
import type { ClusterStatus, HostStatus } from './types.ts';

/**
 * Live host state from Envoy's `/clusters?format=json` (envoy.admin.v3.Clusters) or
 * `istioctl proxy-config endpoints POD -o json` (the same ClusterStatus list, camelCase).
 * `failed_outlier_check` is outlier ejection; `eds_health_status` is what EDS said.
 */

/** A type.v3.Percent `{value: 0–100}`. */
const percent = (value: unknown): number | undefined => asNumber(asObject(value)?.value);

function parseStats(value: unknown): Record<string, number> {
  const stats: Record<string, number> = {};
  for (const item of asArray(value)) {
    const metric = asObject(item);
    const name = asString(metric?.name);
    // SimpleMetric: uint64 `value` (a string in protojson), omitted when 0.
    if (name !== undefined) stats[name] = asNumber(metric!.value) ?? 0;
  }
  return stats;
}

function parseHostStatus(raw: JsonObject, sink: IssueSink, where: string): HostStatus {
  sink.unknownFields('host_status', where, raw, HOST_STATUS);
  const health = asObject(raw.health_status) ?? {};
  sink.unknownFields('host_health_status', where, health, HOST_HEALTH_STATUS);
  checkEnum(HEALTH_STATUS, health.eds_health_status, 'UNKNOWN', sink, where, 'eds_health_status');
  const flag = (key: string): boolean => asBool(health[key]) === true;
  const host: HostStatus = {
    address: parseAddress(raw.address) ?? { address: '', port: 0 },
    locality: parseLocality(raw.locality),
    healthStatus: enumOr(HEALTH_STATUS, health.eds_health_status, 'UNKNOWN'),
    outlierEjected: flag('failed_outlier_check'),
    failedActiveHealthCheck: flag('failed_active_health_check'),
    pendingDynamicRemoval: flag('pending_dynamic_removal'),
    failedActiveDegradedCheck: flag('failed_active_degraded_check'),
    pendingActiveHc: flag('pending_active_hc'),
    excludedViaImmediateHcFail: flag('excluded_via_immediate_hc_fail'),
    activeHcTimeout: flag('active_hc_timeout'),
    stats: parseStats(raw.stats),
  };
  const hostname = asString(raw.hostname);
  if (hostname) host.hostname = hostname;
  const weight = asNumber(raw.weight);
  if (weight !== undefined) host.weight = weight;
  const priority = asNumber(raw.priority);
  if (priority !== undefined) host.priority = priority;
  const successRate = percent(raw.success_rate);
  if (successRate !== undefined) host.successRate = successRate;
  const localOrigin = percent(raw.local_origin_success_rate);
  if (localOrigin !== undefined) host.localOriginSuccessRate = localOrigin;
  return host;
}

/** One envoy.admin.v3.ClusterStatus. */
export function parseClusterStatus(raw: JsonObject, sink: IssueSink): ClusterStatus {
  const name = asString(raw.name) ?? '';
  const where = `host_statuses[${name}]`;
  sink.unknownFields('cluster_status', where, raw, CLUSTER_STATUS);
  const hosts = mapObjects(raw.host_statuses, (item) => parseHostStatus(item, sink, where));
  const status: ClusterStatus = {
    name,
    addedViaApi: asBool(raw.added_via_api) === true,
    hosts,
    circuitBreakers: parseCircuitBreakers(raw.circuit_breakers),
    raw,
  };
  const observabilityName = asString(raw.observability_name);
  if (observabilityName) status.observabilityName = observabilityName;
  const edsServiceName = asString(raw.eds_service_name);
  if (edsServiceName) status.edsServiceName = edsServiceName;
  const threshold = percent(raw.success_rate_ejection_threshold);
  if (threshold !== undefined) status.successRateEjectionThreshold = threshold;
  return status;
}
