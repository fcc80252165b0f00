import { hostsMatch, resolveShortName, splitNamespacedHost } from '../config/hosts.ts';
import { type ConfigObject, type ConfigSet, describeOrigin, namespaceOf } from '../config/objects.ts';
import { labelsMatch, visibleFrom } from '../config/services.ts';
import { asArray, asNumber, asObject, asString } from '../envoy/json.ts';
import type { ProducedIndex } from './produced.ts';
import { compareByCreation, egressHosts, importedBy, istioMinor, type ProxyIdentity, sidecarFor } from './scope.ts';
import type { IntentVerdict } from './types.ts';

function base(o: ConfigObject): Omit<IntentVerdict, 'applies' | 'reason'> {
  return { kind: o.kind, name: o.metadata.name, namespace: namespaceOf(o), origin: describeOrigin(o.origin), produced: [], notes: [], decisive: false };
}

function stringRecord(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(asObject(value) ?? {})) if (typeof v === 'string') out[k] = v;
  return out;
}

/**
 * Istio Gateways that select a gateway proxy (`selector` ⊆ its labels; every namespace, as with
 * PILOT_SCOPE_GATEWAY_TO_NAMESPACE off), and whether one of their servers takes the request: a
 * server on the port whose hosts (`ns/host`, a bare host meaning `*\/host`) match the authority.
 */
export function gatewayVerdicts(set: ConfigSet, proxy: ProxyIdentity, port: number, listenerPort: number | undefined, authority: string): IntentVerdict[] {
  if (proxy.type !== 'router') return [];
  const out: IntentVerdict[] = [];
  for (const gw of set.objects.filter((o) => o.kind === 'Gateway').sort(compareByCreation)) {
    const selector = stringRecord(gw.spec.selector);
    if (!labelsMatch(selector, proxy.labels)) continue;
    const servers = asArray(gw.spec.servers).flatMap((s) => (asObject(s) ? [asObject(s)!] : []));
    const onPort = servers.filter((s) => {
      const n = asNumber(asObject(s.port)?.number);
      return n === port || (listenerPort !== undefined && n === listenerPort);
    });
    if (onPort.length === 0) {
      const ports = servers.map((s) => asNumber(asObject(s.port)?.number)).filter((n) => n !== undefined);
      out.push({
        ...base(gw),
        applies: false,
        reason: { code: 'port-mismatch', message: `selects this proxy, but has no server on port ${port} (servers: ${ports.join(', ') || 'none'})` },
      });
      continue;
    }
    const hostMatch = onPort.some((s) => asArray(s.hosts).some((h) => typeof h === 'string' && hostsMatch(splitNamespacedHost(h).host, authority)));
    if (!hostMatch) {
      out.push({ ...base(gw), applies: false, reason: { code: 'not-bound', message: `its server on port ${port} does not list host ${authority}` } });
      continue;
    }
    out.push({ ...base(gw), applies: true, reason: null });
  }
  return out;
}

/** ServiceEntries for the host: visibility (exportTo) and, for sidecars, the Sidecar's egress hosts. */
export function serviceEntryVerdicts(
  set: ConfigSet,
  proxy: ProxyIdentity,
  port: number,
  hosts: string[],
  produced: ProducedIndex | undefined,
): IntentVerdict[] {
  const out: IntentVerdict[] = [];
  const egress = proxy.type === 'router' ? undefined : egressHosts(sidecarFor(set, proxy), port, istioMinor(proxy.istioVersion));
  for (const se of set.objects.filter((o) => o.kind === 'ServiceEntry').sort(compareByCreation)) {
    const ns = namespaceOf(se);
    const seHosts = asArray(se.spec.hosts).flatMap((h) => (typeof h === 'string' ? [resolveShortName(h.toLowerCase(), ns)] : []));
    const matching = seHosts.filter((h) => hosts.some((t) => hostsMatch(h, t)));
    if (matching.length === 0) continue;
    const exportTo = asArray(se.spec.exportTo).flatMap((v) => (typeof v === 'string' ? [v] : []));
    if (!visibleFrom(exportTo, ns, proxy.namespace)) {
      out.push({
        ...base(se),
        applies: false,
        reason: { code: 'not-exported', message: `exportTo [${exportTo.join(', ')}] does not include the proxy's namespace ${proxy.namespace}` },
      });
      continue;
    }
    if (egress !== undefined && !importedBy(egress, ns, matching)) {
      out.push({
        ...base(se),
        applies: false,
        reason: { code: 'sidecar-scope', message: `the proxy's Sidecar imports no ${matching.join(', ')} from namespace ${ns}` },
      });
      continue;
    }
    const clusters = matching.flatMap((h) => produced?.clustersByHost.get(h) ?? []);
    if (produced !== undefined && clusters.length === 0 && !matching.some((h) => h.startsWith('*'))) {
      out.push({
        ...base(se),
        applies: false,
        reason: {
          code: 'not-programmed',
          message: `no cluster for ${matching.join(', ')} in this proxy's config: a stale proxy (check proxy-status) or a rejected push`,
        },
      });
      continue;
    }
    out.push({ ...base(se), applies: true, reason: null, produced: clusters });
  }
  return out;
}

/** The Sidecar resource that scopes the proxy, if any (it applies; the others of its namespace do not select it). */
export function sidecarVerdicts(set: ConfigSet, proxy: ProxyIdentity): IntentVerdict[] {
  if (proxy.type === 'router') return [];
  const sc = sidecarFor(set, proxy);
  return sc === undefined ? [] : [{ ...base(sc), applies: true, reason: null }];
}

/**
 * Gateway API routes for the host: attached when a parent it names exists and its status does
 * not say `Accepted: False` for that parent (the Gateway API's RouteParentStatus).
 */
export function gatewayApiRouteVerdicts(set: ConfigSet, authority: string, produced: ProducedIndex | undefined): IntentVerdict[] {
  const out: IntentVerdict[] = [];
  for (const route of set.objects.filter((o) => o.kind === 'HTTPRoute' || o.kind === 'GRPCRoute').sort(compareByCreation)) {
    const hostnames = asArray(route.spec.hostnames).flatMap((h) => (typeof h === 'string' ? [h.toLowerCase()] : []));
    const ns = namespaceOf(route);
    const parents = asArray(route.spec.parentRefs).flatMap((p) => (asObject(p) ? [asObject(p)!] : []));
    const servicesNamed = parents
      .filter((p) => asString(p.kind) === 'Service')
      .map((p) => resolveShortName(asString(p.name) ?? '', asString(p.namespace) ?? ns));
    const forHost =
      hostnames.length === 0
        ? servicesNamed.length === 0 || servicesNamed.some((s) => hostsMatch(s, authority))
        : hostnames.some((h) => hostsMatch(h, authority));
    if (!forHost) continue;
    const statusParents = asArray(route.status?.parents).flatMap((p) => (asObject(p) ? [asObject(p)!] : []));
    const refused = statusParents.find((p) =>
      asArray(p.conditions).some((c) => asString(asObject(c)?.type) === 'Accepted' && asString(asObject(c)?.status) === 'False'),
    );
    const missing = parents.filter((p) => {
      const kind = asString(p.kind) ?? 'Gateway';
      const name = asString(p.name) ?? '';
      const pns = asString(p.namespace) ?? ns;
      const want = kind === 'Service' ? 'Service' : 'KubernetesGateway';
      return !set.objects.some((o) => o.kind === want && namespaceOf(o) === pns && o.metadata.name === name);
    });
    if (parents.length > 0 && missing.length === parents.length) {
      const names = missing.map((p) => `${asString(p.kind) ?? 'Gateway'} ${asString(p.namespace) ?? ns}/${asString(p.name) ?? ''}`);
      out.push({ ...base(route), applies: false, reason: { code: 'not-attached', message: `its parent ${names.join(', ')} is not among the objects` } });
      continue;
    }
    if (refused !== undefined) {
      const condition = asArray(refused.conditions)
        .map(asObject)
        .find((c) => asString(c?.type) === 'Accepted');
      out.push({
        ...base(route),
        applies: false,
        reason: {
          code: 'not-attached',
          message: `status says Accepted: False (${asString(condition?.reason) ?? 'no reason'}: ${asString(condition?.message) ?? ''})`.trim(),
        },
      });
      continue;
    }
    const routes = produced?.routesByGatewayApiRoute.get(`${ns}/${route.metadata.name}`) ?? [];
    out.push({ ...base(route), applies: true, reason: null, produced: routes });
  }
  return out;
}
