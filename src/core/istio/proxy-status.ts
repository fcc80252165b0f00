import { parseNode } from '../envoy/bootstrap.ts';
import { asArray, asObject, asString, isObject, type Json } from '../envoy/json.ts';

/** xDS sync state per type, as `istioctl proxy-status` shows it. */
export type SyncState = 'SYNCED' | 'NOT SENT' | 'STALE' | 'ERROR' | 'UNKNOWN' | string;

/** One proxy as istiod sees it: who it is and whether its config is in sync. */
export interface ProxySummary {
  /** `pod.namespace`: what istioctl takes as the proxy name. */
  name: string;
  pod: string;
  namespace: string;
  /** `sidecar`, `router` (gateway), `waypoint`. */
  proxyType?: string;
  istioVersion?: string;
  clusterId?: string;
  /** The istiod instance that serves it. */
  istiod?: string;
  istiodVersion?: string;
  /** CDS, LDS, EDS, RDS, ECDS → state. */
  sync: Record<string, SyncState>;
  /** The pod's labels, from the node metadata `LABELS` (what `meshtop -l` selects on). */
  labels?: Record<string, string>;
  /** A capture folder's answer to "is there a config dump to open?" (undefined for sources that fetch on demand). */
  captured?: boolean;
}

const TYPE_NAMES: Record<string, string> = {
  'envoy.config.cluster.v3.Cluster': 'CDS',
  'envoy.config.listener.v3.Listener': 'LDS',
  'envoy.config.endpoint.v3.ClusterLoadAssignment': 'EDS',
  'envoy.config.route.v3.RouteConfiguration': 'RDS',
  'envoy.config.core.v3.TypedExtensionConfig': 'ECDS',
};

function shortType(typeUrl: string): string {
  const bare = typeUrl.replace(/^type\.googleapis\.com\//, '');
  return TYPE_NAMES[bare] ?? bare;
}

function istiodIdentity(doc: Json): { id?: string; version?: string } {
  const identifier = asString(asObject(asObject(doc)?.controlPlane ?? asObject(doc)?.control_plane)?.identifier);
  if (!identifier) return {};
  try {
    const parsed = JSON.parse(identifier) as { ID?: string; Info?: { version?: string } };
    return { id: parsed.ID, version: parsed.Info?.version };
  } catch {
    return {};
  }
}

/**
 * Reads `istioctl proxy-status -o json`: one syncz DiscoveryResponse per istiod (already split),
 * each with ClientConfig resources (node + per-type config status). `controlPlane.identifier` is
 * JSON inside a string.
 */
export function parseProxyStatus(docs: Json[]): ProxySummary[] {
  const out: ProxySummary[] = [];
  for (const doc of docs) {
    const istiod = istiodIdentity(doc);
    for (const resource of asArray(asObject(doc)?.resources)) {
      if (!isObject(resource) || !isObject(resource.node)) continue;
      const node = parseNode(resource.node as never);
      const sync: Record<string, SyncState> = {};
      for (const x of asArray(resource.genericXdsConfigs ?? resource.generic_xds_configs)) {
        const o = asObject(x);
        const type = asString(o?.typeUrl ?? o?.type_url);
        if (type) sync[shortType(type)] = asString(o?.configStatus ?? o?.config_status) ?? 'UNKNOWN';
      }
      const pod = node.podName ?? node.id;
      const namespace = node.namespace ?? '';
      out.push({
        name: namespace ? `${pod}.${namespace}` : pod,
        pod,
        namespace,
        proxyType: node.proxyType,
        istioVersion: node.istioVersion,
        clusterId: node.clusterId,
        istiod: istiod.id,
        istiodVersion: istiod.version,
        sync,
        labels: node.labels,
      });
    }
  }
  return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
