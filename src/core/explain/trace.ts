import type { ProxyConfig } from '../envoy/types.ts';
import type { HttpRequest } from '../router/request.ts';
import { NO_POLICIES } from './policies.ts';
import type { ExplainResult, ExplainStep, StageName } from './result.ts';

/** Accumulates the trace while the stages run. */
export class Trace {
  readonly steps: ExplainStep[] = [];
  constructor(readonly result: ExplainResult) {}

  step(stage: StageName, result: string, reason: string): void {
    this.steps.push({ stage, result, reason });
  }

  /** Marks the last step of a stage as the one that decided the outcome. */
  decide(stage: StageName): void {
    for (let i = this.steps.length - 1; i >= 0; i--) {
      if (this.steps[i]!.stage === stage) {
        this.steps[i]!.deciding = true;
        return;
      }
    }
  }
}

function requestUrl(request: HttpRequest): string {
  return `${request.scheme}://${request.authority}${request.path}`;
}

/** A result with nothing decided yet; the stages fill it in. */
export function emptyResult(config: ProxyConfig, request: HttpRequest): ExplainResult {
  const node = config.node;
  return {
    outcome: 'no_listener',
    status: null,
    responseFlag: null,
    summary: '',
    request: { method: request.method, url: requestUrl(request), authority: request.authority, path: request.path, headers: request.headers },
    proxy: { source: config.source, node: node?.podName ? `${node.podName}${node.namespace ? `.${node.namespace}` : ''}` : (node?.id ?? null) },
    connection: null,
    listener: null,
    filterChain: null,
    routeConfig: null,
    virtualHost: null,
    route: null,
    virtualService: null,
    origin: null,
    destinations: [],
    cluster: null,
    subset: null,
    destinationRule: null,
    pick: null,
    endpoints: [],
    policies: { ...NO_POLICIES, mirrors: [], rewrites: {}, hashPolicy: [] },
    redirect: null,
    directResponse: null,
    steps: [],
    notTaken: [],
    findings: [],
    caveats: [],
  };
}
