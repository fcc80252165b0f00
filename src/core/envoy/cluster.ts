import { parseClusterName } from './cluster-name.ts';
import { lbPolicyOf, parseOutlierDetection, parseThresholds, sameThreshold } from './cluster-policies.ts';
import { clusterTls } from './cluster-tls.ts';
import { parseClusterLoadAssignment } from './endpoints.ts';
import { mapObjects } from './collect.ts';
import { asObject, asString, durationMs, isObject, sameJson, type JsonObject } from './json.ts';
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

export function parseCluster(raw: JsonObject, meta: ResourceMeta, sink: IssueSink, cache = new LoadCache()): Cluster {
  const name = asString(raw.name) ?? '';
  sink.unknownFieldsIn('cluster', 'clusters', name, raw, CLUSTER);
  const istio = asObject(asObject(asObject(raw.metadata)?.filter_metadata)?.istio);
  const tls = clusterTls(raw);
  const cluster: Cluster = {
    name,
    // istioctl prints the discovery type enum; a cluster_type extension leaves it at STATIC.
    type: asString(raw.type) ?? 'STATIC',
    lbPolicy: lbPolicyOf(raw.lb_policy, raw.load_balancing_policy),
    circuitBreakers: cache.sameAsLast('thresholds', asObject(raw.circuit_breakers)?.thresholds, sameThreshold, parseThresholds),
    tlsMode: tls.tlsMode,
    autoMtls: tls.autoMtls,
    services: cache.sameAsLast('services', istio?.services, sameService, parseServices),
    meta,
    raw,
  };
  if (tls.sni) cluster.sni = tls.sni;
  const istioName = parseClusterName(name);
  if (istioName) cluster.istioName = istioName;
  const clusterType = asObject(raw.cluster_type);
  if (clusterType) cluster.customType = asString(clusterType.name) ?? '';
  const connectTimeoutMs = durationMs(raw.connect_timeout);
  if (connectTimeoutMs !== undefined) cluster.connectTimeoutMs = connectTimeoutMs;
  // A DestinationRule's outlierDetection is the same on each of its subsets' clusters: shared.
  const outlier = isObject(raw.outlier_detection) ? cache.sameAsLast('outlier', raw.outlier_detection, sameJson, parseOutlierDetection) : undefined;
  if (outlier) cluster.outlierDetection = outlier;
  const edsServiceName = asString(asObject(raw.eds_cluster_config)?.service_name);
  if (edsServiceName) cluster.edsServiceName = edsServiceName;
  const config = asString(istio?.config);
  if (config) cluster.destinationRule = cache.istioRef(config);
  const subset = asString(istio?.subset);
  if (subset !== undefined) cluster.istioSubset = subset;
  const loadAssignment = asObject(raw.load_assignment);
  if (loadAssignment) cluster.loadAssignment = parseClusterLoadAssignment(loadAssignment, meta, sink, name, cache);
  return cluster;
}
