import type { ProxyConfig } from '../envoy/types.ts';
import { requestFindings } from '../findings/request-findings.ts';
import { fragmentPolicy } from '../router/path-fragment.ts';
import type { HttpRequest } from '../router/request.ts';
import type { RouteOptions } from '../router/route-request.ts';
import type { UpstreamFailure } from '../router/upstream-failure.ts';
import { explainFailure } from './failure.ts';
import { applyHashing } from './hashing.ts';
import { listenerStages } from './listener-stage.ts';
import { pathCaveats } from './path-caveats.ts';
import { collectPolicies } from './policies.ts';
import type { ExplainResult } from './result.ts';
import { routeStages } from './route-stage.ts';
import { summarize } from './summary.ts';
import { emptyResult, Trace } from './trace.ts';

export interface ExplainOptions {
  /** Envoy's per-request random value (`--random N`): decides weighted splits as Envoy would. */
  randomValue?: bigint;
  runtime?: RouteOptions['runtime'];
  /** `--status`: what this failure upstream leads to (retries, ejection, the client's answer). */
  failure?: { failure: UpstreamFailure; text: string };
}

/**
 * Explains what this proxy's Envoy does with `request`, stage by stage: listener, filter chain,
 * virtual host, route (with every earlier route's failed predicate), action, cluster, endpoints,
 * and the policies on the way, with the load issues on the request's path as caveats
 * (`pathCaveats`). Pure: everything comes from `config`.
 */
export function explain(config: ProxyConfig, request: HttpRequest, options: ExplainOptions = {}): ExplainResult {
  const result = emptyResult(config, request);
  const trace = new Trace(result);
  result.caveats.push(...config.issues.value.filter((i) => i.code === 'missing-section'));
  const rc = listenerStages(config, request, trace);
  if (rc && rc !== 'tcp') {
    // The connection manager in front of the router handles a #fragment in :path first.
    const pathFragment = fragmentPolicy(options.runtime);
    const decision = routeStages(config, rc, request, { randomValue: options.randomValue, runtime: options.runtime, pathFragment }, trace);
    if (decision.virtualHost.found) {
      const cluster = result.cluster ? config.index.clusterByName.get(result.cluster) : undefined;
      result.policies = collectPolicies(decision.virtualHost.virtualHost, decision.route, decision, cluster);
      applyHashing(config, decision.route, request, result);
      result.findings = requestFindings(config, rc, decision);
      if (options.failure && decision.route && result.outcome === 'route')
        result.failure = explainFailure(config, decision.virtualHost.virtualHost, decision.route, result, options.failure.failure, options.failure.text);
    }
  }
  result.caveats.push(...pathCaveats(config, result));
  result.steps = trace.steps;
  result.summary = summarize(result);
  return result;
}
