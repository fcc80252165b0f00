import { parseClusterName, splitInboundVipSubset } from './cluster-name.ts';
import { checkThresholds, lbPolicyOf, parseOutlierDetection, parseThresholds, sameThreshold } from './cluster-policies.ts';
import { clusterTls } from './cluster-tls.ts';
import { mapObjects } from './collect.ts';
import { checkLoadAssignment, parseClusterLoadAssignment } from './endpoints.ts';
import { checkEnum, DISCOVERY_TYPE, enumOr, LB_POLICY } from './enums.ts';
import { durationField, durationValue } from './field-checks.ts';
import type { IssueSink } from './issues.ts';
import { asString, isObject, type JsonObject, sameFlat } from './json.ts';
import { CLUSTER } from './known-fields.ts';
import { LoadCache } from './load-cache.ts';
import type { Cluster, ResourceMeta } from './types.ts';

/**
 * An envoy.config.cluster.v3.Cluster. Istio names clusters `direction|port|subset|host` and
 * stamps `metadata.filter_metadata.istio` with the DestinationRule (`config`), the `subset` and
 * the `services` the cluster stands for.
 */
const sameService = (a: JsonObject, b: JsonObject): boolean => a.host === b.host && a.name === b.name && a.namespace === b.namespace;

/** `istio.services`: `{host, name, namespace}` of each Service the cluster stands for. */
function parseServices(value: unknown): Cluster['services'] {
  return mapObjects(value, (service) => {
    const entry: Cluster['services'][number] = { host: asString(service.host) ?? '' };
    const name = asString(service.name);
    const namespace = asString(service.namespace);
    if (name !== undefined) entry.name = name;
    if (namespace !== undefined) entry.namespace = namespace;
    return entry;
  });
}

const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** `metadata.filter_metadata.istio`, read without helper calls: this runs for every cluster of a dump. */
function istioOf(raw: JsonObject): JsonObject | undefined {
  const metadata = raw.metadata;
  if (!isObject(metadata)) return undefined;
  const filterMetadata = metadata.filter_metadata;
  if (!isObject(filterMetadata)) return undefined;
  const istio = filterMetadata.istio;
  return isObject(istio) ? istio : undefined;
}

/** Reports the fields of a Cluster (and of its inline load_assignment) meshscope does not read. */
export function checkCluster(raw: JsonObject, sink: IssueSink): void {
  const name = str(raw.name) ?? '';
  sink.unknownFieldsIn('cluster', 'clusters', name, raw, CLUSTER);
  checkEnum(DISCOVERY_TYPE, raw.type, 'STATIC', sink, `clusters[${name}]`, 'type');
  if (raw.load_balancing_policy === undefined) checkEnum(LB_POLICY, raw.lb_policy, 'ROUND_ROBIN', sink, `clusters[${name}]`, 'lb_policy');
  if (isObject(raw.load_assignment)) checkLoadAssignment(raw.load_assignment, sink, name);
  durationField(raw.connect_timeout, sink, `clusters[${name}]`, 'connect_timeout', CONNECT_TIMEOUT);
  if (isObject(raw.circuit_breakers)) checkThresholds(raw.circuit_breakers.thresholds, sink, `clusters[${name}]`);
}

/** cluster.proto: `google.protobuf.Duration connect_timeout = 4 [(validate.rules).duration = {gt {}}]`. */
const CONNECT_TIMEOUT = { rule: 'Cluster.connect_timeout duration gt 0', positive: true };

/** Without a `sink` the caller checks the fields itself (`checkCluster`), e.g. when the issues are listed. */
export function parseCluster(raw: JsonObject, meta: ResourceMeta, sink: IssueSink | undefined, cache = new LoadCache()): Cluster {
  if (sink) checkCluster(raw, sink);
  const name = str(raw.name) ?? '';
  const istio = istioOf(raw);
  const tls = clusterTls(raw);
  const breakers = raw.circuit_breakers;
  const lb = lbPolicyOf(raw.lb_policy, raw.load_balancing_policy);
  const cluster: Cluster = {
    name,
    // istioctl prints the discovery type enum; a cluster_type extension leaves it at STATIC.
    type: enumOr(DISCOVERY_TYPE, raw.type, 'STATIC'),
    lbPolicy: lb.policy,
    circuitBreakers: cache.sameAsLast('thresholds', isObject(breakers) ? breakers.thresholds : undefined, sameThreshold, parseThresholds),
    tlsMode: tls.tlsMode,
    autoMtls: tls.autoMtls,
    services: cache.sameAsLast('services', istio?.services, sameService, parseServices),
    meta,
    raw,
  };
  if (lb.extension !== undefined) cluster.lbPolicyExtension = lb.extension;
  if (tls.sni) cluster.sni = tls.sni;
  const istioName = parseClusterName(name);
  if (istioName) cluster.istioName = istioName;
  const clusterType = raw.cluster_type;
  if (isObject(clusterType)) cluster.customType = str(clusterType.name) ?? '';
  // A value Envoy's schema rejects (checkCluster reports it) is left out.
  const connectTimeoutMs = durationValue(raw.connect_timeout);
  if (typeof connectTimeoutMs === 'number' && connectTimeoutMs > 0) cluster.connectTimeoutMs = connectTimeoutMs;
  // A DestinationRule's outlierDetection is the same on each of its subsets' clusters: shared.
  const outlier = raw.outlier_detection;
  if (isObject(outlier)) cluster.outlierDetection = cache.sameAsLast('outlier', outlier, sameFlat, parseOutlierDetection)!;
  const eds = raw.eds_cluster_config;
  const edsServiceName = isObject(eds) ? str(eds.service_name) : undefined;
  if (edsServiceName) cluster.edsServiceName = edsServiceName;
  const config = str(istio?.config);
  if (config) cluster.destinationRule = cache.istioRef(config);
  // An inbound-vip cluster's `istio.subset` is `http` / `http/<subset>` too (AddSubsetToMetadata in buildWaypointInboundVIPCluster).
  const subsetMeta = str(istio?.subset);
  const subset = subsetMeta !== undefined && istioName?.direction === 'inbound-vip' ? splitInboundVipSubset(subsetMeta).subset || undefined : subsetMeta;
  if (subset !== undefined) cluster.istioSubset = subset;
  const loadAssignment = raw.load_assignment;
  if (isObject(loadAssignment)) cluster.loadAssignment = parseClusterLoadAssignment(loadAssignment, meta, undefined, name, cache);
  return cluster;
}
