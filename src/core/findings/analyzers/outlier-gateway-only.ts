import { asObject } from '../../envoy/json.ts';
import type { Cluster, OutlierDetection } from '../../envoy/types.ts';
import type { Analyzer } from '../analyzer.ts';
import { andMore } from '../cluster-refs.ts';
import { type FindingType, finding } from '../finding.ts';

const OUTLIER_GATEWAY_ONLY: FindingType = {
  code: 'MS114',
  name: 'GatewayOnlyOutlierDetection',
  severity: 'warning',
  hint: 'set trafficPolicy.outlierDetection.consecutive5xxErrors in the DestinationRule (0 disables it): consecutiveGatewayErrors alone ejects only on 502, 503 and 504',
};

/** For clusters no DestinationRule produced. */
const ENVOY_HINT =
  'set outlier_detection.consecutive_5xx (and enforcing_consecutive_5xx) on the cluster (no DestinationRule produced it): consecutive_gateway_failure alone ejects only on 502, 503 and 504';

/** Envoy's defaults (outlier_detection_impl.h DetectorConfig): 5 consecutive errors; 5xx enforced at 100%, gateway failures at 0%, success rate at 100%, failure percentage at 0%. */
const DEFAULT_CONSECUTIVE = 5;

/** Why consecutive-5xx ejection is off, or undefined when it is on. */
function fiveXxOff(o: OutlierDetection): string | undefined {
  if (o.consecutive5xx === 0) return 'consecutive_5xx 0';
  if (o.enforcingConsecutive5xx === 0) return 'enforcing_consecutive_5xx 0';
  return undefined;
}

/** A DestinationRule's outlierDetectionHttpErrorCodes (HttpProtocolOptions.outlier_detection) decides per status what counts: left alone. */
function hasErrorMatcher(cluster: Cluster): boolean {
  const options = asObject(cluster.raw.typed_extension_protocol_options) ?? {};
  return Object.values(options).some((o) => asObject(o)?.outlier_detection !== undefined);
}

/**
 * A cluster routes send to whose outlier detection ejects only on gateway errors. Envoy's
 * `DetectorHostMonitorImpl::putHttpResponseCode` (source/common/upstream/outlier_detection_impl.cc)
 * counts every 5xx towards `consecutive_5xx` and only 502, 503 and 504 (including Envoy's own
 * connect failures and timeouts, mapped to 503/504) towards `consecutive_gateway_failure`; a 500
 * resets the gateway count. With consecutive-5xx ejection off (`consecutive_5xx` 0 never reaches
 * its threshold; `enforcing_consecutive_5xx` 0 never enforces it) and success-rate and
 * failure-percentage ejection off, a host failing with 500 is never ejected. Istio writes
 * `consecutive5xxErrors` N as `consecutive_5xx` N with `enforcing_consecutive_5xx` 100 (0 and 0 for
 * N = 0), `consecutiveGatewayErrors` the same way into the gateway pair, and always
 * `enforcing_success_rate` 0 (pilot/pkg/networking/core/cluster_traffic_policy.go
 * `applyOutlierDetection`); Envoy's default `enforcing_consecutive_gateway_failure` is 0.
 */
export const outlierGatewayOnly: Analyzer = {
  name: 'cluster.outlier-gateway-only',
  description: 'outlier detection that ejects only on gateway errors (502, 503, 504), never on 500',
  reads: ['routes', 'clusters'],
  reports: [OUTLIER_GATEWAY_ONLY],
  cluster(config, name, routes, use) {
    if (use.mirrorOnly) return [];
    const cluster = config.index.clusterByName.get(name);
    const o = cluster?.outlierDetection;
    if (!cluster || !o || hasErrorMatcher(cluster)) return [];
    const off = fiveXxOff(o);
    const gateway = o.consecutiveGatewayFailure ?? DEFAULT_CONSECUTIVE;
    const enforcing = o.enforcingConsecutiveGatewayFailure ?? 0;
    if (!off || gateway <= 0 || enforcing <= 0) return [];
    if ((o.enforcingSuccessRate ?? 100) !== 0 || (o.enforcingFailurePercentage ?? 0) !== 0) return [];
    const by = routes.length ? ` (used by ${routes[0]}${andMore(routes)})` : '';
    return [
      finding(
        OUTLIER_GATEWAY_ONLY,
        `cluster ${name}${by} ejects hosts only after ${gateway} consecutive gateway errors (502, 503, 504; enforcing ${enforcing}%): ${off} turns consecutive-5xx ejection off, so a host that fails with 500 is never ejected`,
        [name, ...routes],
        cluster.destinationRule ? undefined : ENVOY_HINT,
      ),
    ];
  },
};
