import type { ClusterEndpoint } from '../envoy/cluster-endpoints.ts';
import type { ExplainResult } from '../explain/result.ts';
import type { HttpRequest } from '../router/request.ts';
import type { PathHop } from './types.ts';

/**
 * The request as the next hop receives it: the route's rewrites applied (`prefix_rewrite`,
 * `regex_rewrite`, `host_rewrite_literal`: the router rewrites `:path` and `:authority` before it
 * forwards, source/common/router/config_impl.cc finalizeRequestHeaders), sent to the endpoint's
 * address. An `auto_host_rewrite` host is the endpoint's hostname, which the dump does not hold
 * for a Kubernetes endpoint: the authority is kept.
 */
export function nextRequest(request: HttpRequest, trace: ExplainResult, endpoint: ClusterEndpoint): HttpRequest {
  const rewrites = trace.policies.rewrites;
  const out: HttpRequest = { ...request, headers: [...request.headers], destinationIp: endpoint.address };
  if (rewrites.path !== undefined) out.path = rewrites.path;
  if (rewrites.host !== undefined && !rewrites.host.includes(' ')) {
    out.authority = rewrites.host;
    out.host = rewrites.host.replace(/:\d+$/, '').toLowerCase();
  }
  // Between two proxies of the mesh the connection is Istio's (mTLS or plaintext), not the
  // client's own TLS: the next hop never sees the first client's ClientHello.
  delete out.tls;
  return out;
}

/** A hop's timeout and retries in one line each, from its trace's policies. */
export function hopPolicies(trace: ExplainResult): PathHop['policies'] {
  const p = trace.policies;
  const retries = p.retries
    ? `${p.retries.attempts} retr${p.retries.attempts === 1 ? 'y' : 'ies'} on ${p.retries.retryOn.join(',') || '(nothing)'}${
        p.retries.perTryTimeoutMs !== null ? `, ${p.retries.perTryTimeoutMs} ms per try` : ''
      }`
    : null;
  return { timeoutMs: p.timeoutMs, retries };
}
