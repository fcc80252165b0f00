import type { Json } from '../envoy/json.ts';
import type { Route, RouteConfig, VirtualHost } from '../envoy/route-types.ts';
import type { ProxyConfig } from '../envoy/types.ts';
import { describeRouteMatch } from '../explain/route-stage.ts';
import { change, compact, type DiffChange, stableJson } from './change.ts';

/**
 * Route differences between two captures: route configurations and virtual hosts added or
 * removed, domains, routes added, removed or reordered within a virtual host (first match wins,
 * so order is behaviour), match changes, destination and weight changes, and other route action
 * policies (timeout, retries, mirrors, rewrites, hash policy, fault). Routes are paired by name,
 * unnamed ones by their match.
 */
const DESTINATION_FIELDS = new Set(['cluster', 'weighted_clusters', 'cluster_header']);

function key(route: Route, seen: Map<string, number>): string {
  const base = route.name ? `name:${route.name}` : `match:${stableJson(route.raw.match)}`;
  const n = (seen.get(base) ?? 0) + 1;
  seen.set(base, n);
  return n === 1 ? base : `${base}#${n}`;
}

function keyed(vh: VirtualHost): Map<string, Route> {
  const seen = new Map<string, number>();
  return new Map(vh.routes.map((r) => [key(r, seen), r]));
}

const label = (r: Route): string => r.name ?? `#${r.index}`;

function weights(route: Route): Map<string, number> | undefined {
  return route.action.kind === 'route' && route.action.cluster.kind === 'weighted_clusters'
    ? new Map(route.action.cluster.clusters.map((c) => [c.name, c.weight]))
    : undefined;
}

function destination(route: Route): string {
  const a = route.action;
  if (a.kind !== 'route') return a.kind;
  const c = a.cluster;
  if (c.kind === 'cluster') return c.name;
  if (c.kind === 'weighted_clusters') return c.clusters.map((w) => `${w.name} ${w.weight}`).join(', ');
  return c.kind === 'cluster_header' ? `cluster from header ${c.header}` : c.field;
}

function diffDestinations(where: string, a: Route, b: Route): DiffChange[] {
  const wa = weights(a);
  const wb = weights(b);
  if (wa && wb) {
    const parts: string[] = [];
    for (const [name, w] of wb) {
      const before = wa.get(name);
      if (before === undefined) parts.push(`${name} added with weight ${w}`);
      else if (before !== w) parts.push(`${name} ${before} → ${w}`);
    }
    for (const [name, w] of wa) if (!wb.has(name)) parts.push(`${name} (weight ${w}) removed`);
    if (parts.length === 0) return [];
    return [change('routes', 'weight-changed', where, `weights changed: ${parts.join('; ')}`, destination(a), destination(b))];
  }
  const da = destination(a);
  const db = destination(b);
  return da === db ? [] : [change('routes', 'destination-changed', where, `destination ${da} → ${db}`, da, db)];
}

function actionFields(route: Route): Record<string, Json> {
  const raw = (route.raw.route ?? route.raw.redirect ?? route.raw.direct_response ?? {}) as Record<string, Json>;
  const out: Record<string, Json> = {};
  for (const [k, v] of Object.entries(raw)) if (!DESTINATION_FIELDS.has(k)) out[k] = v;
  if (route.raw.typed_per_filter_config !== undefined) out.typed_per_filter_config = route.raw.typed_per_filter_config;
  return out;
}

function diffRoute(where: string, a: Route, b: Route): DiffChange[] {
  const out: DiffChange[] = [];
  if (stableJson(a.raw.match) !== stableJson(b.raw.match)) {
    out.push(
      change('routes', 'match-changed', where, `match ${describeRouteMatch(a)} → ${describeRouteMatch(b)}`, describeRouteMatch(a), describeRouteMatch(b)),
    );
  }
  out.push(...diffDestinations(where, a, b));
  const fa = actionFields(a);
  const fb = actionFields(b);
  for (const field of [...new Set([...Object.keys(fa), ...Object.keys(fb)])].sort()) {
    if (stableJson(fa[field]) === stableJson(fb[field])) continue;
    out.push(
      change('routes', 'route-policy-changed', where, `${field} ${compact(fa[field], 60)} → ${compact(fb[field], 60)}`, compact(fa[field]), compact(fb[field])),
    );
  }
  return out;
}

function diffVirtualHost(rc: string, a: VirtualHost, b: VirtualHost): DiffChange[] {
  const at = `${rc}/${a.name}`;
  const out: DiffChange[] = [];
  if (stableJson([...a.domains].sort()) !== stableJson([...b.domains].sort())) {
    out.push(change('routes', 'domains-changed', at, `domains ${a.domains.join(', ')} → ${b.domains.join(', ')}`, a.domains.join(', '), b.domains.join(', ')));
  }
  const ka = keyed(a);
  const kb = keyed(b);
  for (const [k, r] of kb)
    if (!ka.has(k))
      out.push(
        change(
          'routes',
          'route-added',
          `${at}/${label(r)}`,
          `route ${label(r)} added at #${r.index}: ${describeRouteMatch(r)} → ${destination(r)}`,
          undefined,
          describeRouteMatch(r),
        ),
      );
  for (const [k, r] of ka)
    if (!kb.has(k))
      out.push(
        change('routes', 'route-removed', `${at}/${label(r)}`, `route ${label(r)} removed (was #${r.index}: ${describeRouteMatch(r)})`, describeRouteMatch(r)),
      );
  const commonA = [...ka.keys()].filter((k) => kb.has(k));
  const commonB = [...kb.keys()].filter((k) => ka.has(k));
  if (commonA.join('\n') !== commonB.join('\n')) {
    const names = (keys: string[], m: Map<string, Route>) => keys.map((k) => label(m.get(k)!)).join(', ');
    out.push(
      change(
        'routes',
        'routes-reordered',
        at,
        `routes reordered: ${names(commonA, ka)} → ${names(commonB, kb)} (the first match wins)`,
        names(commonA, ka),
        names(commonB, kb),
      ),
    );
  }
  for (const k of commonA) out.push(...diffRoute(`${at}/${label(kb.get(k)!)}`, ka.get(k)!, kb.get(k)!));
  return out;
}

/** Route configs of a model, inline ones (in an HCM) included under their listener's name. */
function routeConfigs(config: ProxyConfig): Map<string, RouteConfig> {
  const out = new Map(config.routeConfigs.map((rc) => [rc.name, rc]));
  for (const l of config.listeners) {
    for (const chain of l.filterChains)
      for (const f of chain.filters) if (f.kind === 'http_connection_manager' && f.routeConfig) out.set(`${l.name} (inline)`, f.routeConfig);
  }
  return out;
}

export function diffRoutes(a: ProxyConfig, b: ProxyConfig): DiffChange[] {
  const ra = routeConfigs(a);
  const rb = routeConfigs(b);
  const out: DiffChange[] = [];
  for (const name of [...rb.keys()].sort())
    if (!ra.has(name))
      out.push(change('routes', 'route-config-added', name, `route configuration ${name} added (${rb.get(name)!.virtualHosts.value.length} virtual hosts)`));
  for (const name of [...ra.keys()].sort()) if (!rb.has(name)) out.push(change('routes', 'route-config-removed', name, `route configuration ${name} removed`));
  for (const name of [...ra.keys()].sort()) {
    const rcb = rb.get(name);
    if (!rcb) continue;
    const va = new Map(ra.get(name)!.virtualHosts.value.map((v) => [v.name, v]));
    const vb = new Map(rcb.virtualHosts.value.map((v) => [v.name, v]));
    for (const [vn, v] of vb)
      if (!va.has(vn)) out.push(change('routes', 'virtual-host-added', `${name}/${vn}`, `virtual host ${vn} added (${v.domains.join(', ')})`));
    for (const vn of va.keys()) if (!vb.has(vn)) out.push(change('routes', 'virtual-host-removed', `${name}/${vn}`, `virtual host ${vn} removed`));
    for (const [vn, v] of va) if (vb.has(vn)) out.push(...diffVirtualHost(name, v, vb.get(vn)!));
  }
  return out;
}
