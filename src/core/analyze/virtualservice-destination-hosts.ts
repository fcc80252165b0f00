import { asArray, asObject } from '../envoy/json.ts';
import type { AnalyzerMessage } from '../istio/analyze.ts';
import type { Analyzer } from './analyzer.ts';
import { IngressRouteRulesNotAffected, ReferencedResourceNotFound, VirtualServiceDestinationPortSelectorRequired } from './catalogue.ts';
import { message, ofKind, type Resource } from './resource.ts';
import { destinationHost, type LookupEntry, serviceEntryHostMap, stringList } from './service-lookup.ts';
import { type Destination, destinationOf, mirrorDestinations, routeDestinations } from './vs-destinations.ts';

/**
 * virtualservice.DestinationHostAnalyzer (istio/istio pkg/config/analysis/analyzers/virtualservice/
 * destinationhosts.go): every route and mirror host resolves to a Service or ServiceEntry visible
 * from the VirtualService (IST0101); a destination without a port on a multi-port service
 * (IST0112) or with a port the service lacks (IST0101 `host:port`); and, for VirtualServices bound
 * to gateways, a subset-less route to a host that another VirtualService splits by subset (IST0140).
 */
function checkPorts(r: Resource, d: Destination, s: LookupEntry, out: AnalyzerMessage[]): void {
  // checkServiceEntryPorts
  if (d.port === undefined) {
    if (s.ports.length > 1)
      out.push(
        message(
          VirtualServiceDestinationPortSelectorRequired,
          r,
          d.host,
          s.ports.map((p) => p.number),
        ),
      );
    return;
  }
  if (!s.ports.some((p) => p.number === d.port)) out.push(message(ReferencedResourceNotFound, r, 'host:port', `${d.host}:${d.port}`));
}

/** initVirtualServiceDestinations: per VirtualService, its subset destinations whose host is one of its own hosts. */
function subsetDestinations(vss: Resource[]): Map<string, Destination[]> {
  const out = new Map<string, Destination[]>();
  for (const vs of vss) {
    const hosts = stringList(vs.spec.hosts);
    for (const rule of asArray(vs.spec.http)) {
      for (const rd of asArray(asObject(rule)?.route)) {
        const d = destinationOf(asObject(rd)?.destination);
        if (d.subset === '') continue;
        for (const h of hosts) if (d.host === h) out.set(vs.fullName, [...(out.get(vs.fullName) ?? []), d]);
      }
    }
  }
  return out;
}

export const destinationHostAnalyzer: Analyzer = {
  name: 'virtualservice.DestinationHostAnalyzer',
  description: 'Checks the destination hosts associated with each virtual service',
  analyze(input) {
    const out: AnalyzerMessage[] = [];
    const hosts = serviceEntryHostMap(input);
    const vss = ofKind(input, 'VirtualService');
    const withSubsets = subsetDestinations(vss);
    for (const r of vss) {
      const exportTo = stringList(r.spec.exportTo);
      for (const [list, reftype] of [
        [routeDestinations(r.spec), 'host'],
        [mirrorDestinations(r.spec), 'mirror host'],
      ] as const) {
        for (const d of list) {
          const s = destinationHost(r.namespace, exportTo, d.host, hosts);
          if (s === undefined) out.push(message(ReferencedResourceNotFound, r, reftype, d.host));
          else checkPorts(r, d, s, out);
        }
      }
      // analyzeSubset
      if (stringList(r.spec.gateways).length === 0) continue;
      for (const rule of asArray(r.spec.http)) {
        for (const rd of asArray(asObject(rule)?.route)) {
          const d = destinationOf(asObject(rd)?.destination);
          if (d.subset !== '') continue;
          for (const [vsName, dests] of withSubsets) {
            for (const other of dests) if (other.host === d.host) out.push(message(IngressRouteRulesNotAffected, r, vsName, r.fullName));
          }
        }
      }
    }
    return out;
  },
};
