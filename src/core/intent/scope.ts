import { hostSubsetOf, hostsMatch, isWildcardHost, resolveShortName, splitNamespacedHost } from '../config/hosts.ts';
import { type ConfigObject, type ConfigSet, namespaceOf } from '../config/objects.ts';
import { labelsMatch } from '../config/services.ts';
import { asArray, asNumber, asObject, asString } from '../envoy/json.ts';

/** Istio's root config namespace (mesh config `rootNamespace`; istio-system unless changed). */
export const ROOT_NAMESPACE = 'istio-system';

export interface ProxyIdentity {
  namespace: string;
  labels: Record<string, string>;
  /** `sidecar`, `router` (a gateway), `waypoint`, or `unknown`. */
  type: string;
  podName: string | undefined;
  istioVersion: string | undefined;
}

/** Istio's order of configs: creation time, then name, then namespace (pilot/pkg/model/config.go, configCompareByCreationTime). */
export function compareByCreation(a: ConfigObject, b: ConfigObject): number {
  const ta = a.metadata.creationTimestamp ?? '';
  const tb = b.metadata.creationTimestamp ?? '';
  const da = ta === '' ? 0 : Date.parse(ta);
  const db = tb === '' ? 0 : Date.parse(tb);
  if (da !== db) return (Number.isNaN(da) ? 0 : da) - (Number.isNaN(db) ? 0 : db);
  if (a.metadata.name !== b.metadata.name) return a.metadata.name < b.metadata.name ? -1 : 1;
  const na = namespaceOf(a);
  const nb = namespaceOf(b);
  return na === nb ? 0 : na < nb ? -1 : 1;
}

function selectorOf(object: ConfigObject): Record<string, string> | undefined {
  const labels = asObject(asObject(object.spec.workloadSelector)?.labels);
  if (labels === undefined) return undefined;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(labels)) if (typeof v === 'string') out[k] = v;
  return out;
}

/**
 * The Sidecar resource that scopes a proxy (pilot/pkg/model/push_context.go, getSidecarScope):
 * one in the proxy's namespace whose workloadSelector matches the proxy's labels (oldest first);
 * else the namespace's Sidecar without a selector; else the root namespace's one without a
 * selector; else none (Istio's default scope: every namespace, every host).
 */
export function sidecarFor(set: ConfigSet, proxy: ProxyIdentity): ConfigObject | undefined {
  const sidecars = set.objects.filter((o) => o.kind === 'Sidecar').sort(compareByCreation);
  const own = sidecars.filter((s) => namespaceOf(s) === proxy.namespace);
  const selected = own.find((s) => {
    const sel = selectorOf(s);
    return sel !== undefined && Object.keys(sel).length > 0 && labelsMatch(sel, proxy.labels);
  });
  if (selected !== undefined) return selected;
  const wide = own.find((s) => selectorOf(s) === undefined || Object.keys(selectorOf(s)!).length === 0);
  if (wide !== undefined) return wide;
  return sidecars.find((s) => namespaceOf(s) === ROOT_NAMESPACE && (selectorOf(s) === undefined || Object.keys(selectorOf(s)!).length === 0));
}

export interface EgressHosts {
  /** By namespace (`*` for every namespace): the imported hosts, and the `~`-excluded ones. */
  byNamespace: Map<string, { hosts: string[]; excluded: string[] }>;
  /** The Sidecar (or `undefined` for Istio's default `*\/*`). */
  sidecar: ConfigObject | undefined;
  /** The egress listener's port, when the one used is port-specific. */
  port: number | undefined;
}

/**
 * The egress hosts a proxy imports for a port: the egress listener with that port, else the one
 * without a port (a Sidecar without egress imports `*\/*`). `./host` is the Sidecar's namespace.
 * A `~` before the namespace excludes (`~ns/host`; `~/host` from every namespace): Istio 1.30
 * (release note 60139; sidecar.go, excludePrefix); before, `~` was a namespace no object has, so
 * such an entry imported nothing. Restated from pilot/pkg/model/sidecar.go (hostClassification).
 */
export function egressHosts(sidecar: ConfigObject | undefined, port: number, istioMinor?: number): EgressHosts {
  const byNamespace = new Map<string, { hosts: string[]; excluded: string[] }>();
  const exclusions = istioMinor === undefined || istioMinor >= 30;
  const add = (value: string, sidecarNs: string) => {
    let { namespace, host } = splitNamespacedHost(value);
    const excluded = namespace.startsWith('~');
    if (excluded) {
      if (!exclusions) return;
      namespace = namespace.slice(1) || '*';
    }
    if (namespace === '.') namespace = sidecarNs;
    const entry = byNamespace.get(namespace) ?? { hosts: [], excluded: [] };
    if (excluded) entry.excluded.push(host);
    else entry.hosts.push(host);
    byNamespace.set(namespace, entry);
  };
  if (sidecar === undefined) {
    add('*/*', '');
    return { byNamespace, sidecar, port: undefined };
  }
  const listeners = asArray(sidecar.spec.egress).flatMap((e) => (asObject(e) ? [asObject(e)!] : []));
  const withPort = listeners.find((l) => asNumber(asObject(l.port)?.number) === port);
  const catchAll = listeners.find((l) => asNumber(asObject(l.port)?.number) === undefined);
  const chosen = withPort ?? catchAll;
  if (listeners.length === 0) add('*/*', namespaceOf(sidecar));
  else if (chosen !== undefined) for (const h of asArray(chosen.hosts)) if (typeof h === 'string') add(h, namespaceOf(sidecar));
  return { byNamespace, sidecar, port: withPort === undefined ? undefined : port };
}

/**
 * Whether an object of `namespace` with `hosts` is imported (SelectVirtualServices' addVirtualService:
 * an exact host, or a wildcard either way — Matches, or SubsetOf with Gateway API semantics — and
 * not excluded).
 */
export function importedBy(egress: EgressHosts, namespace: string, hosts: readonly string[], gatewaySemantics = false): boolean {
  for (const key of [namespace, '*']) {
    const entry = egress.byNamespace.get(key);
    if (entry === undefined) continue;
    for (const h of hosts) {
      // SelectVirtualServices: a host excluded for the object's namespace or for every namespace is skipped.
      const excluded = [...(egress.byNamespace.get(namespace)?.excluded ?? []), ...(egress.byNamespace.get('*')?.excluded ?? [])].some((x) =>
        hostSubsetOf(h, x),
      );
      if (excluded) continue;
      for (const imported of entry.hosts) {
        if (h === imported) return true;
        if (!isWildcardHost(h) && !isWildcardHost(imported)) continue;
        if (gatewaySemantics ? hostSubsetOf(h, imported) : hostsMatch(h, imported)) return true;
      }
    }
  }
  return false;
}

/** A VirtualService's `hosts`, short names resolved in its namespace (as Istio's config controller does). */
export function virtualServiceHosts(vs: ConfigObject): string[] {
  const ns = namespaceOf(vs);
  return asArray(vs.spec.hosts).flatMap((h) => (typeof h === 'string' ? [resolveShortName(h.toLowerCase(), ns)] : []));
}

/**
 * resolveGatewayName (pilot/pkg/model/config.go): `ns/name` as is (`./name` in the object's
 * namespace); a short name in the object's namespace; the legacy `name.ns.svc.cluster.local` → `ns/name`.
 */
export function resolveGatewayName(gateway: string, namespace: string): string {
  if (gateway === 'mesh') return gateway;
  const slash = gateway.indexOf('/');
  if (slash !== -1) return gateway.slice(0, slash) === '.' ? `${namespace}/${gateway.slice(slash + 1)}` : gateway;
  const dot = gateway.indexOf('.');
  if (dot === -1) return `${namespace}/${gateway}`;
  const rest = gateway.slice(dot + 1);
  const next = rest.indexOf('.');
  return `${next === -1 ? rest : rest.slice(0, next)}/${gateway.slice(0, dot)}`;
}

/** A VirtualService's `gateways` (default `mesh`), resolved to `ns/name`. */
export function virtualServiceGateways(vs: ConfigObject): string[] {
  const list = asArray(vs.spec.gateways).flatMap((g) => (typeof g === 'string' ? [g] : []));
  if (list.length === 0) return ['mesh'];
  return list.map((g) => resolveGatewayName(g, namespaceOf(vs)));
}

/** Whether a Pod runs an Istio proxy: an `istio-proxy` container, or a native-sidecar init container (restartPolicy Always). */
export function podHasProxy(pod: ConfigObject): boolean {
  const containers = asArray(pod.spec.containers).map((c) => asString(asObject(c)?.name));
  if (containers.includes('istio-proxy')) return true;
  return asArray(pod.spec.initContainers).some((c) => asString(asObject(c)?.name) === 'istio-proxy' && asString(asObject(c)?.restartPolicy) === 'Always');
}

/** `1.24.2` → 24 (the minor version Istio's rules are chosen by). */
export function istioMinor(version: string | undefined): number | undefined {
  const m = /^(\d+)\.(\d+)/.exec(version ?? '');
  return m && m[1] === '1' ? Number(m[2]) : undefined;
}
