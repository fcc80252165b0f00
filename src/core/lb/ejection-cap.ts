import { asBool, asObject } from '../envoy/json.ts';
import type { Cluster } from '../envoy/types.ts';

/**
 * Outlier detection's cap on ejections (`DetectorImpl::ejectHost`,
 * source/common/upstream/outlier_detection_impl.cc): a host is ejected only while
 * (active ejections + 1) × 100 / hosts ≤ `max_ejection_percent` (10 by default, counted over
 * every host of the cluster, all priorities), or — with `always_eject_one_host` — when none is
 * ejected yet. An ejected host counts as unhealthy in the priority arithmetic until its
 * ejection time runs out. Istio writes a DestinationRule's `maxEjectionPercent` only when it is
 * set (applyOutlierDetection), so Envoy's 10% applies otherwise.
 */
export interface EjectionCap {
  maxEjectionPercent: number;
  alwaysEjectOneHost: boolean;
  hosts: number;
  /** How many hosts may be ejected at once under the cap. */
  allowed: number;
  ejected: number;
  /** One sentence for the trace. */
  text: string;
}

/** outlier_detection.proto: `max_ejection_percent` "Defaults to 10%". */
export const DEFAULT_MAX_EJECTION_PERCENT = 10;

/** The cap on `cluster`'s ejections and how it compares with the `ejected` hosts /clusters shows; undefined without outlier detection. */
export function ejectionCap(cluster: Cluster | undefined, hosts: number, ejected: number): EjectionCap | undefined {
  const od = cluster?.outlierDetection;
  if (!od || hosts === 0) return undefined;
  const max = Math.min(100, od.maxEjectionPercent ?? DEFAULT_MAX_EJECTION_PERCENT);
  const always = asBool(asObject(cluster!.raw.outlier_detection)?.always_eject_one_host) === true;
  let allowed = Math.floor((max * hosts) / 100);
  if (always && allowed === 0) allowed = 1;
  const of = `max_ejection_percent ${max}${od.maxEjectionPercent === undefined ? " (Envoy's default)" : ''} of ${hosts} host${hosts === 1 ? '' : 's'}`;
  let text: string;
  if (ejected > allowed)
    text = `${ejected} ejected, more than the ${allowed} that ${of} allows: Envoy ejects no further host while that many are out (hosts may have left the cluster since, or an older Envoy checked the percentage before counting the new ejection)`;
  else if (allowed === 0)
    text = `${of} allows no ejection: outlier detection cannot eject any host of this cluster${always ? '' : ' (always_eject_one_host would allow one)'}`;
  else if (ejected === allowed)
    text = `${ejected} ejected, as many as ${of} allows: no other host can be ejected while ${ejected === 1 ? 'it is' : 'they are'} out`;
  else text = `${ejected} ejected; ${of} allows ${allowed}`;
  return { maxEjectionPercent: max, alwaysEjectOneHost: always, hosts, allowed, ejected, text };
}
