import type { Cluster } from '../envoy/types.ts';

/**
 * Whether one failed attempt counts towards ejecting its host, restated from Envoy's outlier
 * detector (DetectorHostMonitorImpl, source/common/upstream/outlier_detection_impl.cc):
 * - a response goes to `putHttpResponseCode`: any 5xx adds to consecutive_5xx; 502, 503 and 504
 *   also add to consecutive_gateway_failure; any other status resets both;
 * - a failure with no response is local-origin (`LocalOriginConnectFailed` for a failed
 *   connection or a reset, `LocalOriginTimeout` for a timeout). Without
 *   `split_external_local_origin_errors` it is counted as a 503 or 504 response
 *   (`resultToHttpCode`), so it adds to both counters; with it, only to
 *   consecutive_local_origin_failure.
 * A counter ejects only when enforced: outlier_detection.proto defaults consecutive_5xx,
 * consecutive_gateway_failure and consecutive_local_origin_failure to 5, their enforcing_* to
 * 100, 0 and 100. Istio's applyOutlierDetection writes consecutive_5xx and
 * consecutive_gateway_failure only when the DestinationRule sets them, enforcing 100 when > 0
 * and 0 when 0 (pilot/pkg/networking/core/cluster_traffic_policy.go).
 */
export interface OutlierCount {
  /** Counted by an enforced detector: enough of these in a row eject the host. */
  counted: boolean;
  /** The counters this failure adds to, each with its threshold and whether it is enforced. */
  counters: { name: string; threshold: number; enforcing: number }[];
  reason: string;
}

export type OutlierFailure = { kind: 'status'; status: number } | { kind: 'local'; timeout: boolean };

export function outlierCount(cluster: Cluster | undefined, failure: OutlierFailure): OutlierCount {
  const od = cluster?.outlierDetection;
  if (!od) return { counted: false, counters: [], reason: 'the cluster has no outlier detection: no failure ejects a host' };
  const c5xx = { name: 'consecutive_5xx', threshold: od.consecutive5xx ?? 5, enforcing: od.enforcingConsecutive5xx ?? 100 };
  const gateway = { name: 'consecutive_gateway_failure', threshold: od.consecutiveGatewayFailure ?? 5, enforcing: od.enforcingConsecutiveGatewayFailure ?? 0 };
  const local = {
    name: 'consecutive_local_origin_failure',
    threshold: od.consecutiveLocalOriginFailure ?? 5,
    enforcing: od.enforcingConsecutiveLocalOriginFailure ?? 100,
  };
  let counters: OutlierCount['counters'];
  let as = '';
  if (failure.kind === 'status') {
    const s = failure.status;
    if (s < 500 || s > 599)
      return { counted: false, counters: [], reason: `a ${s} is a success to outlier detection: it resets the host's consecutive-error counters` };
    counters = s === 502 || s === 503 || s === 504 ? [c5xx, gateway] : [c5xx];
  } else if (od.splitExternalLocalOriginErrors) {
    counters = [local];
    as = 'split_external_local_origin_errors: a failure without a response counts as a local-origin error; ';
  } else {
    counters = [c5xx, gateway];
    as = `without split_external_local_origin_errors a failure without a response counts as a ${failure.timeout ? '504' : '503'}; `;
  }
  const enforced = counters.filter((c) => c.enforcing > 0 && c.threshold > 0);
  const words = counters.map(
    (c) =>
      `${c.name} ${c.threshold}${c.enforcing > 0 && c.threshold > 0 ? '' : c.threshold === 0 ? ' (0: off)' : ` (enforcing_${c.name} ${c.enforcing}: counted, never ejects)`}`,
  );
  const reason =
    enforced.length > 0
      ? `${as}it adds to ${words.join(' and ')}: ${enforced.map((c) => `${c.threshold} in a row`).join(' or ')} eject the host${enforced.some((c) => c.enforcing < 100) ? ' (with the enforcing_* percentage as the chance)' : ''}`
      : `${as}it adds to ${words.join(' and ')}, none of them enforced: it never ejects the host`;
  return { counted: enforced.length > 0, counters, reason };
}
