import { goAtoiNumber } from '../text/atoi.ts';
/**
 * Istio's cluster names: `outbound|9080|v2|reviews.bookinfo.svc.cluster.local`
 * (direction|port|subset|host, `model.BuildSubsetKey`) and the SNI/SRV form
 * `outbound_.9080_.v2_.reviews.bookinfo.svc.cluster.local` (`model.BuildDNSSrvSubsetKey`) used for
 * TLS SNI and by the ingress gateway's AUTO_PASSTHROUGH.
 *
 * A waypoint's `inbound-vip|9080|http|reviews.ns.svc.cluster.local` uses the same key, but
 * `ClusterBuilder.buildWaypointInboundVIP` (pilot/pkg/networking/core/cluster_waypoint.go) passes
 * `http`, `tcp`, `http/<subset>` or `tcp/<subset>` as the "subset": the field is the protocol, then
 * the DestinationRule subset after a `/`. Such names carry `protocol`, and `subset` is only the part
 * after the slash.
 */
export interface ClusterName {
  direction: string;
  /** The port field as Istio reads it (Go's strconv.Atoi; 0 when that fails). */
  port: number;
  /** The DestinationRule subset ('' for none). */
  subset: string;
  /** `inbound-vip` clusters only: the protocol Istio put in the subset field (`http`, `tcp`). */
  protocol?: string;
  /** `inbound-vip` only: the third field as written, which `model.ParseSubsetKey` (and istioctl's SUBSET column) returns. */
  subsetField?: string;
  host: string;
  form: 'pipe' | 'sni';
}

/** `http/v1` → protocol http, subset v1 (the form of `inbound-vip` cluster names and their `istio.subset` metadata). */
export function splitInboundVipSubset(field: string): { protocol: string; subset: string } {
  const slash = field.indexOf('/');
  return slash === -1 ? { protocol: field, subset: '' } : { protocol: field.slice(0, slash), subset: field.slice(slash + 1) };
}

function named(direction: string, port: number, field: string, host: string, form: 'pipe' | 'sni'): ClusterName {
  if (direction !== 'inbound-vip') return { direction, port, subset: field, host, form };
  const { protocol, subset } = splitInboundVipSubset(field);
  return { direction, port, subset, protocol, subsetField: field, host, form };
}

const SNI = /^(outbound|inbound)_\.(\d+)_\.([^_]*)_\.(.+)$/;

/** The direction before `end`, the two common ones without a copy. */
function direction(name: string, end: number): string {
  if (end === 8 && name.startsWith('outbound')) return 'outbound';
  if (end === 7 && name.startsWith('inbound')) return 'inbound';
  return name.slice(0, end);
}

export function parseClusterName(name: string): ClusterName | undefined {
  // indexOf, not split or a regex: this runs for every cluster of a 10k-service dump.
  const a = name.indexOf('|');
  const b = a === -1 ? -1 : name.indexOf('|', a + 1);
  const c = b === -1 ? -1 : name.indexOf('|', b + 1);
  if (c !== -1) {
    return named(direction(name, a), goAtoiNumber(name.slice(a + 1, b)) ?? 0, c === b + 1 ? '' : name.slice(b + 1, c), name.slice(c + 1), 'pipe');
  }
  if (!name.startsWith('outbound_.') && !name.startsWith('inbound_.')) return undefined;
  const sni = SNI.exec(name);
  if (sni) return named(sni[1]!, Number(sni[2]), sni[3]!, sni[4]!, 'sni');
  return undefined;
}

/** Builds the pipe form, as Istio does for a destination with an optional subset. */
export function formatClusterName(direction: string, port: number, subset: string, host: string): string {
  return `${direction}|${port}|${subset}|${host}`;
}
