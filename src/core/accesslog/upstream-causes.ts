import { endpointsFor } from '../envoy/cluster-endpoints.ts';
import { asNumber, asObject } from '../envoy/json.ts';
import type { Cluster, ProxyConfig } from '../envoy/types.ts';
import { describeOutlierDetection } from '../explain/cluster-facts.ts';
import type { ExplainResult } from '../explain/result.ts';
import type { AccessLogEntry } from './access-log.ts';

/**
 * Likely causes of the upstream-side response flags (UH, UF, UO, URX, UT, UC/UR/LR, UPE) in one
 * proxy's configuration: the cluster the request went to, its endpoints, circuit breaker,
 * outlier detection and TLS, and the route's timeout and retries. Sentences with evidence.
 */
export interface CauseContext {
  entry: AccessLogEntry;
  config: ProxyConfig;
  result: ExplainResult;
  /** The cluster the log names, else the one explain chose (null when neither). */
  cluster: string | null;
}

const UNSET = 4294967295;
const seconds = (ms: number): string => (ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`);

function clusterLabel(c: Cluster | undefined, name: string): string {
  const dr = c?.destinationRule?.display;
  const subset = c?.istioSubset ? `subset ${c.istioSubset} ` : '';
  return `${subset}\`${name}\`${dr ? ` (DestinationRule ${dr})` : ''}`;
}

export function noHealthyUpstream(ctx: CauseContext): string[] {
  if (!ctx.cluster) return ['the request reached no cluster in this configuration'];
  const c = ctx.config.index.clusterByName.get(ctx.cluster);
  const view = endpointsFor(ctx.config, ctx.cluster);
  const label = clusterLabel(c, ctx.cluster);
  if (view.endpoints.length === 0) {
    return [`${label} has no endpoints${c?.istioSubset ? `: the subset's labels select no pods` : ''} — every request to it gets 503 UH`];
  }
  const ejected = view.endpoints.filter((e) => e.ejected);
  const unhealthy = view.endpoints.filter((e) => !e.ejected && !['HEALTHY', 'UNKNOWN', 'DEGRADED'].includes(e.health));
  const out = [`${label}: ${view.usable} of ${view.endpoints.length} endpoints usable in this capture (${view.source})`];
  if (ejected.length) out.push(`ejected by outlier detection: ${ejected.map((e) => `${e.address}:${e.port}`).join(', ')}`);
  if (unhealthy.length) out.push(`unhealthy: ${unhealthy.map((e) => `${e.address}:${e.port} (${e.health})`).join(', ')}`);
  const outlier = c ? describeOutlierDetection(c) : null;
  if (outlier) out.push(`outlier detection: ${outlier}; an ejected host comes back after the ejection time, so UH can be brief`);
  if (view.usable > 0) out.push('the capture has usable endpoints: at the time of the request they were all ejected, unhealthy or not yet known');
  return out;
}

export function overflow(ctx: CauseContext): string[] {
  if (!ctx.cluster) return [];
  const c = ctx.config.index.clusterByName.get(ctx.cluster);
  const t = c?.circuitBreakers.find((x) => x.priority === 'DEFAULT');
  const label = clusterLabel(c, ctx.cluster);
  if (!t) return [`${label} sets no circuit breaker: Envoy's defaults apply (1024 connections, 1024 pending, 1024 requests, 3 retries)`];
  const limits: string[] = [];
  const add = (value: number | undefined, envoy: string, istio: string) => {
    if (value !== undefined && value < UNSET) limits.push(`${envoy} ${value} (connectionPool ${istio})`);
  };
  add(t.maxConnections, 'max_connections', 'tcp.maxConnections');
  add(t.maxPendingRequests, 'max_pending_requests', 'http.http1MaxPendingRequests');
  add(t.maxRequests, 'max_requests', 'http.http2MaxRequests');
  add(t.maxRetries, 'max_retries', 'http.maxRetries');
  const perConnection = maxRequestsPerConnection(c);
  const out = limits.length
    ? [`${label} circuit breaker: ${limits.join(', ')}; a request beyond a limit is rejected at once with 503 UO`]
    : [`${label} has no circuit-breaker limit below Istio's defaults`];
  if (perConnection !== undefined)
    out.push(`http.maxRequestsPerConnection ${perConnection}: every request needs a new connection, which fills max_connections quickly`);
  return out;
}

/** `max_requests_per_connection` from the cluster or its HTTP protocol options. */
function maxRequestsPerConnection(c: Cluster | undefined): number | undefined {
  if (!c) return undefined;
  const options = asObject(asObject(c.raw.typed_extension_protocol_options)?.['envoy.extensions.upstreams.http.v3.HttpProtocolOptions']);
  return asNumber(asObject(options?.common_http_protocol_options)?.max_requests_per_connection) ?? asNumber(c.raw.max_requests_per_connection);
}

export function connectionFailure(ctx: CauseContext): string[] {
  const out: string[] = [];
  const reason = ctx.entry.upstreamTransportFailureReason;
  if (reason)
    out.push(
      `transport failure reason: ${reason}${/tls|ssl|certificate|handshake/i.test(reason) ? ' — a TLS problem: compare the DestinationRule tls mode with the server side (PeerAuthentication)' : ''}`,
    );
  if (!ctx.cluster) return out;
  const c = ctx.config.index.clusterByName.get(ctx.cluster);
  if (c) {
    out.push(
      `${clusterLabel(c, ctx.cluster)}: connect timeout ${c.connectTimeoutMs !== undefined ? seconds(c.connectTimeoutMs) : "5s (Envoy's default)"}, TLS ${c.tlsMode === 'DISABLE' ? 'plaintext' : c.tlsMode}${c.autoMtls ? ' (auto mTLS)' : ''}`,
    );
  }
  const host = ctx.entry.upstreamHost;
  if (host) {
    const known = endpointsFor(ctx.config, ctx.cluster).endpoints.find((e) => `${e.address}:${e.port}` === host);
    out.push(
      known
        ? `upstream host ${host} (${known.workload ?? 'unknown workload'}) is ${known.ejected ? 'ejected' : known.health} in this capture`
        : `upstream host ${host} is not among the cluster's endpoints in this capture: the pod may have gone away`,
    );
  }
  return out;
}

export function retriesExhausted(ctx: CauseContext): string[] {
  const r = ctx.result.policies.retries;
  if (!r) return ['the route has no retry policy in this capture'];
  const per = r.perTryTimeoutMs === null ? 'no per-try timeout' : `per-try timeout ${seconds(r.perTryTimeoutMs)}`;
  return [
    `the route allows ${r.attempts} retries on ${r.retryOn.join(',') || '-'} (${per}${r.from === 'virtual_host' ? ', from the virtual host' : ''}); every attempt failed`,
  ];
}

export function timeout(ctx: CauseContext): string[] {
  const p = ctx.result.policies;
  const out: string[] = [];
  const d = ctx.entry.durationMs;
  if (p.timeoutMs !== null && p.timeoutMs > 0) out.push(`the route timeout is ${seconds(p.timeoutMs)}${d !== null ? `; the request took ${d} ms` : ''}`);
  else if (p.timeoutMs === 0) out.push('the route timeout is disabled (0s): a UT then comes from the per-try timeout');
  else if (p.timeoutSource === 'envoy-default')
    out.push(`the route sets no timeout: Envoy's default 15s applies${d !== null ? `; the request took ${d} ms` : ''}`);
  if (p.retries?.perTryTimeoutMs) out.push(`per-try timeout ${seconds(p.retries.perTryTimeoutMs)} × ${p.retries.attempts + 1} attempts`);
  if (p.fault?.delay)
    out.push(
      `the fault filter delays ${p.fault.delay.percent}% of requests by ${seconds(p.fault.delay.fixedDelayMs)}: the delay adds to the logged duration, not to the route timeout, which the router starts only once the delayed request reaches it (Router::Filter::onRequestComplete)`,
    );
  return out;
}

export function upstreamReset(ctx: CauseContext): string[] {
  const out: string[] = [];
  if (ctx.entry.responseCodeDetails) out.push(`response code details: ${ctx.entry.responseCodeDetails}`);
  if (ctx.cluster) {
    const perConnection = maxRequestsPerConnection(ctx.config.index.clusterByName.get(ctx.cluster));
    if (perConnection !== undefined) out.push(`the cluster allows ${perConnection} request(s) per connection (connectionPool.http.maxRequestsPerConnection)`);
  }
  out.push(
    "usual causes: the application closed an idle keep-alive connection Envoy reused (set connectionPool.http.idleTimeout below the app's), the app crashed, or a protocol mismatch",
  );
  return out;
}

export function protocolError(ctx: CauseContext): string[] {
  if (!ctx.cluster) return [];
  const c = ctx.config.index.clusterByName.get(ctx.cluster);
  if (!c) return [];
  const options = asObject(asObject(c.raw.typed_extension_protocol_options)?.['envoy.extensions.upstreams.http.v3.HttpProtocolOptions']);
  const h2 = asObject(asObject(options?.explicit_http_config)?.http2_protocol_options) !== undefined || c.raw.http2_protocol_options !== undefined;
  return [
    `${clusterLabel(c, ctx.cluster)} speaks ${h2 ? 'HTTP/2' : 'HTTP/1.1 (or the downstream protocol)'} to the upstream: check the Service port name or appProtocol against what the app serves`,
  ];
}
