import { parseClusterName } from '../envoy/cluster-name.ts';
import type { Locality } from '../envoy/types.ts';

/**
 * Short labels for the interactive tables: Istio's long names say the same thing in fewer cells
 * once the Kubernetes cluster domain is dropped.
 */

/** `reviews.bookinfo.svc.cluster.local` → `reviews.bookinfo`; other hosts unchanged. */
export function shortHost(host: string): string {
  const at = host.indexOf('.svc.');
  return at > 0 ? host.slice(0, at) : host.endsWith('.svc') ? host.slice(0, -4) : host;
}

/** `reviews.bookinfo.svc.cluster.local:9080` → `reviews.bookinfo:9080` (virtual host names). */
export function shortVirtualHost(name: string): string {
  // The first `.svc.` whose tail runs to the end or to `:PORT` at the end (by hand: the regex
  // /\.svc\.[^:|]*(?=:\d+$|$)/ backtracks quadratically on a long name).
  let stop = -1;
  let ok = false;
  for (let at = name.indexOf('.svc.'); at !== -1; at = name.indexOf('.svc.', at + 1)) {
    if (stop < at + 5) {
      stop = at + 5;
      while (stop < name.length && name[stop] !== ':' && name[stop] !== '|') stop++;
      ok = stop === name.length || (name[stop] === ':' && digitsToEnd(name, stop + 1));
    }
    if (ok) return name.slice(0, at) + name.slice(stop);
  }
  return name;
}

function digitsToEnd(text: string, from: number): boolean {
  if (from >= text.length) return false;
  for (let i = from; i < text.length; i++) if (text.charCodeAt(i) < 48 || text.charCodeAt(i) > 57) return false;
  return true;
}

/**
 * An Istio cluster as `reviews.bookinfo:9080 v2` (`outbound|9080|v2|reviews.bookinfo.svc.cluster.local`);
 * inbound clusters keep their direction; other names (PassthroughCluster, BlackHoleCluster) as they are.
 */
export function clusterLabel(name: string): string {
  const parsed = parseClusterName(name);
  if (!parsed) return name;
  const base = `${shortHost(parsed.host)}:${parsed.port}${parsed.subset ? ` ${parsed.subset}` : ''}`;
  return parsed.direction === 'outbound' ? base : `${parsed.direction} ${base}`;
}

/** `us-east1/us-east1-b` (region/zone/sub-zone), or '' when the locality is empty. */
export function localityLabel(locality: Locality | undefined): string {
  if (!locality) return '';
  return [locality.region, locality.zone, locality.subZone].filter((part) => part !== undefined && part !== '').join('/');
}

/** A duration in ms as Envoy/Istio write it: `10s`, `1.5s`, `250ms`. */
export function durationLabel(ms: number): string {
  return ms >= 1000 && ms % 100 === 0 ? `${ms / 1000}s` : `${ms}ms`;
}
