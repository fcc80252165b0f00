import { hostsMatch, isWildcardHost } from '../config/hosts.ts';
import { type ConfigObject, type ConfigSet, namespaceOf } from '../config/objects.ts';
import { labelsMatch } from '../config/services.ts';
import { asArray, asNumber, asObject, asString, type JsonObject } from '../envoy/json.ts';
import { type ProxyIdentity, virtualServiceHosts } from './scope.ts';

/**
 * What decides whether a VirtualService reaches a proxy, for `virtual-services.ts`: its
 * visibility (exportTo) and Istio's order among several, the rules a sidecar's labels or port
 * drop (sourceLabels, port), the gateways it binds, the delegates a root names, and which of
 * several VirtualServices for one host wins.
 */

export const key = (o: ConfigObject) => `${namespaceOf(o)}/${o.metadata.name}`;

export function exportToOf(o: ConfigObject): string[] {
  return asArray(o.spec.exportTo).flatMap((v) => (typeof v === 'string' ? [v] : []));
}

/**
 * The order VirtualServicesForGateway gives (pilot/pkg/model/push_context.go): the ones private
 * to the proxy's namespace (`exportTo: .` or its own name), then those exported to it by name,
 * then the public ones; by creation time within each (configCompareByCreationTime).
 */
export function visibilityClass(vs: ConfigObject, proxyNamespace: string): number {
  const exportTo = exportToOf(vs);
  const ns = namespaceOf(vs);
  if (exportTo.length === 0 || exportTo.includes('*')) return 2;
  if (ns === proxyNamespace && (exportTo.includes('.') || exportTo.includes(ns))) return 0;
  return 1;
}

/** An HTTP match's source predicates (route.go sourceMatchHTTP): sourceLabels ⊆ the proxy's labels, sourceNamespace equal. */
export function sourceMatches(match: JsonObject, proxy: ProxyIdentity): boolean {
  const labels = asObject(match.sourceLabels);
  if (labels !== undefined) {
    const want: Record<string, string> = {};
    for (const [k, v] of Object.entries(labels)) if (typeof v === 'string') want[k] = v;
    if (!labelsMatch(want, proxy.labels)) return false;
  }
  const ns = asString(match.sourceNamespace);
  return ns === undefined || ns === '' || ns === proxy.namespace;
}

/** Why each HTTP rule is left out for this proxy and port: 'source', 'port', or undefined when it is kept. */
export function httpRuleDrops(vs: ConfigObject, proxy: ProxyIdentity, port: number): ('source' | 'port' | undefined)[] {
  return asArray(vs.spec.http).map((rule) => {
    const matches = asArray(asObject(rule)?.match).flatMap((m) => (asObject(m) ? [asObject(m)!] : []));
    if (matches.length === 0) return undefined;
    let source = false;
    let portDrop = false;
    for (const m of matches) {
      const p = asNumber(m.port);
      if (p !== undefined && p !== 0 && p !== port) {
        portDrop = true;
        continue;
      }
      if (!sourceMatches(m, proxy)) {
        source = true;
        continue;
      }
      return undefined;
    }
    return source ? 'source' : portDrop ? 'port' : undefined;
  });
}

export function gatewayObject(set: ConfigSet, ref: string): ConfigObject | undefined {
  const [ns, name] = ref.split('/') as [string, string];
  return set.objects.find((o) => o.kind === 'Gateway' && namespaceOf(o) === ns && o.metadata.name === name);
}

export function gatewaySelects(gateway: ConfigObject, proxy: ProxyIdentity): boolean {
  const selector = asObject(gateway.spec.selector);
  const want: Record<string, string> = {};
  for (const [k, v] of Object.entries(selector ?? {})) if (typeof v === 'string') want[k] = v;
  return labelsMatch(want, proxy.labels);
}

/** The VirtualServices of one delegate chain: the root's `delegate: {name, namespace}` per rule. */
export function delegatesOf(root: ConfigObject): { name: string; namespace: string; match: JsonObject[] }[] {
  return asArray(root.spec.http).flatMap((rule) => {
    const r = asObject(rule);
    const d = asObject(r?.delegate);
    const name = asString(d?.name);
    if (name === undefined) return [];
    return [{ name, namespace: asString(d?.namespace) ?? namespaceOf(root), match: asArray(r?.match).flatMap((m) => (asObject(m) ? [asObject(m)!] : [])) }];
  });
}

export function pickWinner(
  eligible: ConfigObject[],
  targets: string[],
  istioMinor: number | undefined,
): { vs: ConfigObject; host: string; bySpecificity: boolean } | undefined {
  if (eligible.length < 2) return undefined;
  const matchFor = (vs: ConfigObject) => virtualServiceHosts(vs).filter((h) => targets.some((t) => hostsMatch(h, t)));
  const exact = eligible.find((vs) => matchFor(vs).some((h) => !isWildcardHost(h)));
  if (exact !== undefined) {
    const host = matchFor(exact).find((h) => !isWildcardHost(h))!;
    const firstAny = eligible[0]!;
    return { vs: exact, host, bySpecificity: firstAny !== exact };
  }
  if (istioMinor !== undefined && istioMinor < 21) return { vs: eligible[0]!, host: matchFor(eligible[0]!)[0] ?? '', bySpecificity: false };
  let best = eligible[0]!;
  let bestLen = Math.max(...matchFor(best).map((h) => h.length));
  for (const vs of eligible.slice(1)) {
    const len = Math.max(...matchFor(vs).map((h) => h.length));
    if (len > bestLen) {
      best = vs;
      bestLen = len;
    }
  }
  return { vs: best, host: matchFor(best).sort((a, b) => b.length - a.length)[0] ?? '', bySpecificity: best !== eligible[0] };
}
