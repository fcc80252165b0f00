import { gatewayApiOrigin } from '../envoy/gateway-api-origin.ts';
import type { ProxyConfig } from '../envoy/types.ts';

/**
 * What each Istio object produced on one proxy, read from the Istio metadata istiod stamps on
 * routes and clusters (`filter_metadata.istio.config`): `namespace/name` of a VirtualService →
 * its routes as `route config / virtual host / route`; of a DestinationRule → its clusters; and
 * the clusters of each service host (`outbound|port|subset|host`).
 */
export interface ProducedIndex {
  routesByVirtualService: Map<string, string[]>;
  /** `namespace/name` of an HTTPRoute or GRPCRoute → the Envoy routes generated from its rules (gateway-api-origin.ts). */
  routesByGatewayApiRoute: Map<string, string[]>;
  clustersByDestinationRule: Map<string, string[]>;
  clustersByHost: Map<string, string[]>;
  /** Whether any route carries Istio metadata at all (an old or hand-written dump may have none). */
  routesHaveMetadata: boolean;
  clustersHaveMetadata: boolean;
}

function push(map: Map<string, string[]>, key: string, value: string): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else if (!list.includes(value)) list.push(value);
}

export function producedIndex(config: ProxyConfig): ProducedIndex {
  const out: ProducedIndex = {
    routesByVirtualService: new Map(),
    routesByGatewayApiRoute: new Map(),
    clustersByDestinationRule: new Map(),
    clustersByHost: new Map(),
    routesHaveMetadata: false,
    clustersHaveMetadata: false,
  };
  for (const rc of config.routeConfigs) {
    for (const vh of rc.virtualHosts.value) {
      for (const route of vh.routes) {
        const ref = route.istio;
        if (ref?.kind === undefined) continue;
        out.routesHaveMetadata = true;
        const where = `${rc.name} / ${vh.name} / ${route.name ?? `#${route.index}`}`;
        if (ref.kind === 'virtual-service' && ref.namespace !== undefined && ref.name !== undefined)
          push(out.routesByVirtualService, `${ref.namespace}/${ref.name}`, where);
        const origin = gatewayApiOrigin(route.name, ref);
        if (origin?.namespace && origin.name) push(out.routesByGatewayApiRoute, `${origin.namespace}/${origin.name}`, where);
      }
    }
  }
  for (const cluster of config.clusters) {
    const dr = cluster.destinationRule;
    if (dr?.kind !== undefined) {
      out.clustersHaveMetadata = true;
      if (dr.kind === 'destination-rule' && dr.namespace !== undefined && dr.name !== undefined)
        push(out.clustersByDestinationRule, `${dr.namespace}/${dr.name}`, cluster.name);
    }
    const host = cluster.istioName?.host;
    if (host !== undefined && host !== '') push(out.clustersByHost, host, cluster.name);
  }
  return out;
}
