import { type ClusterEndpoint, endpointsFor, usableEndpoint } from '../envoy/cluster-endpoints.ts';
import { explain } from '../explain/explain.ts';
import type { ExplainResult } from '../explain/result.ts';
import type { HttpRequest } from '../router/request.ts';
import { hopPolicies, nextRequest } from './hop-request.ts';
import { addressOwners, type PathProxy } from './owners.ts';
import type { HopDirection, PathHop, PathResult, PathSteps, PeerTls } from './types.ts';

export interface PathOptions {
  /** Envoy's per-request random value (`--random N`) for the first hop's weighted split. */
  randomValue?: bigint;
  /** Follow this endpoint address where a load balancer could pick several (`--endpoint IP`). */
  endpoint?: string;
  /** What holds the proxies, for the messages: `the snapshot` (default), `the folder X`, `the mesh`. */
  where?: string;
}

/** Envoy hands a request at most this many hops on in a mesh of sidecars and gateways before the path is a loop. */
const MAX_HOPS = 8;

function directionOf(proxy: PathProxy, inbound: boolean): HopDirection {
  if (proxy.type === 'router') return 'gateway';
  if (proxy.type === 'waypoint') return 'waypoint';
  return inbound ? 'inbound' : 'outbound';
}

/**
 * The TLS the client proxy opens to this endpoint, from its cluster's transport socket. Auto mTLS
 * (`transport_socket_matches` on `tlsMode: istio`) uses the mTLS socket only for endpoints whose
 * metadata carries `tlsMode: istio`, which Istio copies from the pod's
 * `security.istio.io/tlsMode` label (set by the injector; pilot/pkg/networking/core/cluster_tls.go,
 * buildAutoMtlsSettings): the next proxy's node labels say whether its pod has it.
 */
function peerOf(client: PathProxy, cluster: string, next: PathProxy): { peer: PeerTls; note?: string } {
  const c = client.config.index.clusterByName.get(cluster);
  const mode = c?.tlsMode ?? 'UNKNOWN';
  if (c?.autoMtls && next.config.node?.labels['security.istio.io/tlsMode'] !== 'istio')
    return { peer: 'plaintext', note: `${cluster} uses auto mTLS and ${next.name}'s pod has no security.istio.io/tlsMode=istio label: plaintext` };
  if (mode === 'ISTIO_MUTUAL') return { peer: 'mtls' };
  if (mode === 'MUTUAL' || mode === 'SIMPLE') return { peer: 'tls' };
  if (mode === 'DISABLE') return { peer: 'plaintext' };
  return { peer: 'mtls', note: `the TLS of ${cluster} is not known to meshscope: taken as Istio mTLS` };
}

/**
 * The endpoint the path follows: `--endpoint` when given, else the first usable endpoint that a
 * proxy of the snapshot answers on, else the first usable one. Envoy's load balancer picks one
 * per request; the note says how many it could have picked.
 */
function pickEndpoint(
  endpoints: readonly ClusterEndpoint[],
  owners: Map<string, PathProxy[]>,
  wanted: string | undefined,
  panicThreshold: number,
): { endpoint?: ClusterEndpoint; note: string } {
  if (wanted !== undefined) {
    const hit = endpoints.find((e) => e.address === wanted);
    if (hit)
      return {
        endpoint: hit,
        note: `following ${wanted} as asked (--endpoint)${usableEndpoint(hit) ? '' : `, although it is ${hit.ejected ? 'ejected' : hit.health}`}`,
      };
  }
  const usable = endpoints.filter(usableEndpoint);
  if (usable.length === 0) {
    if (endpoints.length === 0 || panicThreshold <= 0) return { note: 'no endpoint can take the request' };
    // Below the panic threshold Envoy balances over every host, healthy or not
    // (LoadBalancerBase::isHostSetInPanic, source/common/upstream/load_balancer_impl.cc).
    const any = endpoints.find((e) => owners.has(e.address)) ?? endpoints[0]!;
    return {
      endpoint: any,
      note: `no endpoint is healthy: below the panic threshold (${panicThreshold}%) Envoy sends to all ${endpoints.length} endpoints regardless of health; following ${any.address}:${any.port}`,
    };
  }
  const followable = usable.find((e) => owners.has(e.address)) ?? usable[0]!;
  const of =
    usable.length === 1
      ? 'the only usable endpoint'
      : `one of ${usable.length} usable endpoints (the load balancer picks one per request; --endpoint IP follows another)`;
  return { endpoint: followable, note: `${followable.address}:${followable.port} is ${of}` };
}

/**
 * The cluster's healthy panic threshold in percent: `common_lb_config.healthy_panic_threshold`,
 * Envoy's default 50 when absent (cluster.proto); 0 disables panic mode. Istio sets it from a
 * DestinationRule's `outlierDetection.minHealthPercent` (0 by default, so panic is off whenever
 * outlier detection is configured).
 */
function panicThresholdOf(raw: Record<string, unknown> | undefined): number {
  const common = raw?.common_lb_config as Record<string, unknown> | undefined;
  const threshold = common?.healthy_panic_threshold as Record<string, unknown> | undefined;
  if (threshold === undefined) return 50;
  const value = threshold.value;
  return typeof value === 'number' ? value : 0;
}

function baseHop(proxy: PathProxy, direction: HopDirection, trace: ExplainResult): PathHop {
  return {
    proxy: proxy.name,
    direction,
    outcome: 'failed',
    cluster: trace.cluster,
    endpoint: null,
    status: trace.status,
    responseFlag: trace.responseFlag,
    reason: trace.summary,
    policies: hopPolicies(trace),
    tls: null,
    authorization: trace.authorization
      ? { allowed: trace.authorization.allowed, policy: trace.authorization.policy, reason: trace.authorization.reason }
      : null,
    notes: [],
    trace,
  };
}

/** A hop whose proxy answers itself, or fails, before any upstream: from the trace's outcome. */
function endsHere(hop: PathHop): boolean {
  const t = hop.trace;
  if (t.authorization && !t.authorization.allowed) {
    hop.outcome = 'failed';
    hop.reason = t.authorization.reason;
    return true;
  }
  if (t.outcome === 'redirect' || t.outcome === 'direct_response') {
    hop.outcome = 'answered';
    return true;
  }
  if (t.outcome !== 'route') {
    hop.outcome = 'failed';
    return true;
  }
  return false;
}

/**
 * Follows `request` from the proxy `from` through every proxy the snapshot holds: the client's
 * decision → the endpoint it sends to → the proxy that owns that address (Istio's INSTANCE_IPS)
 * → that proxy's inbound (or gateway) decision → … → the application port. Pure.
 */
export function tracePath(proxies: readonly PathProxy[], from: string, request: HttpRequest, steps: PathSteps, options: PathOptions = {}): PathResult {
  const owners = addressOwners(proxies);
  const where = options.where ?? 'the snapshot';
  const start = proxies.find((p) => p.name === from);
  const result: PathResult = {
    request: { method: request.method, url: `${request.scheme}://${request.authority}${request.path}` },
    from,
    hops: [],
    failedAt: null,
    outcome: 'incomplete',
    summary: '',
    stoppedBecause: null,
  };
  if (!start) {
    result.stoppedBecause = `${where} holds no proxy ${from}`;
    result.summary = result.stoppedBecause;
    return result;
  }
  let current = start;
  let currentRequest = request;
  let trace = explain(start.config, request, { randomValue: options.randomValue });
  let hop = baseHop(start, directionOf(start, false), trace);
  const seen = new Set<string>();
  for (let n = 0; ; n++) {
    result.hops.push(hop);
    seen.add(hop.proxy);
    if (endsHere(hop)) break;
    if (hop.direction === 'inbound') {
      hop.outcome = 'delivered';
      const e = trace.endpoints.find(usableEndpoint) ?? trace.endpoints[0];
      // ORIGINAL_DST (Istio ≥ 1.20's inbound|PORT||) connects to the connection's own destination: the pod IP and port.
      const dest = trace.connection?.destinationIp;
      hop.endpoint = e ? `${e.address}:${e.port}` : dest && trace.inbound ? `${dest}:${trace.inbound.port}` : null;
      hop.reason = `delivered to the application${hop.endpoint ? ` at ${hop.endpoint}` : ''} through ${trace.cluster}`;
      break;
    }
    const cluster = trace.cluster ?? mostLikely(trace);
    if (!cluster) break;
    hop.cluster = cluster;
    if (trace.cluster === null) hop.notes.push(`the weighted split is not decided (no --random): following ${cluster}, the most likely destination`);
    const kind = current.config.index.clusterByName.get(cluster)?.type;
    if (kind === 'ORIGINAL_DST') {
      // An ORIGINAL_DST cluster (Istio's PassthroughCluster) connects to the connection's own
      // destination: there is no endpoint list to follow, only the address the client dialled.
      const dest = currentRequest.destinationIp ?? trace.connection?.destinationIp ?? null;
      hop.outcome = 'stopped';
      hop.endpoint = dest ? `${dest}:${currentRequest.port}` : null;
      result.stoppedBecause = `${cluster} is ORIGINAL_DST: the request goes to the address the client connected to${
        dest ? ` (${dest})` : ', which the dump does not say'
      }, outside the services this proxy knows; the path does not follow it`;
      break;
    }
    const known = endpointsFor(current.config, cluster);
    if (known.unknown) {
      hop.outcome = 'stopped';
      result.stoppedBecause = `${current.name} holds no endpoints for ${cluster} (no EDS section or /clusters data for it): the path cannot tell which pod receives the request`;
      break;
    }
    const view = known.endpoints;
    const pick = pickEndpoint(view, owners, options.endpoint, panicThresholdOf(current.config.index.clusterByName.get(cluster)?.raw));
    hop.notes.push(pick.note);
    if (!pick.endpoint) {
      hop.outcome = 'failed';
      hop.status = 503;
      hop.responseFlag = 'UH';
      hop.reason =
        view.length === 0
          ? `${cluster} has no endpoints: Envoy answers 503 UH (no healthy upstream)`
          : `${cluster} has no healthy endpoint and panic mode is off (healthy_panic_threshold 0): Envoy answers 503 UH (no healthy upstream)`;
      break;
    }
    const ep = pick.endpoint;
    hop.endpoint = `${ep.address}:${ep.port}`;
    hop.outcome = 'forwarded';
    const claim = owners.get(ep.address) ?? [];
    if (claim.length !== 1) {
      hop.outcome = 'stopped';
      result.stoppedBecause =
        claim.length === 0
          ? `${where} holds no proxy at ${ep.address}${ep.workload ? ` (${ep.workload}${ep.namespace ? `.${ep.namespace}` : ''})` : ''}: the path stops at ${hop.proxy}`
          : `${ep.address} is claimed by ${claim.length} proxies of ${where} (${claim.map((p) => p.name).join(', ')}): the path cannot tell which one receives the request`;
      break;
    }
    const next = claim[0]!;
    if (seen.has(next.name) || n + 1 >= MAX_HOPS) {
      result.stoppedBecause = `${next.name} was already on the path: the request loops (${[...seen, next.name].join(' → ')})`;
      hop.outcome = 'failed';
      break;
    }
    currentRequest = nextRequest(currentRequest, trace, ep);
    if (next.type === 'router' || next.type === 'waypoint') {
      trace = explain(next.config, currentRequest, {});
      current = next;
      hop = baseHop(next, directionOf(next, true), trace);
      continue;
    }
    const { peer, note } = peerOf(current, cluster, next);
    const principal = peer === 'mtls' ? current.identity : null;
    trace = steps.inbound(next.config, currentRequest, {
      port: ep.port,
      peer,
      ...(principal ? { principal } : {}),
      ...(current.addresses[0] ? { sourceIp: current.addresses[0] } : {}),
      destinationIp: ep.address,
    });
    const handshake = steps.handshake(
      { proxy: current.name, config: current.config, cluster, peer },
      { proxy: next.name, config: next.config, port: ep.port, identity: next.identity, trace },
    );
    const prev = current;
    current = next;
    hop = baseHop(next, 'inbound', trace);
    if (note) hop.notes.push(note);
    hop.tls = { peer, principal, established: handshake.established, reason: handshake.reason, istio: handshake.istio };
    if (!handshake.established) {
      result.hops.push(hop);
      hop.outcome = 'failed';
      hop.status = handshake.status;
      hop.responseFlag = handshake.responseFlag;
      hop.reason = `the connection from ${prev.name} is not set up: ${handshake.reason}`;
      break;
    }
  }
  return finish(result);
}

function mostLikely(trace: ExplainResult): string | null {
  let best: { cluster: string; probability: number } | null = null;
  for (const d of trace.destinations) if (!best || d.probability > best.probability) best = d;
  return best?.cluster ?? null;
}

function finish(result: PathResult): PathResult {
  const failed = result.hops.findIndex((h) => h.outcome === 'failed');
  const last = result.hops[result.hops.length - 1];
  result.failedAt = failed === -1 ? null : failed;
  if (failed !== -1) {
    const h = result.hops[failed]!;
    result.outcome = 'failed';
    const status = h.status !== null ? ` with ${h.status}${h.responseFlag ? ` ${h.responseFlag}` : ''}` : '';
    result.summary = `fails at hop ${failed + 1} (${h.proxy}, ${h.direction})${status}: ${h.reason}`;
  } else if (last?.outcome === 'delivered') {
    result.outcome = 'delivered';
    result.summary = `delivered in ${result.hops.length} hop${result.hops.length === 1 ? '' : 's'}: ${result.hops.map((h) => h.proxy).join(' → ')} → the application`;
  } else if (last?.outcome === 'answered') {
    result.outcome = 'answered';
    result.summary = `answered by ${last.proxy}: ${last.reason}`;
  } else {
    result.outcome = 'incomplete';
    result.summary = `followed ${result.hops.length} hop${result.hops.length === 1 ? '' : 's'}; ${result.stoppedBecause ?? 'the path stops here'}`;
  }
  return result;
}
