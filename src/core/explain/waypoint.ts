import { parseClusterName } from '../envoy/cluster-name.ts';
import { filterChainsOf } from '../envoy/listener-chains.ts';
import type { Listener, ProxyConfig } from '../envoy/types.ts';
import type { Matcher, OnMatch } from '../router/matcher-tree.ts';
import { type HttpRequest, isIpLiteral } from '../router/request.ts';
import type { Destination } from './destination.ts';
import { filterChainMatcherOf } from './filter-chain-matcher.ts';
import type { ListenerChoice } from './listener-select.ts';

/**
 * How a request reaches an ambient waypoint's routes. ztunnel opens HBONE to the waypoint's port
 * 15008 and sends `CONNECT <VIP>:<port>`; `connect_terminate` (buildConnectTerminateListener)
 * routes CONNECT (`connect_matcher`) to the cluster `main_internal`, whose endpoint is the internal
 * listener `main_internal` (GetMainInternalCluster → buildInternalUpstreamCluster); its
 * original_dst filter takes the CONNECT authority as the destination, and the listener's
 * `filter_chain_matcher` (destination IP → port → [application protocol]) picks the service's
 * chain (pilot/pkg/networking/core/listener_waypoint.go).
 */
export interface WaypointHop {
  /** The listener HBONE arrives on (`connect_terminate`), when the dump holds it. */
  entry?: Listener;
  entryReason: string;
  destination: Destination;
  /** The internal listener the connection continues on. */
  choice: ListenerChoice;
  caveats: string[];
}

/** Listeners whose HTTP connection manager routes CONNECT to a cluster: `connect_terminate` → `main_internal`. */
function connectEntries(config: ProxyConfig): { listener: Listener; cluster: string }[] {
  const out: { listener: Listener; cluster: string }[] = [];
  for (const listener of config.listeners) {
    if (listener.internal) continue;
    for (const chain of filterChainsOf(listener)) {
      for (const f of chain.filters) {
        const rc = f.kind === 'http_connection_manager' ? f.routeConfig : undefined;
        for (const vh of rc?.virtualHosts.value ?? []) {
          for (const route of vh.routes) {
            const to = route.action.kind === 'route' && route.action.cluster.kind === 'cluster' ? route.action.cluster.name : undefined;
            if (route.match.path.kind === 'connect_matcher' && to) out.push({ listener, cluster: to });
          }
        }
      }
    }
  }
  return out;
}

/** The internal listener a cluster's endpoints name (`envoy_internal_address.server_listener_name`). */
function internalListenerOf(config: ProxyConfig, cluster: string, caveats: string[]): Listener | undefined {
  const c = config.index.clusterByName.get(cluster);
  const cla = c?.loadAssignment ?? config.index.endpointsByCluster.get(cluster);
  const names = new Set<string>();
  for (const locality of cla?.localities.value ?? []) for (const e of locality.endpoints) if (e.address.internalListener) names.add(e.address.internalListener);
  const name = names.size > 0 ? [...names][0]! : cluster;
  if (names.size === 0) {
    caveats.push(
      c
        ? `cluster ${cluster} names no internal listener in its endpoints: assumed to lead to the internal listener ${cluster} (Istio's buildInternalUpstreamCluster)`
        : `cluster ${cluster} is not in the dump (truncated?): assumed to lead to the internal listener of the same name (Istio's buildInternalUpstreamCluster)`,
    );
  }
  const listener = config.index.listenerByName.get(name);
  if (!listener) caveats.push(`cluster ${cluster} leads to internal listener ${name}, which the dump does not hold (truncated?)`);
  return listener;
}

/** Every action under an on_match. */
function actions(om: OnMatch | undefined, out: string[]): string[] {
  if (om?.kind === 'action') out.push(om.action.value ?? om.action.name);
  if (om?.kind === 'matcher') actionsOf(om.matcher, out);
  return out;
}
function actionsOf(m: Matcher, out: string[]): void {
  actions(m.onNoMatch, out);
  if (m.kind === 'list') for (const fm of m.matchers) actions(fm.onMatch, out);
  if (m.kind !== 'tree') return;
  if (m.tree.kind === 'exact' || m.tree.kind === 'prefix') for (const om of m.tree.map.values()) actions(om, out);
  if (m.tree.kind === 'ip') for (const rm of m.tree.rangeMatchers) actions(rm.onMatch, out);
}

/**
 * The service a waypoint chain serves, from its name: `inbound-vip|9080|http|<host>` (Istio at
 * HEAD: the chain is named after its cluster) or `inbound-vip|9080||<host>-http` (Istio 1.21–1.23).
 */
function chainService(name: string): { host: string; port: number } | undefined {
  const parsed = parseClusterName(name);
  if (parsed?.direction !== 'inbound-vip') return undefined;
  return { host: parsed.subsetField ? parsed.host : parsed.host.replace(/-(http|tcp)$/, ''), port: parsed.port };
}

/** The VIP whose IP-range branch of the matcher leads to a chain for `host:port`. */
function vipFor(matcher: Matcher, host: string, port: number, namespace: string | undefined): { ip: string; service: string } | undefined {
  if (matcher.kind !== 'tree' || matcher.tree.kind !== 'ip') return undefined;
  const wanted = (h: string) => h === host || (namespace !== undefined && h.startsWith(`${host}.${namespace}.`)) || h.startsWith(`${host}.svc.`);
  for (const rm of matcher.tree.rangeMatchers) {
    for (const name of actions(rm.onMatch, [])) {
      const svc = chainService(name);
      const range = rm.ranges[0];
      if (svc && svc.port === port && wanted(svc.host) && range) return { ip: range.addressPrefix, service: svc.host };
    }
  }
  return undefined;
}

/** The waypoint hop for this request, when the proxy is a waypoint and no listener binds the request's port. */
export function waypointHop(config: ProxyConfig, request: HttpRequest): WaypointHop | undefined {
  if (config.listeners.some((l) => !l.internal && l.address?.port === request.port)) return undefined;
  const caveats: string[] = [];
  const entries: { listener?: Listener; cluster: string; internal?: Listener }[] = connectEntries(config);
  if (entries.length === 0) {
    // A dump cut down to the internal listener (istioctl's proxyconfig test dump): the HBONE entry is assumed.
    const internal = config.listeners.find((l) => l.internal && l.filterChainMatcher);
    if (!internal) return undefined;
    caveats.push(
      `no listener in the dump routes CONNECT to ${internal.name} (truncated?): assumed that HBONE reaches it through connect_terminate, as on Istio's waypoints`,
    );
    entries.push({ cluster: internal.name, internal });
  }
  for (const entry of entries) {
    const internal = entry.internal ?? internalListenerOf(config, entry.cluster, caveats);
    if (!internal?.filterChainMatcher) continue;
    const host = request.host.toLowerCase();
    const literal = request.destinationIp ?? (isIpLiteral(host) ? host.replace(/^\[|\]$/g, '') : undefined);
    const vip = literal
      ? { ip: literal, service: undefined }
      : vipFor(filterChainMatcherOf(internal.filterChainMatcher), host, request.port, config.node?.namespace);
    const authority = vip ? `${vip.ip}:${request.port}` : `${host}:${request.port}`;
    const destination: Destination = vip
      ? {
          ip: vip.ip,
          known: true,
          how: literal ? `the connection goes to ${vip.ip}` : `waypoint: ${vip.service} has VIP ${vip.ip} in ${internal.name}'s filter_chain_matcher`,
        }
      : {
          known: false,
          how: `waypoint: no VIP in ${internal.name}'s filter_chain_matcher leads to a chain for ${host}:${request.port} (this waypoint does not serve it)`,
        };
    if (vip?.service) destination.service = vip.service;
    const entryPort = entry.listener?.address?.port ?? 15008;
    return {
      ...(entry.listener ? { entry: entry.listener } : {}),
      entryReason: `waypoint: ztunnel tunnels the connection over HBONE to port ${entryPort} (CONNECT ${authority}); the CONNECT route sends it to cluster ${entry.cluster}`,
      destination,
      choice: {
        listener: internal,
        passthrough: false,
        reason: `cluster ${entry.cluster} → internal listener ${internal.name}; original_dst takes the CONNECT authority ${authority} as the destination`,
        ...(vip ? { destinationIp: vip.ip } : {}),
      },
      caveats,
    };
  }
  return undefined;
}
