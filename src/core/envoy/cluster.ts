import { parseClusterName } from './cluster-name.ts';
import { lbPolicyOf, parseOutlierDetection, parseThresholds, sameThreshold } from './cluster-policies.ts';
import { clusterTls } from './cluster-tls.ts';
import { parseClusterLoadAssignment } from './endpoints.ts';
import { mapObjects } from './collect.ts';
import { asString, durationMs, isObject, sameFlat, type JsonObject } from './json.ts';
import type { IssueSink } from './issues.ts';
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

export function parseCluster(raw: JsonObject, meta: ResourceMeta, sink: IssueSink, cache = new LoadCache()): Cluster {
  const name = str(raw.name) ?? '';
  sink.unknownFieldsIn('cluster', 'clusters', name, raw, CLUSTER);
  const istio = istioOf(raw);
  const tls = clusterTls(raw);
  const breakers = raw.circuit_breakers;
  const cluster: Cluster = {
    name,
    // istioctl prints the discovery type enum; a cluster_type extension leaves it at STATIC.
    type: str(raw.type) ?? 'STATIC',
    lbPolicy: raw.load_balancing_policy === undefined ? (str(raw.lb_policy) ?? 'ROUND_ROBIN') : lbPolicyOf(raw.lb_policy, raw.load_balancing_policy),
    circuitBreakers: cache.sameAsLast('thresholds', isObject(breakers) ? breakers.thresholds : undefined, sameThreshold, parseThresholds),
    tlsMode: tls.tlsMode,
    autoMtls: tls.autoMtls,
    services: cache.sameAsLast('services', istio?.services, sameService, parseServices),
    meta,
    raw,
  };
  if (tls.sni) cluster.sni = tls.sni;
  const istioName = parseClusterName(name);
  if (istioName) cluster.istioName = istioName;
  const clusterType = raw.cluster_type;
  if (isObject(clusterType)) cluster.customType = str(clusterType.name) ?? '';
  const connectTimeoutMs = raw.connect_timeout === undefined ? undefined : durationMs(raw.connect_timeout);
  if (connectTimeoutMs !== undefined) cluster.connectTimeoutMs = connectTimeoutMs;
  // A DestinationRule's outlierDetection is the same on each of its subsets' clusters: shared.
  const outlier = raw.outlier_detection;
  if (isObject(outlier)) cluster.outlierDetection = cache.sameAsLast('outlier', outlier, sameFlat, parseOutlierDetection)!;
  const eds = raw.eds_cluster_config;
  const edsServiceName = isObject(eds) ? str(eds.service_name) : undefined;
  if (edsServiceName) cluster.edsServiceName = edsServiceName;
  const config = str(istio?.config);
  if (config) cluster.destinationRule = cache.istioRef(config);
  const subset = str(istio?.subset);
  if (subset !== undefined) cluster.istioSubset = subset;
  const loadAssignment = raw.load_assignment;
  if (isObject(loadAssignment)) cluster.loadAssignment = parseClusterLoadAssignment(loadAssignment, meta, sink, name, cache);
  return cluster;
}
