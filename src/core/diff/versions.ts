import type { ProxyConfig, ResourceMeta } from '../envoy/types.ts';
import { change, type DiffChange } from './change.ts';

/**
 * version_info moves per xDS type: istiod stamps each push (`2025-01-15T09:12:31Z/58`), so a
 * resource whose version moved was pushed again between the two captures. One change per type
 * and transition, counting the resources that made it.
 */
function versions(items: { name: string; meta: ResourceMeta }[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const i of items) if (i.meta.versionInfo !== undefined && !out.has(i.name)) out.set(i.name, i.meta.versionInfo);
  return out;
}

function moves(type: string, a: Map<string, string>, b: Map<string, string>): DiffChange[] {
  const transitions = new Map<string, number>();
  for (const [name, va] of a) {
    const vb = b.get(name);
    if (vb !== undefined && vb !== va) transitions.set(`${va}\u0000${vb}`, (transitions.get(`${va}\u0000${vb}`) ?? 0) + 1);
  }
  return [...transitions]
    .sort(([x], [y]) => (x < y ? -1 : 1))
    .map(([t, n]) => {
      const [va, vb] = t.split('\u0000') as [string, string];
      return change('versions', 'version-moved', type, `${type} version_info ${va} → ${vb} (${n} of ${b.size} resources)`, va, vb);
    });
}

export function diffVersions(a: ProxyConfig, b: ProxyConfig): DiffChange[] {
  const routeMeta = (c: ProxyConfig) => [...c.routeConfigMeta].map(([name, meta]) => ({ name, meta }));
  return [
    ...moves('listeners', versions(a.listeners), versions(b.listeners)),
    ...moves('clusters', versions(a.clusters), versions(b.clusters)),
    ...moves('routes', versions(routeMeta(a)), versions(routeMeta(b))),
    ...moves(
      'secrets',
      versions(a.secrets.map((s) => ({ name: s.name, meta: { state: s.state, versionInfo: s.versionInfo } }))),
      versions(b.secrets.map((s) => ({ name: s.name, meta: { state: s.state, versionInfo: s.versionInfo } }))),
    ),
  ];
}
