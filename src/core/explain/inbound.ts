import type { RouteConfig } from '../envoy/route-types.ts';
import type { FilterChain, Listener, ProxyConfig } from '../envoy/types.ts';
import type { HttpRequest } from '../router/request.ts';
import { selectFilterChain } from './filter-chain-select.ts';
import { applyHashing } from './hashing.ts';
import { authorizationStage } from './inbound-authz.ts';
import { chainLabel, describeChainMatch, otherChains } from './inbound-chains.ts';
import { inboundEndpointStep } from './inbound-endpoint.ts';
import { INBOUND_CAPTURE_PORT, selectInboundListener, VIRTUAL_INBOUND_BLACKHOLE } from './inbound-listener.ts';
import { inboundMode } from './inbound-mode.ts';
import { chainsForPort, type PeerTls, peerConnection } from './inbound-peer.ts';
import { inboundTlsStage } from './inbound-tls.ts';
import { collectPolicies } from './policies.ts';
import type { ExplainResult } from './result.ts';
import { routeStages } from './route-stage.ts';
import { summarize } from './summary.ts';
import { emptyResult, Trace } from './trace.ts';
import { upstreamStages } from './upstream-stage.ts';

export type { PeerTls } from './inbound-peer.ts';

export interface InboundOptions {
  /** The pod's target port the connection is for (the container port; the URL's port is the service port). */
  port: number;
  peer: PeerTls;
  /** The client's SPIFFE identity (`spiffe://cluster.local/ns/NS/sa/SA`), when known. */
  principal?: string;
  sourceIp?: string;
  /** The pod IP the connection was for; by default the IP in the proxy's node id. */
  destinationIp?: string;
  /** Overrides the ALPN list the peer sends (or, plaintext, what http_inspector reports). */
  alpn?: string[];
  sni?: string;
  /** Envoy's per-request random value: decides weighted splits (rare inbound). */
  randomValue?: bigint;
}

/**
 * A connection the server closes: what an Istio client's sidecar logs for it. No chain: the
 * upstream closes before any response, `503 UC` with `upstream_reset_before_response_started
 * {connection_termination}` (the access log line users report, e.g. istio/istio#45802; istio.io's
 * mutual TLS task: a DestinationRule that disables mTLS against a STRICT server fails with 503,
 * istio/istio.io#3157). A failed TLS handshake: `503 UF` with the TLS error in the detail.
 */
function closed(trace: Trace, stage: 'filter_chain' | 'tls', status: number, flag: 'UC' | 'UF'): void {
  const r = trace.result;
  r.outcome = 'no_listener';
  r.status = status;
  r.responseFlag = flag;
  trace.decide(stage);
}

/**
 * What the client's sidecar logs when the server closes a connection no chain takes. Envoy's
 * upstream TLS socket reports the connection as connected only once the handshake is done
 * (SslSocket::onSuccess raises Connected: source/extensions/transport_sockets/tls/ssl_socket.cc,
 * source/common/tls/ in newer releases), so a TLS client whose connection
 * is closed during the handshake has a connection failure (UF), while a plaintext one was
 * connected and sees the connection terminated (UC).
 */
function closedWords(peer: PeerTls): string {
  return peer === 'plaintext'
    ? "An Istio client's sidecar logs 503 UC (upstream_reset_before_response_started{connection_termination}); a client without one sees the connection reset"
    : "Envoy closes the connection during the TLS handshake: an Istio client's sidecar logs 503 UF (upstream_reset_before_response_started{connection_failure,…TLS error…}); a client without one sees the handshake fail";
}

/** The network filter that decides on the inbound chain: the HCM's route config, or the TCP proxy's cluster. */
function networkStage(config: ProxyConfig, chain: FilterChain, trace: Trace): RouteConfig | 'tcp' | undefined {
  const r = trace.result;
  for (const filter of chain.filters) {
    if (filter.kind === 'http_connection_manager') {
      if (filter.routeConfig) {
        r.routeConfig = filter.routeConfig.name || '(inline)';
        trace.step('filter_chain', 'HTTP connection manager', `inline route config ${r.routeConfig} (Istio inlines inbound routes)`);
        return filter.routeConfig;
      }
      const name = filter.rdsRouteConfigName ?? '';
      r.routeConfig = name;
      trace.step('filter_chain', 'HTTP connection manager', `routes from RDS "${name}"`);
      const rc = config.index.routeConfigByName.get(name);
      if (!rc) {
        trace.step('virtual_host', 'none', `route config "${name}" is not in the input: Envoy answers 404 NR`);
        r.outcome = 'no_route';
        r.status = 404;
        r.responseFlag = 'NR';
        trace.decide('virtual_host');
      }
      return rc;
    }
    if (filter.kind === 'tcp_proxy') {
      const cluster = filter.cluster || filter.weightedClusters[0]?.name || '';
      trace.step('filter_chain', 'TCP proxy', `not HTTP: no route matching; the connection goes to ${cluster}`);
      r.outcome = 'route';
      r.destinations = [{ cluster, subset: null, weight: 1, probability: 1, destinationRule: null, known: config.index.clusterByName.has(cluster) }];
      upstreamStages(config, cluster, trace, 503);
      return 'tcp';
    }
  }
  trace.step('filter_chain', 'no HTTP or TCP filter', `filters: ${chain.filters.map((f) => f.name).join(', ') || 'none'}`);
  return undefined;
}

/** virtualInbound-blackhole: a connection addressed to 15006 itself goes to BlackHoleCluster (no hosts) and is closed. */
function blackhole(trace: Trace): void {
  const r = trace.result;
  trace.step(
    'cluster',
    'BlackHoleCluster',
    `the ${VIRTUAL_INBOUND_BLACKHOLE} chain (buildInboundBlackhole, listener_inbound.go) catches connections to port ${INBOUND_CAPTURE_PORT} itself, so traffic cannot loop through the capture port: BlackHoleCluster has no hosts, Envoy logs UH and closes the connection`,
  );
  r.outcome = 'route';
  r.cluster = 'BlackHoleCluster';
  r.endpoints = [];
  r.status = null;
  r.responseFlag = 'UH';
  trace.decide('cluster');
}

/**
 * Explains what a server sidecar's Envoy does with an inbound connection for `options.port` and the
 * request on it: the capture listener (virtualInbound, original destination), the filter chain
 * Envoy matches for what the peer sends (transport protocol, ALPN, server name — see peerConnection),
 * the port's mTLS mode, TLS termination, then the inbound route config (`inbound|PORT||`), virtual
 * host (`inbound|http|PORT`), route, cluster and the endpoint (the pod IP or 127.0.0.1), or the TCP
 * proxy's cluster; the chain's RBAC filters decide before any route (inbound-authz.ts). Pure: everything comes from `config`.
 */
export function explainInbound(config: ProxyConfig, request: HttpRequest, options: InboundOptions): ExplainResult {
  const result = emptyResult(config, request);
  const trace = new Trace(result);
  result.caveats.push(...config.issues.value.filter((i) => i.code === 'missing-section'));
  const destinationIp = options.destinationIp ?? config.node?.ip;
  const inbound: NonNullable<ExplainResult['inbound']> = {
    port: options.port,
    peer: options.peer,
    principal: options.principal ?? null,
    alpn: [],
    chain: null,
    mode: 'unknown',
    passthrough: false,
  };
  result.inbound = inbound;
  const choice = selectInboundListener(config, options.port, destinationIp);
  result.connection = { destinationIp: destinationIp ?? null, service: null, how: 'the inbound connection for the pod', tls: null };
  if (!choice.listener) {
    trace.step('listener', 'none', choice.reason);
    trace.decide('listener');
  } else {
    chainStages(config, request, options, choice.listener, choice.reason, trace, destinationIp);
  }
  result.steps = trace.steps;
  const base = summarize(result);
  result.summary = `inbound port ${options.port} (${inbound.mode}), ${options.peer} peer: ${base}`;
  return result;
}

function chainStages(
  config: ProxyConfig,
  request: HttpRequest,
  options: InboundOptions,
  listener: Listener,
  listenerReason: string,
  trace: Trace,
  destinationIp: string | undefined,
): void {
  const r = trace.result;
  const inbound = r.inbound!;
  r.listener = listener.name;
  trace.step('listener', listener.name, listenerReason);
  const { chains: atPort, own } = chainsForPort(listener, options.port);
  inbound.passthrough = !own;
  const mode =
    options.port === INBOUND_CAPTURE_PORT
      ? { mode: 'unknown' as const, why: 'the blackhole chain is not built from a PeerAuthentication' }
      : inboundMode(atPort);
  inbound.mode = mode.mode;
  const peerOptions = { peer: options.peer, ...pick(options, ['alpn', 'sni', 'sourceIp']), ...(destinationIp ? { destinationIp } : {}) };
  const peer = peerConnection(listener, request, atPort, options.port, config.index.clusterByName, peerOptions);
  inbound.alpn = peer.facts.applicationProtocols;
  r.connection!.tls = peer.facts.transportProtocol === 'tls' ? { serverName: peer.facts.serverName ?? null, alpn: peer.facts.applicationProtocols } : null;
  if (destinationIp === undefined)
    r.caveats.push({
      severity: 'warning',
      code: 'assumption',
      message: 'the pod IP is not known (no node id in the dump): pass --ip; chains that name destination ranges were not considered',
    });
  if (!own && options.peer === 'mtls')
    r.caveats.push({
      severity: 'warning',
      code: 'assumption',
      message: `no Service declares port ${options.port} on this pod: an Istio client sends such a connection through its PassthroughCluster in plaintext, not mTLS (--peer plaintext)`,
    });
  const where = own ? `the port's own chains` : `no chain names port ${options.port}: the passthrough chains`;
  trace.step('filter_chain', `mode ${mode.mode}`, `${where} look ${mode.mode}: ${mode.why}; the peer: ${peer.why}`);
  const selected = selectFilterChain(listener, peer.facts);
  for (const message of selected.assumptions ?? []) r.caveats.push({ severity: 'warning', code: 'assumption', message });
  const others = otherChains(listener, selected.chain, atPort);
  if (!selected.chain) {
    const mtlsHint =
      options.peer === 'plaintext' && mode.mode === 'STRICT'
        ? 'a plaintext client on a STRICT port: PeerAuthentication STRICT accepts mTLS only'
        : options.peer !== 'plaintext' && mode.mode === 'DISABLE'
          ? 'a TLS client on a port whose mTLS is DISABLE: the server reads plaintext only'
          : 'none fits';
    trace.step('filter_chain', 'none', `${selected.reason}; ${mtlsHint}; the chains at this port need: ${others.others}. ${closedWords(options.peer)}`);
    closed(trace, 'filter_chain', 503, options.peer === 'plaintext' ? 'UC' : 'UF');
    return;
  }
  const chain = selected.chain;
  inbound.chain = chainLabel(listener, chain);
  inbound.chainIndex = chain.isDefault ? -1 : listener.filterChains.indexOf(chain);
  r.filterChain = inbound.chain;
  const decided = others.decidedBy ? `; decided by ${others.decidedBy}` : '';
  trace.step('filter_chain', inbound.chain, `${selected.reason}: ${describeChainMatch(chain)}${decided}; other chains here: ${others.others}`);
  if (!inboundTlsStage(chain, options, trace)) {
    closed(trace, 'tls', 503, options.peer === 'plaintext' ? 'UC' : 'UF');
    return;
  }
  if (chain.name === VIRTUAL_INBOUND_BLACKHOLE) {
    blackhole(trace);
    return;
  }
  const authz = authorizationStage(chain, request, options, destinationIp, trace);
  if (authz && !authz.allowed) {
    // An HTTP denial is Envoy's local 403; a network denial closes the connection, which the
    // client's sidecar reports as 503 UC (see core/authz, NETWORK_DENIED).
    r.outcome = 'denied';
    r.status = authz.status ?? 503;
    r.responseFlag = authz.status ? null : 'UC';
    return;
  }
  const rc = networkStage(config, chain, trace);
  if (rc && rc !== 'tcp') {
    const decision = routeStages(config, rc, request, options.randomValue === undefined ? {} : { randomValue: options.randomValue }, trace);
    if (decision.virtualHost.found) {
      const cluster = r.cluster ? config.index.clusterByName.get(r.cluster) : undefined;
      r.policies = collectPolicies(decision.virtualHost.virtualHost, decision.route, decision, cluster);
      applyHashing(config, decision.route, request, r);
    }
  }
  if (r.cluster && r.outcome === 'route') inboundEndpointStep(config, r.cluster, options.port, destinationIp, trace);
}

function pick<T extends object, K extends keyof T>(o: T, keys: K[]): Partial<Pick<T, K>> {
  const out: Partial<Pick<T, K>> = {};
  for (const k of keys) if (o[k] !== undefined) out[k] = o[k];
  return out;
}
