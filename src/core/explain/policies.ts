import { lbPolicyName } from '../envoy/cluster-policies.ts';
import { findFault } from '../envoy/fault.ts';
import type { HashPolicy, Route, VirtualHost } from '../envoy/route-types.ts';
import type { Cluster } from '../envoy/types.ts';
import type { RouteDecision } from '../router/route-request.ts';
import { describeCircuitBreaker, describeOutlierDetection } from './cluster-facts.ts';
import type { ExplainPolicies } from './result.ts';

function describeHash(h: HashPolicy): string {
  const terminal = h.terminal ? ' (terminal)' : '';
  switch (h.kind) {
    case 'header':
      return `header ${h.headerName}${terminal}`;
    case 'cookie':
      return `cookie ${h.name}${h.ttlMs !== undefined ? ` ttl ${h.ttlMs / 1000}s` : ''}${terminal}`;
    case 'connection_properties':
      return `source IP${terminal}`;
    case 'query_parameter':
      return `query parameter ${h.name}${terminal}`;
    case 'filter_state':
      return `filter state ${h.key}${terminal}`;
    default:
      return `unsupported${terminal}`;
  }
}

export const NO_POLICIES: ExplainPolicies = {
  timeoutMs: null,
  timeoutSource: null,
  retries: null,
  fault: null,
  mirrors: [],
  rewrites: {},
  hashPolicy: [],
  loadBalancer: null,
  circuitBreaker: null,
  outlierDetection: null,
  tls: null,
};

/**
 * The policies a forwarded request meets: the route's timeout, retries (route, else virtual host),
 * fault injection (weighted cluster entry, route, virtual host), mirrors, rewrites and hash
 * policy; then the chosen cluster's load balancer, circuit breaker, outlier detection and TLS.
 */
export function collectPolicies(vh: VirtualHost, route: Route | undefined, decision: RouteDecision, cluster: Cluster | undefined): ExplainPolicies {
  const out: ExplainPolicies = { ...NO_POLICIES, mirrors: [], rewrites: {}, hashPolicy: [] };
  const action = route?.action;
  if (route && action?.kind === 'route') {
    out.timeoutMs = action.timeoutMs ?? null;
    out.timeoutSource = action.timeoutMs === undefined ? 'envoy-default' : 'route';
    const retry = action.retryPolicy ?? vh.retryPolicy;
    if (retry) {
      out.retries = {
        attempts: retry.numRetries,
        retryOn: retry.retryOn,
        perTryTimeoutMs: retry.perTryTimeoutMs ?? null,
        retriableStatusCodes: retry.retriableStatusCodes,
        from: action.retryPolicy ? 'route' : 'virtual_host',
      };
    }
    const weighted = action.cluster.kind === 'weighted_clusters' && decision.pick ? action.cluster.clusters[decision.pick.index] : undefined;
    out.fault = findFault([
      { from: `weighted cluster ${weighted?.name ?? ''}`, perFilter: weighted?.typedPerFilterConfig },
      { from: 'route', perFilter: route.typedPerFilterConfig },
      { from: 'virtual host', perFilter: vh.typedPerFilterConfig },
    ]);
    out.mirrors = action.requestMirrorPolicies.map((m) => ({ cluster: m.cluster, percent: m.percent }));
    if (action.prefixRewrite !== undefined) out.rewrites.prefixRewrite = action.prefixRewrite;
    if (action.regexRewrite) out.rewrites.regexRewrite = `regex ${action.regexRewrite.regex} → ${action.regexRewrite.substitution}`;
    if (decision.pathRewrite) out.rewrites.path = decision.pathRewrite.to;
    if (decision.hostRewrite) out.rewrites.host = decision.hostRewrite.to;
    if (decision.hostRewrite?.xForwardedHost !== undefined) out.rewrites.xForwardedHost = decision.hostRewrite.xForwardedHost;
    else if (decision.autoHostRewrite) out.rewrites.host = "the chosen endpoint's hostname (auto_host_rewrite)";
    out.hashPolicy = action.hashPolicy.map(describeHash);
  }
  if (cluster) {
    out.loadBalancer = lbPolicyName(cluster);
    out.circuitBreaker = describeCircuitBreaker(cluster);
    out.outlierDetection = describeOutlierDetection(cluster);
    out.tls = cluster.tlsMode === 'DISABLE' ? 'plaintext' : cluster.tlsMode;
  }
  return out;
}
