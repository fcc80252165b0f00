import type { RouteConfig } from '../envoy/route-types.ts';
import type { FilterChain, ProxyConfig } from '../envoy/types.ts';
import type { HttpRequest } from '../router/request.ts';
import { connectionFacts } from './connection.ts';
import { resolveDestination } from './destination.ts';
import { selectFilterChain } from './filter-chain-select.ts';
import { selectListener } from './listener-select.ts';
import { routeConfigByPort } from './route-config-by-port.ts';
import { tlsStage } from './tls-stage.ts';
import type { Trace } from './trace.ts';
import { upstreamStages } from './upstream-stage.ts';
import { waypointHop } from './waypoint.ts';

/** What the listener stages hand on: a route config to route the request with, a TCP proxy (done), or nothing. */
export type ListenerOutcome = RouteConfig | 'tcp' | undefined;

/** True when an `envoy.filters.network.sni_cluster` filter runs before `filter` on the chain. */
function sniClusterBefore(chain: FilterChain, filter: FilterChain['filters'][number]): boolean {
  const at = chain.filters.indexOf(filter);
  return chain.filters
    .slice(0, at)
    .some((f) => f.name === 'envoy.filters.network.sni_cluster' || (f.kind === 'other' && (f.typeUrl ?? '').endsWith('.SniCluster')));
}

/** The chain's network filter that decides: the HTTP connection manager's route config, or a TCP proxy. */
function networkStage(config: ProxyConfig, chain: FilterChain, request: HttpRequest, trace: Trace): ListenerOutcome {
  const r = trace.result;
  for (const filter of chain.filters) {
    if (filter.kind === 'http_connection_manager') {
      if (request.tls && !chain.tls) {
        trace.step(
          'filter_chain',
          'HTTP connection manager',
          "the client speaks TLS but this chain reads plaintext HTTP: the codec cannot parse the ClientHello and Envoy closes the connection (400 in Envoy's log: codec error)",
        );
        trace.decide('filter_chain');
        return undefined;
      }
      if (filter.routeConfig) {
        r.routeConfig = filter.routeConfig.name || '(inline)';
        trace.step('filter_chain', `HTTP connection manager`, `inline route config ${r.routeConfig}`);
        return filter.routeConfig;
      }
      const name = filter.rdsRouteConfigName ?? '';
      r.routeConfig = name;
      trace.step('filter_chain', 'HTTP connection manager', `routes from RDS "${name}"`);
      return config.index.routeConfigByName.get(name);
    }
    if (filter.kind === 'tcp_proxy') {
      // envoy.filters.network.sni_cluster before it sets the upstream cluster to the SNI
      // (filter state envoy.tcp_proxy.cluster, which tcp_proxy prefers): Istio's older AUTO_PASSTHROUGH.
      const bySni = sniClusterBefore(chain, filter) && request.tls?.serverName;
      const cluster = bySni || filter.cluster || filter.weightedClusters[0]?.name || '';
      const passthrough =
        request.tls && !chain.tls ? `TLS passes through (SNI ${request.tls.serverName ?? 'none'}): no HTTP routing` : 'not HTTP: no route matching';
      const how = bySni ? `${passthrough}; sni_cluster names the cluster after the SNI` : passthrough;
      trace.step('filter_chain', 'TCP proxy', `${how}; the connection goes to ${cluster}`);
      r.outcome = 'route';
      r.destinations = [{ cluster, subset: null, weight: 1, probability: 1, destinationRule: null, known: config.index.clusterByName.has(cluster) }];
      upstreamStages(config, cluster, trace, 503);
      const upstream = config.index.clusterByName.get(cluster);
      if (request.tls && !chain.tls && (upstream?.tlsMode === 'SIMPLE' || upstream?.tlsMode === 'MUTUAL')) {
        r.caveats.push({
          severity: 'warning',
          code: 'note',
          message: `the client's TLS passes through and ${cluster} wraps it in TLS again (a DestinationRule tls ${upstream.tlsMode} on a port the application already encrypts): the server sees TLS inside TLS and the connection likely fails; originate TLS only for plaintext clients (http:// to the port)`,
        });
      }
      return 'tcp';
    }
  }
  trace.step('filter_chain', 'no HTTP or TCP filter', `filters: ${chain.filters.map((f) => f.name).join(', ') || 'none'}`);
  return undefined;
}

/** Input without listeners (an istioctl `pc routes -o json` file): the route config Istio names for the port. */
function withoutListeners(config: ProxyConfig, request: HttpRequest, trace: Trace): ListenerOutcome {
  const r = trace.result;
  const choice = routeConfigByPort(config, request);
  r.caveats.push({
    severity: 'warning',
    code: 'missing-section',
    message: 'no listeners in the input: the route config was chosen by its name, filter chains were not checked',
  });
  trace.step('listener', 'unknown', choice.routeConfig ? `no listeners in the input; ${choice.reason}` : `no listeners in the input and ${choice.reason}`);
  if (choice.routeConfig) r.routeConfig = choice.routeConfig.name;
  return choice.routeConfig;
}

/**
 * The stages before routing: where the connection goes (the destination address, from the
 * dump or `--ip`), the listener that takes it, the filter chain Envoy matches for what the
 * listener filters see (TLS, SNI, ALPN), TLS termination, and the network filter.
 */
export function listenerStages(config: ProxyConfig, request: HttpRequest, trace: Trace): ListenerOutcome {
  const r = trace.result;
  if (!config.sections.listeners || config.listeners.length === 0) return withoutListeners(config, request, trace);
  const hop = waypointHop(config, request);
  const destination = hop?.destination ?? resolveDestination(config, request);
  const choice = hop?.choice ?? selectListener(config, request, destination, config.node?.proxyType === 'router');
  r.connection = {
    destinationIp: destination.ip ?? null,
    service: destination.service ?? null,
    how: destination.how,
    tls: request.tls ? { serverName: request.tls.serverName ?? null, alpn: request.tls.alpn } : null,
  };
  if (!destination.known) r.caveats.push({ severity: 'warning', code: 'note', message: destination.how });
  for (const message of hop?.caveats ?? []) r.caveats.push({ severity: 'warning', code: 'assumption', message });
  if (hop) trace.step('listener', hop.entry?.name ?? 'connect_terminate (assumed)', hop.entryReason);
  if (!choice.listener) {
    trace.step('listener', 'none', `${destination.how}; ${choice.reason}`);
    trace.decide('listener');
    return undefined;
  }
  const listener = choice.listener;
  r.listener = listener.name;
  trace.step('listener', listener.name, `${destination.how}; ${choice.reason}`);
  const port = choice.passthrough ? request.port : (listener.address?.port ?? request.port);
  const facts = connectionFacts(listener, request, port, choice.destinationIp);
  const chain = selectFilterChain(listener, facts);
  for (const message of chain.assumptions ?? []) r.caveats.push({ severity: 'warning', code: 'assumption', message });
  if (!chain.chain) {
    trace.step('filter_chain', 'none', chain.reason);
    trace.decide('filter_chain');
    return undefined;
  }
  r.filterChain = chain.chain.name ?? (chain.chain.isDefault ? 'default_filter_chain' : null);
  trace.step('filter_chain', r.filterChain ?? '(unnamed)', chain.reason);
  if (!tlsStage(chain.chain, request, trace)) return undefined;
  const rc = networkStage(config, chain.chain, request, trace);
  if (rc === undefined && r.routeConfig !== null && r.outcome !== 'route') {
    trace.step(
      'virtual_host',
      'none',
      `route config "${r.routeConfig}" is not in the input (RDS not received yet, or the routes section is missing): Envoy answers 404 NR`,
    );
    r.outcome = 'no_route';
    r.status = 404;
    r.responseFlag = 'NR';
    trace.decide('virtual_host');
  }
  return rc;
}
