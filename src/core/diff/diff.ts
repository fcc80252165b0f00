import type { ProxyConfig } from '../envoy/types.ts';
import type { AnalyzerMessage } from '../istio/analyze.ts';
import { change, type DiffChange, stableJson } from './change.ts';
import { diffClusters } from './clusters.ts';
import { diffEndpoints } from './endpoints.ts';
import { diffRoutes } from './routes.ts';
import { diffVersions } from './versions.ts';

export type { DiffChange } from './change.ts';

/** The differences of one proxy between two captures. */
export interface ProxyDiff {
  /** `pod.namespace` (or file names) of each side. */
  a: string;
  b: string;
  changes: DiffChange[];
}

/** Two captures compared: per proxy, the proxies only one side has, and analyzer messages. */
export interface CaptureDiff {
  proxies: ProxyDiff[];
  onlyInA: string[];
  onlyInB: string[];
  analyzer: DiffChange[];
}

function diffListeners(a: ProxyConfig, b: ProxyConfig): DiffChange[] {
  const out: DiffChange[] = [];
  const la = a.index.listenerByName;
  const lb = b.index.listenerByName;
  for (const name of [...lb.keys()].sort()) if (!la.has(name)) out.push(change('listeners', 'listener-added', name, `listener ${name} added`));
  for (const name of [...la.keys()].sort()) if (!lb.has(name)) out.push(change('listeners', 'listener-removed', name, `listener ${name} removed`));
  for (const name of [...la.keys()].sort()) {
    const y = lb.get(name);
    if (y && stableJson(la.get(name)!.raw) !== stableJson(y.raw))
      out.push(change('listeners', 'listener-changed', name, `listener ${name} changed (filter chains or filters)`));
  }
  return out;
}

/** Every difference between two captures of one proxy: listeners, routes, clusters, endpoints, versions. */
export function diffProxyConfigs(a: ProxyConfig, b: ProxyConfig): DiffChange[] {
  return [...diffListeners(a, b), ...diffRoutes(a, b), ...diffClusters(a, b), ...diffEndpoints(a, b), ...diffVersions(a, b)];
}

/** Analyzer messages that appeared or went away (same code, origin and text). */
export function diffAnalyzer(a: AnalyzerMessage[], b: AnalyzerMessage[]): DiffChange[] {
  const key = (m: AnalyzerMessage) => `${m.code} ${m.origin} ${m.message}`;
  const ka = new Set(a.map(key));
  const kb = new Set(b.map(key));
  return [
    ...b
      .filter((m) => !ka.has(key(m)))
      .map((m) => change('analyzer', 'analyzer-added', m.origin, `${m.level} ${m.code} appeared on ${m.origin}: ${m.message}`)),
    ...a
      .filter((m) => !kb.has(key(m)))
      .map((m) => change('analyzer', 'analyzer-removed', m.origin, `${m.level} ${m.code} went away on ${m.origin}: ${m.message}`)),
  ];
}

export function isEqual(diff: CaptureDiff): boolean {
  return diff.onlyInA.length === 0 && diff.onlyInB.length === 0 && diff.analyzer.length === 0 && diff.proxies.every((p) => p.changes.length === 0);
}
