import { parseIp } from '../envoy/ip.ts';

/**
 * Istio's host names (istio/istio pkg/config/host/name.go) and short-name resolution
 * (pilot/pkg/model/config.go, ResolveShortnameToFQDN).
 */

/** A leading `*` makes a host a wildcard (`*`, `*.example.com`). */
export function isWildcardHost(host: string): boolean {
  return host.length > 0 && host[0] === '*';
}

/** Name.Matches: either side may be a wildcard; true when one covers the other. */
export function hostsMatch(a: string, b: string): boolean {
  const aw = isWildcardHost(a);
  const bw = isWildcardHost(b);
  if (aw) {
    if (bw) return a.length < b.length ? b.slice(1).endsWith(a.slice(1)) : a.slice(1).endsWith(b.slice(1));
    return b.endsWith(a.slice(1));
  }
  if (bw) return a.endsWith(b.slice(1));
  return a === b;
}

/** Name.SubsetOf: every name `a` matches is matched by `b`. */
export function hostSubsetOf(a: string, b: string): boolean {
  const aw = isWildcardHost(a);
  const bw = isWildcardHost(b);
  if (aw) {
    if (!bw) return false;
    if (a.length < b.length) return false;
    return a.slice(1).endsWith(b.slice(1));
  }
  if (bw) return a.endsWith(b.slice(1));
  return a === b;
}

/**
 * ResolveShortnameToFQDN: `*` and IP addresses stay; a name without a dot gets the object's
 * namespace and `.svc.<domain>`; a name with a dot is already fully qualified (so `reviews.bookinfo`
 * is NOT expanded, as in Istio).
 */
export function resolveShortName(host: string, namespace: string, domain = 'cluster.local'): string {
  if (host === '' || host === '*') return host;
  if (parseIp(host) !== undefined) return host;
  if (host.includes('.')) return host;
  let out = host;
  if (namespace !== '') out = `${out}.${namespace}`;
  if (domain !== '') out = `${out}.svc.${domain}`;
  return out;
}

/**
 * A Sidecar egress or Gateway server host `ns/dnsName` (`./`, `*\/`, `~/`; no slash reads as
 * `*\/` for a Gateway, per the API docs): the namespace part and the host part.
 */
export function splitNamespacedHost(value: string): { namespace: string; host: string } {
  const slash = value.indexOf('/');
  if (slash === -1) return { namespace: '*', host: value };
  return { namespace: value.slice(0, slash), host: value.slice(slash + 1) };
}
