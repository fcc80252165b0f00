import { goAtoiNumber } from '../text/atoi.ts';
/**
 * Istio's cluster names: `outbound|9080|v2|reviews.bookinfo.svc.cluster.local`
 * (direction|port|subset|host) and the SNI/SRV form `outbound_.9080_.v2_.reviews.bookinfo.svc.cluster.local`
 * used for TLS SNI and by the ingress gateway's AUTO_PASSTHROUGH.
 */
export interface ClusterName {
  direction: string;
  /** The port field as Istio reads it (Go's strconv.Atoi; 0 when that fails). */
  port: number;
  subset: string;
  host: string;
  form: 'pipe' | 'sni';
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
    return {
      direction: direction(name, a),
      port: goAtoiNumber(name.slice(a + 1, b)) ?? 0,
      subset: c === b + 1 ? '' : name.slice(b + 1, c),
      host: name.slice(c + 1),
      form: 'pipe',
    };
  }
  if (!name.startsWith('outbound_.') && !name.startsWith('inbound_.')) return undefined;
  const sni = SNI.exec(name);
  if (sni) return { direction: sni[1]!, port: Number(sni[2]), subset: sni[3]!, host: sni[4]!, form: 'sni' };
  return undefined;
}

/** Builds the pipe form, as Istio does for a destination with an optional subset. */
export function formatClusterName(direction: string, port: number, subset: string, host: string): string {
  return `${direction}|${port}|${subset}|${host}`;
}
