import { hostsMatch } from '../config/hosts.ts';
import { type ConfigObject, type ConfigSet, describeOrigin, namespaceOf } from '../config/objects.ts';
import { isTcpProtocol, type Protocol } from '../config/protocol.ts';
import { visibleFrom } from '../config/services.ts';
import { asArray, asObject, type JsonObject } from '../envoy/json.ts';
import { matchConflict } from './delegate-match.ts';
import type { ProducedIndex } from './produced.ts';
import { compareByCreation, egressHosts, importedBy, type ProxyIdentity, sidecarFor, virtualServiceGateways, virtualServiceHosts } from './scope.ts';
import type { IntentReason, IntentVerdict } from './types.ts';
import { delegatesOf, exportToOf, gatewayObject, gatewaySelects, httpRuleDrops, key, pickWinner, visibilityClass } from './virtual-service-reach.ts';

/** What a request through a proxy is, for the reconciliation. */
export interface IntentQuery {
  /** The host the request addresses: the service FQDN when known, and the authority as written. */
  hosts: string[];
  port: number;
  proxy: ProxyIdentity;
  /** The port's protocol as Istio sees it, from the Service or ServiceEntry (undefined when not in the objects). */
  protocol: Protocol | undefined;
  /** The VirtualService of the route the request took (`namespace/name`), when explained. */
  chosenVirtualService: string | undefined;
  produced: ProducedIndex | undefined;
}

function verdict(vs: ConfigObject, applies: boolean, reason: IntentReason | null, produced: string[] = [], notes: IntentReason[] = []): IntentVerdict {
  return {
    kind: vs.kind,
    name: vs.metadata.name,
    namespace: namespaceOf(vs),
    origin: describeOrigin(vs.origin),
    applies,
    reason,
    produced,
    notes,
    decisive: false,
  };
}

/** The verdict on every VirtualService whose hosts match the request, in Istio's order. */
export function virtualServiceVerdicts(set: ConfigSet, q: IntentQuery, istioMinor: number | undefined): { verdicts: IntentVerdict[]; caveats: string[] } {
  const caveats: string[] = [];
  const all = set.objects.filter((o) => o.kind === 'VirtualService');
  const matchesRequest = (vs: ConfigObject) => virtualServiceHosts(vs).some((h) => q.hosts.some((t) => hostsMatch(h, t)));
  const roots = all.filter(matchesRequest);
  // Delegates have no hosts; they apply through a root that names them.
  const delegateRefs = new Map<string, { root: ConfigObject; match: JsonObject[] }>();
  for (const root of roots) for (const d of delegatesOf(root)) delegateRefs.set(`${d.namespace}/${d.name}`, { root, match: d.match });
  const delegates = all.filter((vs) => virtualServiceHosts(vs).length === 0 && delegateRefs.has(key(vs)));
  const isGateway = q.proxy.type === 'router';
  const sidecar = isGateway ? undefined : sidecarFor(set, q.proxy);
  const egress = egressHosts(sidecar, q.port, istioMinor);
  const ordered = [...roots].sort((a, b) => visibilityClass(a, q.proxy.namespace) - visibilityClass(b, q.proxy.namespace) || compareByCreation(a, b));
  const eligible: ConfigObject[] = [];
  const out = new Map<ConfigObject, IntentVerdict>();
  for (const vs of ordered) {
    const ns = namespaceOf(vs);
    const gateways = virtualServiceGateways(vs);
    const hosts = virtualServiceHosts(vs);
    if (!isGateway && !gateways.includes('mesh')) {
      out.set(
        vs,
        verdict(vs, false, {
          code: 'gateway-only',
          message: `bound to ${gateways.join(', ')} only (no \`mesh\` in gateways:), so sidecars never get its routes`,
        }),
      );
      continue;
    }
    if (isGateway) {
      const named = gateways.filter((g) => g !== 'mesh');
      if (named.length === 0) {
        out.set(
          vs,
          verdict(vs, false, {
            code: 'not-bound',
            message: 'bound to the mesh (sidecars) only; a gateway applies only VirtualServices that name its Gateway in gateways:',
          }),
        );
        continue;
      }
      const found = named.map((g) => ({ ref: g, gw: gatewayObject(set, g) }));
      if (found.every((f) => f.gw === undefined)) {
        out.set(vs, verdict(vs, false, { code: 'gateway-not-found', message: `names Gateway ${named.join(', ')}, which is not among the objects (IST0101)` }));
        continue;
      }
      const selecting = found.filter((f) => f.gw !== undefined && gatewaySelects(f.gw, q.proxy));
      if (selecting.length === 0) {
        out.set(
          vs,
          verdict(vs, false, {
            code: 'not-bound',
            message: `bound to Gateway ${found
              .filter((f) => f.gw)
              .map((f) => f.ref)
              .join(', ')}, whose selector does not select this proxy`,
          }),
        );
        continue;
      }
    }
    if (!visibleFrom(exportToOf(vs), ns, q.proxy.namespace)) {
      out.set(
        vs,
        verdict(vs, false, {
          code: 'not-exported',
          message: `exportTo [${exportToOf(vs).join(', ')}] does not include the proxy's namespace ${q.proxy.namespace}`,
        }),
      );
      continue;
    }
    if (!isGateway && !importedBy(egress, ns, hosts)) {
      const sc = egress.sidecar;
      out.set(
        vs,
        verdict(vs, false, {
          code: 'sidecar-scope',
          message: `Sidecar ${sc ? `${namespaceOf(sc)}/${sc.metadata.name}` : ''} imports no host of this VirtualService from namespace ${ns} (egress hosts: ${[...egress.byNamespace.entries()].map(([n, e]) => e.hosts.map((h) => `${n}/${h}`).join(', ')).join(', ')})`,
        }),
      );
      continue;
    }
    const hasHttp = asArray(vs.spec.http).length > 0;
    const hasL4 = asArray(vs.spec.tcp).length > 0 || asArray(vs.spec.tls).length > 0;
    if (q.protocol !== undefined && isTcpProtocol(q.protocol) && hasHttp && !hasL4) {
      out.set(
        vs,
        verdict(vs, false, {
          code: 'tcp-port',
          message: `port ${q.port} is ${q.protocol} for Istio (the Service port's name or appProtocol), so its http: rules never apply; name the port http-… or set appProtocol: http`,
        }),
      );
      continue;
    }
    if (hasHttp && !hasL4) {
      const drops = httpRuleDrops(vs, q.proxy, q.port);
      if (drops.length > 0 && drops.every((d) => d !== undefined)) {
        const code = drops.includes('source') ? 'source-labels' : 'port-mismatch';
        const message =
          code === 'source-labels'
            ? `every http rule matches only sourceLabels/sourceNamespace this workload (${q.proxy.namespace}, ${Object.entries(q.proxy.labels)
                .map(([k, v]) => `${k}=${v}`)
                .join(',')}) does not have`
            : `every http rule matches another port than ${q.port}`;
        out.set(vs, verdict(vs, false, { code, message }));
        continue;
      }
    }
    eligible.push(vs);
  }

  // Duplicate hosts: a sidecar keeps the first VirtualService per service host (a later one's
  // virtual host has a duplicate name and is dropped: httproute.go, "duplicate domain from virtual
  // service"); an exact host beats a wildcard, and among wildcards the most specific wins from
  // Istio 1.21 (computeWildcardHostVirtualServiceIndex / MostSpecificHostMatch; before, the oldest).
  // Gateways merge every VirtualService for a host (routes of the first one first).
  const winner = isGateway ? undefined : pickWinner(eligible, q.hosts, istioMinor);
  for (const vs of eligible) {
    const produced = q.produced?.routesByVirtualService.get(key(vs)) ?? [];
    const notes: IntentReason[] = [];
    const drops = httpRuleDrops(vs, q.proxy, q.port);
    const dropped = drops.filter((d) => d !== undefined).length;
    if (dropped > 0)
      notes.push({
        code: drops.includes('source') ? 'source-labels' : 'port-mismatch',
        message: `${dropped} of ${drops.length} http rules are left out for this workload or port`,
      });
    if (winner !== undefined && winner.vs !== vs) {
      const code = winner.bySpecificity ? 'more-specific-wins' : 'older-wins';
      const message =
        code === 'more-specific-wins'
          ? `VirtualService ${key(winner.vs)} names the host more specifically (${winner.host}); Istio gives the service to it`
          : `VirtualService ${key(winner.vs)} comes first for the same host (${winner.vs.metadata.creationTimestamp ? `created ${winner.vs.metadata.creationTimestamp}` : 'older, or the same age and first by name'}); Istio drops this one's virtual host (IST0109)`;
      out.set(vs, verdict(vs, false, { code, message }, [], notes));
      continue;
    }
    if (isGateway && eligible.length > 1)
      notes.push({
        code: 'older-wins',
        message: `merged on the gateway with ${eligible
          .filter((o) => o !== vs)
          .map(key)
          .join(', ')}; the older one's routes come first`,
      });
    if (q.produced?.routesHaveMetadata && produced.length === 0) {
      out.set(
        vs,
        verdict(
          vs,
          false,
          {
            code: 'not-programmed',
            message:
              "the objects say it applies, but no route in this proxy's config comes from it: the proxy is stale (check proxy-status) or Envoy rejected the push",
          },
          [],
          notes,
        ),
      );
      continue;
    }
    const v = verdict(vs, true, null, produced, notes);
    v.decisive = q.chosenVirtualService === key(vs);
    out.set(vs, v);
  }
  for (const d of delegates) {
    const ref = delegateRefs.get(key(d))!;
    const rootVerdict = out.get(ref.root);
    if (rootVerdict !== undefined && !rootVerdict.applies) {
      out.set(
        d,
        verdict(d, false, { ...rootVerdict.reason!, message: `its root VirtualService ${key(ref.root)} does not apply: ${rootVerdict.reason!.message}` }),
      );
      continue;
    }
    const rules = asArray(d.spec.http).flatMap((r) => (asObject(r) ? [asObject(r)!] : []));
    const inside = rules.some((rule) => {
      const matches = asArray(rule.match).flatMap((m) => (asObject(m) ? [asObject(m)!] : []));
      if (ref.match.length === 0 || matches.length === 0) return true;
      return matches.some((dm) => ref.match.some((rm) => !matchConflict(rm, dm)));
    });
    if (!inside) {
      out.set(
        d,
        verdict(d, false, {
          code: 'delegate-mismatch',
          message: `every match conflicts with the root ${key(ref.root)}'s match for it (mergeHTTPRoutes' hasConflict), so Istio merges no route from it`,
        }),
      );
      continue;
    }
    const produced = q.produced?.routesByVirtualService.get(key(d)) ?? q.produced?.routesByVirtualService.get(key(ref.root)) ?? [];
    out.set(d, verdict(d, true, null, produced));
  }
  if (roots.length > 0 && sidecar !== undefined) caveats.push(`scoped by Sidecar ${namespaceOf(sidecar)}/${sidecar.metadata.name}`);
  return { verdicts: [...ordered, ...delegates].map((o) => out.get(o)!), caveats };
}
