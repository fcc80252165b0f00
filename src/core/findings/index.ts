import { routeConfigsOf } from '../envoy/listener-chains.ts';
import type { ProxyConfig, RouteConfig } from '../envoy/types.ts';
import type { Analyzer } from './analyzer.ts';
import { endpointsUnavailable } from './analyzers/endpoints-unavailable.ts';
import { faultAbortNotRetried } from './analyzers/fault-abort-not-retried.ts';
import { faultNeverFires } from './analyzers/fault-never-fires.ts';
import { mirrorTargetUnavailable } from './analyzers/mirror-target-unavailable.ts';
import { missingCluster } from './analyzers/missing-cluster.ts';
import { noEndpoints } from './analyzers/no-endpoints.ts';
import { noTimeout } from './analyzers/no-timeout.ts';
import { outlierGatewayOnly } from './analyzers/outlier-gateway-only.ts';
import { retriesExceedRouteTimeout } from './analyzers/retries-exceed-route-timeout.ts';
import { retriesNeverFire } from './analyzers/retries-never-fire.ts';
import { retriesWithoutPerTryTimeout } from './analyzers/retries-without-per-try-timeout.ts';
import { routeShadowed } from './analyzers/route-shadowed.ts';
import { unintendedWeights } from './analyzers/unintended-weights.ts';
import { unusedSubsetPolicy } from './analyzers/unused-subset-policy.ts';
import { mirrorOnlyClusters, referencedClusters } from './cluster-refs.ts';
import { bySeverity, type Finding, type FindingType } from './finding.ts';

export type { Finding, FindingType, Severity } from './finding.ts';

/** Every analyzer, in the order their findings are listed within a severity. */
export const ANALYZERS: readonly Analyzer[] = [
  routeShadowed,
  missingCluster,
  noEndpoints,
  endpointsUnavailable,
  mirrorTargetUnavailable,
  unintendedWeights,
  retriesWithoutPerTryTimeout,
  noTimeout,
  retriesNeverFire,
  faultAbortNotRetried,
  faultNeverFires,
  retriesExceedRouteTimeout,
  outlierGatewayOnly,
  unusedSubsetPolicy,
];

/**
 * The catalogue of finding types, by code (`MS101`…: ASCII, so by code unit; localeCompare would
 * start ICU's collator, ~8 ms, at every start of every command that loads the findings).
 */
export const FINDING_TYPES: readonly FindingType[] = ANALYZERS.flatMap((a) => a.reports).sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));

/** How far an analysis has come: units (virtual hosts, clusters, the whole proxy) done of all. */
export interface AnalysisProgress {
  done: number;
  total: number;
}

/**
 * Runs every analyzer over each virtual host of `routeConfigs`, then over each of `clusters`
 * (with the routes that use it; `mirrorOnly` names those routes only mirror to), then, with
 * `wholeProxy`, over the proxy as a whole. Most severe first; within a severity, in that walk's order.
 */
export function analyze(
  config: ProxyConfig,
  routeConfigs: readonly RouteConfig[],
  clusters: ReadonlyMap<string, readonly string[]>,
  mirrorOnly: ReadonlySet<string> = new Set(),
  wholeProxy = false,
): Finding[] {
  const steps = analysisSteps(config, routeConfigs, clusters, mirrorOnly, wholeProxy);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * `analyze` one unit at a time: yields its progress after each virtual host, each cluster and the
 * whole-proxy pass, and returns the findings, so a caller can spread the work over time (the TUI
 * counts a 10k-service proxy's findings after its first frame). The same walk as `analyze`, so the
 * same findings in the same order.
 */
export function* analysisSteps(
  config: ProxyConfig,
  routeConfigs: readonly RouteConfig[],
  clusters: ReadonlyMap<string, readonly string[]>,
  mirrorOnly: ReadonlySet<string> = new Set(),
  wholeProxy = false,
): Generator<AnalysisProgress, Finding[], void> {
  const all: Finding[] = [];
  const progress: AnalysisProgress = { done: 0, total: clusters.size + (wholeProxy ? 1 : 0) };
  const hosts = routeConfigs.map((rc) => rc.virtualHosts.value);
  for (const vhs of hosts) progress.total += vhs.length;
  for (let i = 0; i < routeConfigs.length; i++) {
    const rc = routeConfigs[i]!;
    for (const vh of hosts[i]!) {
      for (const analyzer of ANALYZERS) if (analyzer.virtualHost) all.push(...analyzer.virtualHost(config, rc, vh));
      progress.done++;
      yield progress;
    }
  }
  for (const [name, routes] of clusters) {
    for (const analyzer of ANALYZERS) if (analyzer.cluster) all.push(...analyzer.cluster(config, name, routes, { mirrorOnly: mirrorOnly.has(name) }));
    progress.done++;
    yield progress;
  }
  if (wholeProxy) {
    for (const analyzer of ANALYZERS) if (analyzer.proxy) all.push(...analyzer.proxy(config));
    progress.done++;
    yield progress;
  }
  return all
    .map((f, i) => ({ f, i }))
    .sort((a, b) => bySeverity(a.f.severity, b.f.severity) || a.i - b.i)
    .map(({ f }) => f);
}

/** Every finding for one proxy. */
export function findingsFor(config: ProxyConfig): Finding[] {
  const steps = findingSteps(config);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * `findingsFor` one unit at a time (see `analysisSteps`); the references from routes to clusters
 * are gathered first, a step each (0 of 0 done).
 */
export function* findingSteps(config: ProxyConfig): Generator<AnalysisProgress, Finding[], void> {
  const starting: AnalysisProgress = { done: 0, total: 0 };
  const routeConfigs = routeConfigsOf(config).map((e) => e.routeConfig);
  yield starting;
  const clusters = referencedClusters(config);
  yield starting;
  const mirrorOnly = mirrorOnlyClusters(config);
  yield starting;
  return yield* analysisSteps(config, routeConfigs, clusters, mirrorOnly, true);
}
