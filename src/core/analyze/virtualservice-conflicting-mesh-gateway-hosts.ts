import { hostsMatch } from '../config/hosts.ts';
import type { AnalyzerMessage } from '../istio/analyze.ts';
import type { Analyzer } from './analyzer.ts';
import { ConflictingMeshGatewayVirtualServiceHosts } from './catalogue.ts';
import { message, ofKind, type Resource } from './resource.ts';
import { EXPORT_ALL, EXPORT_LOCAL, exportsToAll, scopedFqdn, splitScoped, stringList } from './service-lookup.ts';

/**
 * virtualservice.ConflictingMeshGatewayHostsAnalyzer (istio/istio pkg/config/analysis/analyzers/
 * virtualservice/conflictingmeshgatewayhosts.go): VirtualServices bound to the `mesh` gateway (no
 * `gateways`, or `mesh` among them) are indexed by scoped host (exportTo scope / FQDN); a host
 * claimed by more than one — a namespace scope also meets the `*`-scoped hosts it matches — gives
 * each of them one IST0109.
 */
function meshGatewayHosts(vss: Resource[]): Map<string, Resource[]> {
  const out = new Map<string, Resource[]>();
  for (const r of vss) {
    const gateways = stringList(r.spec.gateways);
    if (gateways.length > 0 && !gateways.includes('mesh')) continue;
    const exportTo = stringList(r.spec.exportTo);
    const scopes = exportsToAll(exportTo) ? [EXPORT_ALL] : [...new Set(exportTo.map((e) => (e === EXPORT_LOCAL ? r.namespace : e)))];
    for (const scope of scopes) {
      for (const h of stringList(r.spec.hosts)) {
        const key = scopedFqdn(scope, r.namespace, h);
        out.set(key, [...(out.get(key) ?? []), r]);
      }
    }
  }
  return out;
}

export const conflictingMeshGatewayHostsAnalyzer: Analyzer = {
  name: 'virtualservice.ConflictingMeshGatewayHostsAnalyzer',
  description: 'Checks if multiple virtual services associated with the mesh gateway have conflicting hosts',
  analyze(input) {
    const out: AnalyzerMessage[] = [];
    const index = meshGatewayHosts(ofKind(input, 'VirtualService'));
    const reported = new Set<string>();
    for (const [key, own] of index) {
      const { scope, fqdn } = splitScoped(key);
      let list = own;
      if (scope !== EXPORT_ALL) {
        // getExportToAllNamespacesVSListForScopedHost
        for (const [other, rs] of index) {
          const o = splitScoped(other);
          if (o.scope === EXPORT_ALL && hostsMatch(fqdn, o.fqdn)) list = [...list, ...rs];
        }
      }
      if (list.length < 2) continue;
      const names = list
        .map((r) => r.fullName)
        .sort()
        .join(',');
      for (const r of list) {
        if (reported.has(r.fullName)) continue;
        reported.add(r.fullName);
        out.push(message(ConflictingMeshGatewayVirtualServiceHosts, r, names, key));
      }
    }
    return out;
  },
};
