import type { JsonObject } from '../envoy/json.ts';
import type { ProxySummary } from '../istio/proxy-status.ts';

/**
 * The inverse of `parseProxyStatus`: syncz documents (one per istiod, as
 * `istioctl proxy-status -o json` prints) rebuilt from proxy summaries, for sources that only
 * hand out summaries. Reading them back gives the same summaries.
 */
const TYPE_URLS: Record<string, string> = {
  CDS: 'type.googleapis.com/envoy.config.cluster.v3.Cluster',
  LDS: 'type.googleapis.com/envoy.config.listener.v3.Listener',
  EDS: 'type.googleapis.com/envoy.config.endpoint.v3.ClusterLoadAssignment',
  RDS: 'type.googleapis.com/envoy.config.route.v3.RouteConfiguration',
  ECDS: 'type.googleapis.com/envoy.config.core.v3.TypedExtensionConfig',
};

function clientConfig(p: ProxySummary): JsonObject {
  const metadata: JsonObject = { NAME: p.pod, NAMESPACE: p.namespace };
  if (p.istioVersion) metadata.ISTIO_VERSION = p.istioVersion;
  if (p.clusterId) metadata.CLUSTER_ID = p.clusterId;
  if (p.labels && Object.keys(p.labels).length > 0) metadata.LABELS = { ...p.labels };
  const node: JsonObject = { id: `${p.proxyType ?? 'sidecar'}~~${p.pod}.${p.namespace}~${p.namespace}.svc.cluster.local`, metadata };
  const genericXdsConfigs = Object.entries(p.sync).map(([type, status]) => ({ typeUrl: TYPE_URLS[type] ?? type, configStatus: status }));
  return { '@type': 'type.googleapis.com/envoy.service.status.v3.ClientConfig', node, genericXdsConfigs };
}

/** One document per istiod (proxies without a known istiod share one). */
export function syncDocumentsFromSummaries(proxies: ProxySummary[]): JsonObject[] {
  const byIstiod = new Map<string, ProxySummary[]>();
  for (const p of proxies) {
    const key = p.istiod ?? '';
    byIstiod.set(key, [...(byIstiod.get(key) ?? []), p]);
  }
  return [...byIstiod].map(([istiod, list]) => {
    const doc: JsonObject = { resources: list.map(clientConfig) };
    const version = list.find((p) => p.istiodVersion)?.istiodVersion;
    if (istiod) doc.controlPlane = { identifier: JSON.stringify({ ID: istiod, Info: version ? { version } : {} }) };
    return doc;
  });
}
