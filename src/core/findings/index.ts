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

/** The catalogue of finding types, by code. */
export const FINDING_TYPES: readonly FindingType[] = ANALYZERS.flatMap((a) => a.reports).sort((a, b) => a.code.localeCompare(b.code));

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
  const all: Finding[] = [];
  for (const rc of routeConfigs) {
    for (const vh of rc.virtualHosts.value) for (const analyzer of ANALYZERS) if (analyzer.virtualHost) all.push(...analyzer.virtualHost(config, rc, vh));
  }
  for (const [name, routes] of clusters)
    for (const analyzer of ANALYZERS) if (analyzer.cluster) all.push(...analyzer.cluster(config, name, routes, { mirrorOnly: mirrorOnly.has(name) }));
  if (wholeProxy) for (const analyzer of ANALYZERS) if (analyzer.proxy) all.push(...analyzer.proxy(config));
  return all
    .map((f, i) => ({ f, i }))
    .sort((a, b) => bySeverity(a.f.severity, b.f.severity) || a.i - b.i)
    .map(({ f }) => f);
}

/** Every finding for one proxy. */
export function findingsFor(config: ProxyConfig): Finding[] {
  return analyze(
    config,
    routeConfigsOf(config).map((e) => e.routeConfig),
    referencedClusters(config),
    mirrorOnlyClusters(config),
    true,
  );
}
