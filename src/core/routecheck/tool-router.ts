import type { RouteConfig } from '../envoy/route-types.ts';
import { type HttpRequest, splitAuthority } from '../router/request.ts';
import type { RuntimeValue } from '../router/route-options.ts';
import { routeRequest } from '../router/route-request.ts';
import type { ToolRequest } from './request-builder.ts';
import type { ToolRoute } from './tool-route.ts';

/** The tool's header map as the engine's request model: pseudo-headers become fields. */
function toHttpRequest(request: ToolRequest): HttpRequest {
  const headers = request.headers;
  const scheme = headers.first(':scheme') === 'https' ? 'https' : 'http';
  const authority = headers.first(':authority');
  const { host, port } = splitAuthority(authority);
  const regular = headers.list().filter(([name]) => !name.startsWith(':'));
  return {
    method: headers.first(':method'),
    scheme,
    authority,
    host,
    port: port ?? (scheme === 'https' ? 443 : 80),
    explicitPort: port !== undefined,
    path: headers.first(':path'),
    headers: regular,
    internal: headers.first('x-envoy-internal') === 'true',
  };
}

/**
 * Routes a test request with meshscope's engine the way router_check_tool does: its random value,
 * its runtime-fraction mock (only `input.runtime` is ever enabled, a 0% default counts as 1%),
 * the test's dynamic metadata, and `runtime` (the test file's static runtime layer) for weights.
 */
export function routeToolRequest(config: RouteConfig, request: ToolRequest, runtime: Record<string, RuntimeValue> = {}): ToolRoute {
  const http = toHttpRequest(request);
  const decision = routeRequest(config, http, {
    randomValue: request.randomValue,
    runtime,
    runtimeFractionMode: 'router_check',
    routerCheckRuntimeKey: request.runtimeKey === '' ? undefined : request.runtimeKey,
    dynamicMetadata: request.dynamicMetadata,
  });
  if (!decision.virtualHost.found) return { kind: 'none' };
  const virtualHost = decision.virtualHost.virtualHost;
  const virtualHostIndex = decision.virtualHost.index;
  const route = decision.route;
  if (decision.outcome === 'redirect' && decision.redirect) {
    return { kind: 'direct', virtualHost, virtualHostIndex, route, status: decision.redirect.code, body: '', newUri: decision.redirect.location };
  }
  if (!route) return { kind: 'none' };
  if (decision.outcome === 'direct_response' && decision.directResponse) {
    const reply = decision.directResponse;
    return { kind: 'direct', virtualHost, virtualHostIndex, route, status: reply.status, body: reply.body ?? '', newUri: reply.uri };
  }
  const action = route.action;
  if (action.kind !== 'route') return { kind: 'none' };
  const pick = decision.pick;
  const entry = pick && action.cluster.kind === 'weighted_clusters' ? action.cluster.clusters[pick.index] : undefined;
  return {
    kind: 'forward',
    virtualHost,
    virtualHostIndex,
    route,
    action,
    cluster: decision.cluster ?? '',
    ...(pick && entry ? { weighted: { index: pick.index, entry } } : {}),
    ...(decision.pathRewrite ? { rewrittenPath: decision.pathRewrite.to } : {}),
    ...(decision.hostRewrite ? { rewrittenHost: decision.hostRewrite.to } : {}),
    ...(decision.hostRewrite?.by === 'weighted_cluster host_rewrite_literal' ? { rewrittenHostByWeightedCluster: true } : {}),
  };
}
