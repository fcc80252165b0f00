import { filterChainsOf } from '../envoy/listener-chains.ts';
import type { ProxyConfig } from '../envoy/types.ts';

/** What happens after a cluster whose endpoints are Envoy internal listeners, in words. */
export interface InternalUpstream {
  result: string;
  reason: string;
  caveats: string[];
}

/**
 * A cluster whose endpoints are `envoy_internal_address` (a waypoint's `inbound-vip|…` clusters,
 * Istio's `util.BuildInternalEndpoint`) hands each connection to the internal listener named
 * `server_listener_name`, with `endpoint_id` (the pod's `IP:port`) passed as the original
 * destination (internal_upstream's passthrough metadata → original_dst). On a waypoint that is
 * `connect_originate`, whose TCP proxy tunnels to the pod over HBONE through the cluster of the
 * same name. A listener the dump does not hold is said, not guessed.
 */
export function internalUpstream(config: ProxyConfig, clusterName: string): InternalUpstream | undefined {
  const cluster = config.index.clusterByName.get(clusterName);
  const cla = cluster?.loadAssignment ?? config.index.endpointsByCluster.get(clusterName);
  const targets = new Map<string, string[]>();
  for (const locality of cla?.localities.value ?? []) {
    for (const e of locality.endpoints) {
      const name = e.address.internalListener;
      if (name === undefined) continue;
      const ids = targets.get(name) ?? [];
      if (e.address.endpointId) ids.push(e.address.endpointId);
      targets.set(name, ids);
    }
  }
  if (targets.size === 0) return undefined;
  const caveats: string[] = [];
  const parts: string[] = [];
  for (const [name, ids] of targets) {
    const to = ids.length ? ` (original destination ${ids.join(', ')})` : '';
    const listener = config.index.listenerByName.get(name);
    if (!listener) {
      caveats.push(`cluster ${clusterName} sends to internal listener ${name}, which the dump does not hold (truncated?): the hop after it is unknown`);
      parts.push(`internal listener ${name}${to}, not in the dump`);
      continue;
    }
    const tcp = filterChainsOf(listener)
      .flatMap((c) => c.filters)
      .find((f) => f.kind === 'tcp_proxy');
    const next = tcp?.kind === 'tcp_proxy' ? (tcp.cluster ?? tcp.weightedClusters[0]?.name) : undefined;
    parts.push(`internal listener ${name}${to}${next ? `, whose TCP proxy sends it to cluster ${next}` : ''}`);
  }
  return { result: [...targets.keys()].join(', '), reason: `the endpoints are Envoy internal listeners: ${parts.join('; ')}`, caveats };
}
