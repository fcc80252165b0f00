import type { Route, VirtualHost } from '../envoy/route-types.ts';
import type { ProxyConfig } from '../envoy/types.ts';
import { ejectionCap } from '../lb/ejection-cap.ts';
import { outlierCount } from '../lb/outlier-counting.ts';
import { backoffBounds } from '../router/retry-backoff.ts';
import { effectiveRetryPolicy } from '../router/retry-conditions.ts';
import { retryDecision } from '../router/retry-decision.ts';
import { failureLabel, isLocalOrigin, type UpstreamFailure } from '../router/upstream-failure.ts';
import { type ClientSees, clientSees } from './failure-outcome.ts';
import type { ExplainResult } from './result.ts';

/** What one upstream failure leads to on this route and cluster (`explain --status`; JSON `failure`). */
export interface ExplainFailure {
  /** `500`, `reset`, `connect-failure`, … as given. */
  failure: string;
  /** `the upstream answers 500`. */
  label: string;
  retried: boolean;
  /** The retry_on condition that retries it, or why nothing does. */
  retryReason: string;
  /** Attempts when every one fails this way: 1 + num_retries when retried (as many as fit the route timeout), else 1. */
  attempts: number;
  /** Which hosts the retries go to. */
  hosts: string | null;
  /** Counted towards ejecting the host by an enforced outlier detector of the chosen cluster (every destination's, for an undecided split). */
  ejectionCounted: boolean;
  ejection: { cluster: string; counted: boolean; reason: string }[];
  clientSees: ClientSees;
  /** Further facts on the way: fault injection, response headers that would change the answer. */
  notes: string[];
}

/** Request headers Envoy's router reads its retry policy from (router/config_impl.cc, retry_state_impl.cc). */
const RETRY_HEADERS = ['x-envoy-retry-on', 'x-envoy-retry-grpc-on', 'x-envoy-max-retries', 'x-envoy-retriable-status-codes', 'x-envoy-retriable-header-names'];

const seconds = (ms: number): string => (ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`);

/** Which hosts the retries of `route` can go to, by its host predicates and the endpoints taking traffic. */
function hostsLine(route: Route, vh: VirtualHost, result: ExplainResult, retries: number): string | null {
  if (retries === 0) return null;
  const policy = effectiveRetryPolicy(vh, route)?.policy;
  const previous = policy?.hostPredicates.includes('envoy.retry_host_predicates.previous_hosts') ?? false;
  const taking = result.cluster ? result.endpoints.filter((e) => (e.share ?? 1) > 0).length : null;
  if (!previous) return 'no retry_host_predicate: a retry may land on the host that just failed (Istio leaves previous_hosts out for consistent-hash routes)';
  const tries = policy?.hostSelectionRetryMaxAttempts ?? 1;
  const pool =
    taking === null
      ? ''
      : taking <= 1
        ? `; but only ${taking} host takes this cluster's traffic, so every retry goes back to it`
        : taking < retries + 1
          ? `; ${taking} hosts take traffic, fewer than the ${retries + 1} attempts: later retries return to hosts already tried`
          : `; ${taking} hosts take traffic: if only one host fails this way, the retry reaches a healthy one`;
  return `previous_hosts: each retry picks a host not tried yet (up to host_selection_retry_max_attempts ${tries} picks)${pool}`;
}

/** The ejection cap when it stops the next ejection (max_ejection_percent reached, or allowing none). */
function capped(config: ProxyConfig, clusterName: string, result: ExplainResult): string {
  const endpoints = clusterName === result.cluster ? result.endpoints : (result.destinations.find((d) => d.cluster === clusterName)?.endpoints ?? []);
  const cap = ejectionCap(config.index.clusterByName.get(clusterName), endpoints.length, endpoints.filter((e) => e.ejected).length);
  return cap && cap.ejected >= cap.allowed ? `; but ${cap.text}` : '';
}

/**
 * `explain --status`: whether the route retries the failure (RetryStateImpl), how many attempts
 * fit in the route timeout, whether each counts towards ejection (the outlier detector of the
 * chosen cluster), and what the client finally sees. Pure.
 */
export function explainFailure(
  config: ProxyConfig,
  vh: VirtualHost,
  route: Route,
  result: ExplainResult,
  failure: UpstreamFailure,
  text: string,
): ExplainFailure {
  const action = route.action.kind === 'route' ? route.action : undefined;
  const policy = effectiveRetryPolicy(vh, route)?.policy;
  const noPerTry = failure.kind === 'timeout' && policy?.perTryTimeoutMs === undefined;
  const decision = noPerTry
    ? {
        retried: false,
        by: null,
        reason: 'the route has no per-try timeout: the only timeout is the route timeout, and Envoy never retries it',
        depends: [],
      }
    : retryDecision(policy, failure);
  const notes = [...decision.depends];
  const retries = decision.retried ? policy!.numRetries : 0;
  const clusters = result.cluster ? [result.cluster] : result.destinations.filter((d) => d.known).map((d) => d.cluster);
  const counting = isLocalOrigin(failure)
    ? { kind: 'local' as const, timeout: failure.kind === 'timeout' }
    : { kind: 'status' as const, status: (failure as { status: number }).status };
  const neverTimesOut = noPerTry && action?.timeoutMs === 0;
  const ejection = clusters.map((c) => {
    if (neverTimesOut)
      return { cluster: c, counted: false, reason: 'nothing times the request out (no route timeout, no per-try timeout): there is no failure to count' };
    const counted = outlierCount(config.index.clusterByName.get(c), counting);
    return { cluster: c, counted: counted.counted, reason: counted.counted ? counted.reason + capped(config, c, result) : counted.reason };
  });
  const sees = clientSees({
    failure,
    retried: decision.retried,
    retries,
    routeTimeoutMs: action?.timeoutMs ?? null,
    perTryTimeoutMs: policy?.perTryTimeoutMs ?? null,
    connectTimeoutMs: result.cluster ? (config.index.clusterByName.get(result.cluster)?.connectTimeoutMs ?? null) : null,
    backoffMs: policy ? backoffBounds(policy, retries) : [],
  });
  const asked = result.request.headers.map(([n]) => n.toLowerCase()).filter((n) => RETRY_HEADERS.includes(n));
  if (asked.length > 0)
    notes.push(
      `the request carries ${[...new Set(asked)].join(', ')}: Envoy's router adds its conditions and limits to the route's (for requests it trusts as internal); not interpreted here`,
    );
  const fault = result.policies.fault;
  if (fault?.abort && fault.abort.percent === 0 && !fault.abort.header)
    notes.push(`this route's fault abort is at 0%${fault.abort.percentUnset ? ' (no percentage set)' : ''}: it never fires`);
  else if (fault?.abort)
    notes.push(
      `this route injects aborts (${fault.abort.percent}% answered ${fault.abort.httpStatus ?? `grpc ${fault.abort.grpcStatus}`}, from the ${fault.from}): an injected abort is the fault filter's local reply before the router, so it is never retried and never counts towards ejection`,
    );
  if (fault?.delay && (fault.delay.percent > 0 || fault.delay.header))
    notes.push(
      `this route injects a ${seconds(fault.delay.fixedDelayMs)} delay on ${fault.delay.percent}% of requests before the router: it adds to the client's wait, and the route timeout (which the router starts only once the request reaches it) does not cover it`,
    );
  return {
    failure: text,
    label: failureLabel(failure),
    retried: decision.retried,
    retryReason: decision.reason,
    attempts: sees.attempts,
    hosts: hostsLine(route, vh, result, retries),
    ejectionCounted: ejection.length > 0 && ejection.every((e) => e.counted),
    ejection: ejection.map(({ cluster, counted, reason }) => ({ cluster, counted, reason })),
    clientSees: sees,
    notes,
  };
}
