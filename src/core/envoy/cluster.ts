import { parseClusterName } from './cluster-name.ts';
import { lbPolicyOf, parseCircuitBreakers, parseOutlierDetection } from './cluster-policies.ts';
import { clusterTls } from './cluster-tls.ts';
import { parseClusterLoadAssignment } from './endpoints.ts';
import { istioMetadata, istioRef } from './istio-metadata.ts';
import { asArray, asObject, asString, durationMs, type JsonObject } from './json.ts';
import type { IssueSink } from './issues.ts';
import { CLUSTER } from './known-fields.ts';
import type { Cluster, ResourceMeta } from './types.ts';

/**
 * An envoy.config.cluster.v3.Cluster. Istio names clusters `direction|port|subset|host` and
 * stamps `metadata.filter_metadata.istio` with the DestinationRule (`config`), the `subset` and
 * the `services` the cluster stands for.
 */
export function parseCluster(raw: JsonObject, meta: ResourceMeta, sink: IssueSink): Cluster {
  const name = asString(raw.name) ?? '';
  const where = `clusters[${name}]`;
  sink.unknownFields('cluster', where, raw, CLUSTER);
  const istio = istioMetadata(raw.metadata);
  const clusterType = asObject(raw.cluster_type);
  const cluster: Cluster = {
    name,
    // istioctl prints the discovery type enum; a cluster_type extension leaves it at STATIC.
    type: asString(raw.type) ?? 'STATIC',
    lbPolicy: lbPolicyOf(raw.lb_policy, raw.load_balancing_policy),
    circuitBreakers: parseCircuitBreakers(raw.circuit_breakers),
    ...clusterTls(raw),
    services: [],
    meta,
    raw,
  };
  const istioName = parseClusterName(name);
  if (istioName) cluster.istioName = istioName;
  if (clusterType) cluster.customType = asString(clusterType.name) ?? '';
  const connectTimeoutMs = durationMs(raw.connect_timeout);
  if (connectTimeoutMs !== undefined) cluster.connectTimeoutMs = connectTimeoutMs;
  const outlier = parseOutlierDetection(raw.outlier_detection);
  if (outlier) cluster.outlierDetection = outlier;
  const edsServiceName = asString(asObject(raw.eds_cluster_config)?.service_name);
  if (edsServiceName) cluster.edsServiceName = edsServiceName;
  const destinationRule = istioRef(raw.metadata);
  if (destinationRule) cluster.destinationRule = destinationRule;
  if (istio) {
    const subset = asString(istio.subset);
    if (subset !== undefined) cluster.istioSubset = subset;
    for (const item of asArray(istio.services)) {
      const service = asObject(item);
      const host = asString(service?.host);
      if (!service || host === undefined) continue;
      const entry: Cluster['services'][number] = { host };
      const svcName = asString(service.name);
      const namespace = asString(service.namespace);
      if (svcName !== undefined) entry.name = svcName;
      if (namespace !== undefined) entry.namespace = namespace;
      cluster.services.push(entry);
    }
  }
  const loadAssignment = asObject(raw.load_assignment);
  if (loadAssignment) cluster.loadAssignment = parseClusterLoadAssignment(loadAssignment, meta, sink, name);
  return cluster;
}
