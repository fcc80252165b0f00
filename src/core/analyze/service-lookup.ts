import { asArray, asNumber, asObject, asString } from '../envoy/json.ts';
import { type AnalyzeInput, ofKind, stringMapOf } from './resource.ts';

/**
 * The analyzers' own host bookkeeping (istio/istio pkg/config/analysis/analyzers/util/hosts.go and
 * service_lookup.go): a host is kept as a "scoped FQDN", `<scope>/<fqdn>`, where the scope is
 * `*` (exported everywhere) or a namespace; Services and ServiceEntries share one map.
 */
export const EXPORT_ALL = '*';
export const EXPORT_LOCAL = '.';
const CLUSTER_DOMAIN = 'svc.cluster.local';

/** ConvertHostToFQDN: a name with no dot and no leading `*` gets `.<namespace>.svc.cluster.local`. */
export function hostToFqdn(namespace: string, host: string): string {
  return !host.startsWith('*') && !host.includes('.') ? `${host}.${namespace}.${CLUSTER_DOMAIN}` : host;
}

export function scopedFqdn(scope: string, namespace: string, host: string): string {
  return `${scope}/${hostToFqdn(namespace, host)}`;
}

export function splitScoped(key: string): { scope: string; fqdn: string } {
  const slash = key.indexOf('/');
  return { scope: key.slice(0, slash), fqdn: key.slice(slash + 1) };
}

/** GetFullNameFromFQDN: `<name>.<namespace>.svc.cluster.local` (greedy, as the upstream regexp) → `namespace/name`; else empty. */
export function fullNameFromFqdn(fqdn: string): { namespace: string; name: string } {
  const m = /^(.+)\.(.+)\.svc\.cluster\.local$/.exec(fqdn);
  return m ? { namespace: m[2]!, name: m[1]! } : { namespace: '', name: '' };
}

/** GetResourceNameFromHost: the FullName a host stands for, the host itself in `defaultNamespace` when it is not a cluster-local FQDN. */
export function resourceNameFromHost(defaultNamespace: string, host: string): string {
  const n = fullNameFromFqdn(host);
  return n.namespace === '' ? `${defaultNamespace}/${host}` : `${n.namespace}/${n.name}`;
}

/** IsExportToAllNamespaces: empty, or containing `*`. */
export function exportsToAll(exportTo: readonly string[]): boolean {
  return exportTo.length === 0 || exportTo.includes(EXPORT_ALL);
}

export function stringList(value: unknown): string[] {
  return asArray(value as never).flatMap((v) => (typeof v === 'string' ? [v] : []));
}

/** A ServiceEntry as the analyzers use it; a Kubernetes Service is turned into one (ports only). */
export interface LookupEntry {
  ports: { number: number; name: string; protocol: string }[];
  workloadLabels: Record<string, string>;
}

/** InitServiceEntryHostMap: every ServiceEntry host and every Service, by scoped FQDN (a later object wins a key). */
export function serviceEntryHostMap(input: AnalyzeInput): Map<string, LookupEntry> {
  const out = new Map<string, LookupEntry>();
  for (const r of ofKind(input, 'ServiceEntry')) {
    const entry: LookupEntry = {
      ports: asArray(r.spec.ports).flatMap((p) => {
        const o = asObject(p);
        return o === undefined ? [] : [{ number: asNumber(o.number) ?? 0, name: asString(o.name) ?? '', protocol: asString(o.protocol) ?? '' }];
      }),
      workloadLabels: stringMapOf(asObject(r.spec.workloadSelector)?.labels) ?? {},
    };
    const exportTo = stringList(r.spec.exportTo);
    for (const h of stringList(r.spec.hosts)) {
      if (exportTo.length === 0) {
        out.set(scopedFqdn(EXPORT_ALL, r.namespace, h), entry);
        continue;
      }
      for (const e of exportTo) {
        const scope = e === EXPORT_LOCAL ? r.namespace : e;
        out.set(scopedFqdn(scope, r.namespace, h), entry);
        if (e === EXPORT_ALL) break;
      }
    }
  }
  for (const r of ofKind(input, 'Service')) {
    const entry: LookupEntry = {
      ports: asArray(r.spec.ports).flatMap((p) => {
        const o = asObject(p);
        return o === undefined ? [] : [{ number: asNumber(o.port) ?? 0, name: asString(o.name) ?? '', protocol: asString(o.protocol) ?? '' }];
      }),
      workloadLabels: {},
    };
    // getVisibleNamespacesFromExportToAnno: the networking.istio.io/exportTo annotation, `*` without one.
    const anno = r.annotations['networking.istio.io/exportTo'] ?? '';
    const scopes = anno === '' ? [EXPORT_ALL] : anno.split(',').map((s) => (s.trim() === EXPORT_LOCAL ? r.namespace : s.trim()));
    for (const scope of scopes) out.set(scopedFqdn(scope, r.namespace, r.name), entry);
  }
  return out;
}

/**
 * GetDestinationHost: the entry a host resolves to from `sourceNs` — exported to all, else to the
 * source's namespace (or the namespaces of the referrer's exportTo), else a wildcard entry visible
 * there whose suffix covers the host.
 */
export function destinationHost(sourceNs: string, exportTo: readonly string[], host: string, map: Map<string, LookupEntry>): LookupEntry | undefined {
  const all = map.get(scopedFqdn(EXPORT_ALL, sourceNs, host));
  if (all !== undefined) return all;
  const scopes = exportTo.length === 0 ? [sourceNs] : exportTo.map((e) => (e === EXPORT_LOCAL ? sourceNs : e));
  for (const scope of scopes) {
    const s = map.get(scopedFqdn(scope, sourceNs, host));
    if (s !== undefined) return s;
  }
  for (const [key, s] of map) {
    const { scope, fqdn } = splitScoped(key);
    if (!fqdn.startsWith('*')) continue;
    if (scope !== EXPORT_ALL && scope !== sourceNs) continue;
    const hostRest = host.startsWith('*') ? host.slice(1) : host;
    if (hostRest.endsWith(fqdn.slice(1))) return s;
  }
  return undefined;
}
