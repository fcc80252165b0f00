import type { RouteConfig } from '../envoy/route-types.ts';
import type { FilterChain, ProxyConfig } from '../envoy/types.ts';
import { requestFindings } from '../findings/request-findings.ts';
import type { HttpRequest } from '../router/request.ts';
import type { RouteOptions } from '../router/route-request.ts';
import { selectFilterChain } from './filter-chain-select.ts';
import { selectListener } from './listener-select.ts';
import { collectPolicies } from './policies.ts';
import type { ExplainResult } from './result.ts';
import { routeStages } from './route-stage.ts';
import { summarize } from './summary.ts';
import { emptyResult, Trace } from './trace.ts';
import { upstreamStages } from './upstream-stage.ts';

export interface ExplainOptions {
  /** Envoy's per-request random value (`--random N`): decides weighted splits as Envoy would. */
  randomValue?: bigint;
  runtime?: RouteOptions['runtime'];
}

/** The HTTP filter chain's route config: inline, or by RDS name. */
function routeConfigOf(config: ProxyConfig, chain: FilterChain, trace: Trace): RouteConfig | 'tcp' | undefined {
  const r = trace.result;
  for (const filter of chain.filters) {
    if (filter.kind === 'http_connection_manager') {
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
      const cluster = filter.cluster ?? filter.weightedClusters[0]?.name ?? '';
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

/** Without listeners (an istioctl `pc routes -o json` file), the route config named by the port, or the only one. */
function fallbackRouteConfig(config: ProxyConfig, request: HttpRequest): RouteConfig | undefined {
  return config.index.routeConfigByName.get(String(request.port)) ?? (config.routeConfigs.length === 1 ? config.routeConfigs[0] : undefined);
}

function listenerStages(config: ProxyConfig, request: HttpRequest, trace: Trace): RouteConfig | 'tcp' | undefined {
  const r = trace.result;
  if (!config.sections.listeners || config.listeners.length === 0) {
    const rc = fallbackRouteConfig(config, request);
    r.caveats.push({
      severity: 'warning',
      code: 'missing-section',
      message: 'no listeners in the input: the route config was chosen by port name, filter chains were not checked',
    });
    trace.step(
      'listener',
      'unknown',
      rc ? `no listeners in the input; using route config "${rc.name}"` : 'no listeners in the input and no route config named by the port',
    );
    if (rc) r.routeConfig = rc.name;
    return rc;
  }
  const choice = selectListener(config, request, config.node?.proxyType === 'router');
  if (!choice.listener) {
    trace.step('listener', 'none', choice.reason);
    trace.decide('listener');
    return undefined;
  }
  const listener = choice.listener;
  r.listener = listener.name;
  trace.step('listener', listener.name, choice.reason);
  const port = choice.passthrough ? request.port : (listener.address?.port ?? request.port);
  const chain = selectFilterChain(listener, {
    destinationPort: port,
    destinationIp: choice.destinationIp,
    transportProtocol: 'raw_buffer',
    applicationProtocols: ['http/1.1'],
  });
  if (!chain.chain) {
    trace.step('filter_chain', 'none', chain.reason);
    trace.decide('filter_chain');
    return undefined;
  }
  r.filterChain = chain.chain.name ?? (chain.chain.isDefault ? 'default_filter_chain' : null);
  trace.step('filter_chain', r.filterChain ?? '(unnamed)', chain.reason);
  const rc = routeConfigOf(config, chain.chain, trace);
  if (rc === undefined && r.routeConfig !== null) {
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

/**
 * Explains what this proxy's Envoy does with `request`, stage by stage: listener, filter chain,
 * virtual host, route (with every earlier route's failed predicate), action, cluster, endpoints,
 * and the policies on the way. Pure: everything comes from `config`.
 */
export function explain(config: ProxyConfig, request: HttpRequest, options: ExplainOptions = {}): ExplainResult {
  const result = emptyResult(config, request);
  const trace = new Trace(result);
  result.caveats.push(...config.issues.value.filter((i) => i.code === 'missing-section'));
  const rc = listenerStages(config, request, trace);
  if (rc && rc !== 'tcp') {
    const decision = routeStages(config, rc, request, { randomValue: options.randomValue, runtime: options.runtime }, trace);
    if (decision.virtualHost.found) {
      const cluster = result.cluster ? config.index.clusterByName.get(result.cluster) : undefined;
      result.policies = collectPolicies(decision.virtualHost.virtualHost, decision.route, decision, cluster);
      result.findings = requestFindings(config, rc, decision);
    }
  }
  result.steps = trace.steps;
  result.summary = summarize(result);
  return result;
}
