import { resolveShortName } from '../config/hosts.ts';
import { type ConfigObject, type ConfigSet, namespaceOf } from '../config/objects.ts';
import { isHttpOrSniffed, type Protocol } from '../config/protocol.ts';
import { type MeshService, meshServices } from '../config/services.ts';
import { asArray } from '../envoy/json.ts';
import type { ProxyConfig } from '../envoy/types.ts';
import type { ExplainResult } from '../explain/result.ts';
import { destinationRuleVerdicts } from './destination-rules.ts';
import { gatewayApiRouteVerdicts, gatewayVerdicts, serviceEntryVerdicts, sidecarVerdicts } from './other-objects.ts';
import { type ProducedIndex, producedIndex } from './produced.ts';
import { compareByCreation, istioMinor, type ProxyIdentity, podHasProxy, sidecarFor } from './scope.ts';
import type { IntentReport, IntentVerdict } from './types.ts';
import { virtualServiceVerdicts } from './virtual-services.ts';

export interface IntentInput {
  objects: ConfigSet;
  /** The proxy's config, when there is a dump: what each object produced, and the proxy's identity. */
  config?: ProxyConfig;
  /** The proxy's identity when there is no dump (`--from POD.NS` read from the Pod object). */
  proxy?: ProxyIdentity;
  /** The host as the client addresses it (a short name, an FQDN, or the Host header). */
  host: string;
  port: number;
  /** The listener's port on a gateway (the pod port a Gateway server's number maps to). */
  listenerPort?: number;
  /** From an explain: the route's VirtualService (`namespace/name`), the cluster and the subset. */
  chosen?: { virtualService?: string; route?: string; clusters?: string[]; subset?: string; service?: string };
  domain?: string;
}

/** The proxy's identity from its node metadata (NAMESPACE, LABELS, the node id's type). */
export function proxyIdentityOf(config: ProxyConfig): ProxyIdentity | undefined {
  const node = config.node;
  if (node === undefined || node.namespace === undefined) return undefined;
  return { namespace: node.namespace, labels: node.labels, type: node.proxyType ?? 'unknown', podName: node.podName, istioVersion: node.istioVersion };
}

/** A Pod object's identity, for `intent --from POD.NS` without a dump. */
export function proxyIdentityOfPod(pod: ConfigObject): ProxyIdentity {
  const isGateway =
    pod.metadata.labels.istio === 'ingressgateway' ||
    pod.metadata.labels.istio === 'egressgateway' ||
    'gateway.networking.k8s.io/gateway-name' in pod.metadata.labels;
  return {
    namespace: namespaceOf(pod),
    labels: pod.metadata.labels,
    type: isGateway ? 'router' : 'sidecar',
    podName: pod.metadata.name,
    istioVersion: undefined,
  };
}

/**
 * Several services with one hostname (a Service and a ServiceEntry, or the same name in two
 * namespaces): which one a proxy uses. From Istio 1.24 (PILOT_UNIFIED_SIDECAR_SCOPE, release note
 * sidecar-scope-unit): the one in the proxy's namespace, then a Kubernetes Service over a
 * ServiceEntry, then the oldest. Before, without a Sidecar: a Kubernetes Service first; with a
 * Sidecar: the proxy's namespace first. (SortServicesByCreationTime, sidecar.go appendSidecarServices.)
 */
export function pickService(candidates: MeshService[], proxyNamespace: string, minor: number | undefined, hasSidecar: boolean): MeshService | undefined {
  if (candidates.length <= 1) return candidates[0];
  const sameNs = (s: MeshService) => (s.namespace === proxyNamespace ? 0 : 1);
  const kube = (s: MeshService) => (s.object.kind === 'Service' ? 0 : 1);
  const age = (a: MeshService, b: MeshService) => compareByCreation(a.object, b.object);
  const unified = minor === undefined || minor >= 24;
  const order = unified
    ? (a: MeshService, b: MeshService) => sameNs(a) - sameNs(b) || kube(a) - kube(b) || age(a, b)
    : hasSidecar
      ? (a: MeshService, b: MeshService) => sameNs(a) - sameNs(b) || age(a, b)
      : (a: MeshService, b: MeshService) => kube(a) - kube(b) || age(a, b);
  return [...candidates].sort(order)[0];
}

/**
 * The service a host names, as the client's DNS resolves it through the pod's search path
 * (`<ns>.svc.<domain>`, `svc.<domain>`, `<domain>`): the first name a service has.
 */
export function serviceFor(
  services: MeshService[],
  host: string,
  namespace: string,
  domain = 'cluster.local',
  pick: (c: MeshService[]) => MeshService | undefined = (c) => c[0],
): MeshService | undefined {
  const h = host.toLowerCase().replace(/\.$/, '');
  for (const candidate of [h, `${h}.${namespace}.svc.${domain}`, `${h}.svc.${domain}`, `${h}.${domain}`]) {
    const found = services.filter((s) => s.hostname === candidate);
    if (found.length > 0) return pick(found);
  }
  return undefined;
}

/**
 * Every Istio object that could apply to a request through a proxy, with its verdict: applied
 * here (and what it produced on this proxy), or not, with one reason (see types.ts). Rules are
 * Istio's, restated from pilot/pkg/model (push_context.go, sidecar.go, virtualservice.go) and
 * pilot/pkg/networking/core (httproute.go, route/route.go), and chosen by the dump's Istio version
 * where they changed.
 */
export function reconcileIntent(input: IntentInput): IntentReport {
  const caveats: string[] = [];
  const domain = input.domain ?? 'cluster.local';
  const proxy = input.proxy ?? (input.config ? proxyIdentityOf(input.config) : undefined);
  if (proxy === undefined) {
    return {
      host: input.host,
      port: input.port,
      proxy: { namespace: '', type: 'unknown', labels: {}, istioVersion: null },
      verdicts: [],
      caveats: ["the proxy's namespace and labels are unknown (no node metadata in the dump): the Istio objects were not reconciled"],
    };
  }
  const produced: ProducedIndex | undefined = input.config ? producedIndex(input.config) : undefined;
  if (produced !== undefined && !produced.routesHaveMetadata)
    caveats.push("no route in the dump carries Istio metadata: what each VirtualService produced (and 'not-programmed') is not known");
  const minor = istioMinor(proxy.istioVersion);
  if (minor === undefined) caveats.push("the proxy's Istio version is unknown: today's rules are used (wildcard hosts: the most specific wins)");
  const services = meshServices(input.objects, domain);
  const pick = (c: MeshService[]) => pickService(c, proxy.namespace, minor, sidecarFor(input.objects, proxy) !== undefined);
  const service = input.chosen?.service
    ? pick(services.filter((s) => s.hostname === input.chosen!.service))
    : serviceFor(services, input.host, proxy.namespace, domain, pick);
  const authority = input.host.toLowerCase();
  // Without the Service among the objects, the dump's service (or the short name in the proxy's
  // namespace, as the search path would) still names the host.
  const fallback = input.chosen?.service ?? (authority.includes('.') ? undefined : resolveShortName(authority, proxy.namespace, domain));
  const hosts = [...new Set([service?.hostname, fallback, authority].filter((h): h is string => h !== undefined && h !== ''))];
  const port = service?.ports.find((p) => p.number === input.port);
  const protocol: Protocol | undefined = port?.protocol;
  if (service !== undefined && port === undefined) caveats.push(`${service.hostname} has no port ${input.port} in the objects`);
  if (service === undefined && !input.objects.objects.some((o) => o.kind === 'Service' || o.kind === 'ServiceEntry'))
    caveats.push('no Service or ServiceEntry among the objects: port protocols (tcp-port) were not checked');

  const vs = virtualServiceVerdicts(
    input.objects,
    { hosts, port: input.port, proxy, protocol, chosenVirtualService: input.chosen?.virtualService, produced },
    minor,
  );
  caveats.push(...vs.caveats);
  const dr = destinationRuleVerdicts(input.objects, {
    service,
    hostname: service?.hostname ?? hosts[0]!,
    proxy,
    subset: input.chosen?.subset,
    clusters: input.chosen?.clusters ?? [],
    produced,
  });
  caveats.push(...dr.caveats);
  let verdicts: IntentVerdict[] = [
    ...sidecarVerdicts(input.objects, proxy),
    ...gatewayVerdicts(input.objects, proxy, input.port, input.listenerPort, authority.replace(/:\d+$/, '')),
    ...vs.verdicts,
    ...gatewayApiRouteVerdicts(input.objects, authority, produced),
    ...serviceEntryVerdicts(input.objects, proxy, input.port, hosts, produced),
    ...dr.verdicts,
  ];
  if (protocol === 'UnsupportedProtocol' && port !== undefined)
    caveats.push(
      `port ${input.port} of ${service!.hostname} is named "${port.name}", which names no protocol (IST0118): Istio sniffs it, so http rules apply only to traffic it detects as HTTP`,
    );
  if (protocol !== undefined && !isHttpOrSniffed(protocol))
    caveats.push(`port ${input.port} of ${service!.hostname} is ${protocol} for Istio: only tcp/tls rules apply on it`);

  // A client pod without a proxy: no Istio object applies to its traffic.
  const pod = input.objects.objects.find((o) => o.kind === 'Pod' && o.metadata.name === proxy.podName && namespaceOf(o) === proxy.namespace);
  if (pod !== undefined && !podHasProxy(pod)) {
    const message = `pod ${proxy.namespace}/${pod.metadata.name} has no istio-proxy container (nor a native-sidecar init container): its traffic bypasses Istio`;
    verdicts = verdicts.map((v) => ({ ...v, applies: false, reason: { code: 'not-in-mesh', message }, produced: [], decisive: false }));
  }
  // What decided this request first in each object's list (the route taken, the clusters of its destinations).
  const first = new Set([...(input.chosen?.route ? [input.chosen.route] : []), ...(input.chosen?.clusters ?? [])]);
  if (first.size > 0)
    verdicts = verdicts.map((v) => ({ ...v, produced: [...v.produced.filter((p) => first.has(p)), ...v.produced.filter((p) => !first.has(p))] }));
  return {
    host: input.host,
    port: input.port,
    proxy: { namespace: proxy.namespace, type: proxy.type, labels: proxy.labels, istioVersion: proxy.istioVersion ?? null },
    verdicts,
    caveats,
  };
}

function portOf(result: ExplainResult): number {
  const m = /^[a-z]+:\/\/(\[[^\]]*\]|[^/:]*)(?::(\d+))?/i.exec(result.request.url);
  if (m?.[2] !== undefined) return Number(m[2]);
  return /^https:/i.test(result.request.url) ? 443 : 80;
}

/** The reconciliation for an explained request: the host, port and the route, cluster and subset it took. */
export function intentForExplain(objects: ConfigSet, config: ProxyConfig, result: ExplainResult): IntentReport {
  const host = result.request.authority.replace(/:\d+$/, '');
  const listenerPort = /_(\d+)$/.exec(result.listener ?? '')?.[1];
  const chosenVs = result.route !== null ? routeVirtualService(config, result) : undefined;
  const chosenRoute = result.route !== null ? `${result.routeConfig} / ${result.virtualHost} / ${result.route.name ?? `#${result.route.index}`}` : undefined;
  return reconcileIntent({
    objects,
    config,
    host,
    port: portOf(result),
    listenerPort: listenerPort === undefined ? undefined : Number(listenerPort),
    chosen: {
      virtualService: chosenVs,
      route: chosenRoute,
      clusters: [...new Set([...(result.cluster ? [result.cluster] : []), ...result.destinations.map((d) => d.cluster)])],
      subset: result.subset ?? undefined,
      service: result.connection?.service ?? undefined,
    },
  });
}

/** The `namespace/name` of the chosen route's VirtualService, from its Istio metadata. */
function routeVirtualService(config: ProxyConfig, result: ExplainResult): string | undefined {
  const rc = config.routeConfigs.find((r) => r.name === result.routeConfig);
  const vh = rc?.virtualHosts.value.find((v) => v.name === result.virtualHost);
  const route = vh?.routes.find((r) => r.index === result.route?.index);
  const ref = route?.istio;
  return ref?.kind === 'virtual-service' && ref.namespace !== undefined && ref.name !== undefined ? `${ref.namespace}/${ref.name}` : undefined;
}

/**
 * Every object among the objects, judged from one proxy (the TUI's Intent tab, with no request):
 * each VirtualService, DestinationRule and ServiceEntry at each of its hosts and, for a host
 * that is a known service, at each of its ports; an object applies when it applies at one of
 * them (its verdict there is shown), else the first reason found. Gateways and Sidecars are
 * judged once for the proxy.
 */
export function intentForProxy(objects: ConfigSet, config: ProxyConfig | undefined, proxy?: ProxyIdentity, domain = 'cluster.local'): IntentReport {
  const identity = proxy ?? (config ? proxyIdentityOf(config) : undefined);
  const services = meshServices(objects, domain);
  const targets = new Map<string, Set<number>>();
  const add = (host: string, port: number) => {
    const set = targets.get(host) ?? new Set<number>();
    set.add(port);
    targets.set(host, set);
  };
  for (const o of objects.objects) {
    const ns = namespaceOf(o);
    const hosts =
      o.kind === 'VirtualService' || o.kind === 'ServiceEntry'
        ? asArray(o.spec.hosts).flatMap((h) => (typeof h === 'string' ? [resolveShortName(h.toLowerCase(), ns, domain)] : []))
        : o.kind === 'DestinationRule' && typeof o.spec.host === 'string'
          ? [resolveShortName(o.spec.host.toLowerCase(), ns, domain)]
          : [];
    for (const h of hosts) {
      if (h.startsWith('*')) continue;
      const svc = services.find((s) => s.hostname === h);
      const ports = svc?.ports.map((p) => p.number) ?? [];
      if (ports.length === 0) add(h, 80);
      for (const p of ports) add(h, p);
    }
  }
  const byObject = new Map<string, IntentVerdict>();
  const caveats = new Set<string>();
  let last: IntentReport | undefined;
  for (const [host, ports] of targets) {
    for (const port of ports) {
      const r = reconcileIntent({ objects, config, proxy: identity, host, port, domain });
      last = r;
      for (const c of r.caveats) if (!/has no port|no Service or ServiceEntry/.test(c)) caveats.add(c);
      for (const v of r.verdicts) {
        const key = `${v.kind}/${v.namespace}/${v.name}`;
        const seen = byObject.get(key);
        if (seen === undefined || (!seen.applies && v.applies)) byObject.set(key, { ...v, decisive: false });
      }
    }
  }
  const proxyInfo = last?.proxy ?? {
    namespace: identity?.namespace ?? '',
    type: identity?.type ?? 'unknown',
    labels: identity?.labels ?? {},
    istioVersion: identity?.istioVersion ?? null,
  };
  if (identity === undefined) caveats.add("the proxy's namespace and labels are unknown (no node metadata in the dump): the Istio objects were not reconciled");
  const order = ['Sidecar', 'Gateway', 'VirtualService', 'HTTPRoute', 'GRPCRoute', 'ServiceEntry', 'DestinationRule'];
  const verdicts = [...byObject.values()].sort(
    (a, b) =>
      order.indexOf(a.kind) - order.indexOf(b.kind) ||
      (a.namespace < b.namespace ? -1 : a.namespace > b.namespace ? 1 : a.name < b.name ? -1 : a.name > b.name ? 1 : 0),
  );
  return { host: '*', port: 0, proxy: proxyInfo, verdicts, caveats: [...caveats] };
}
