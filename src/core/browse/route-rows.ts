import { formatClusterName, parseClusterName } from '../envoy/cluster-name.ts';
import { describeGatewayApiOrigin, gatewayApiOrigin } from '../envoy/gateway-api-origin.ts';
import type { JsonObject } from '../envoy/json.ts';
import { routeConfigsOf } from '../envoy/listener-chains.ts';
import type { Route, RouteAction, RouteConfig } from '../envoy/route-types.ts';
import type { ProxyConfig } from '../envoy/types.ts';
import { weightShares } from '../router/route-destinations.ts';
import { clusterLabel } from './labels.ts';
import { describeRouteMatch } from './match-summary.ts';

/** One Envoy route as the Routes table shows it: where it sits, what it matches, where it sends. */
export interface RouteRow {
  /** Stable within a config: route config (its position: unnamed ones repeat), virtual host and position. */
  id: string;
  /** The resource as the dump holds it (snake_case), for the raw view (`y`). */
  raw?: JsonObject;
  routeConfig: string;
  virtualHost: string;
  domains: string[];
  /** Position in its virtual host (first match wins). */
  index: number;
  /** The VirtualService http rule name, or '' (Istio's `default` route has one). */
  name: string;
  match: string;
  /** `reviews.bookinfo:9080 v1 90%, v3 10%`, `redirect 301 …`, `direct response 404`. */
  destinations: string;
  /** The clusters this route can send to (for drilling down). */
  clusters: string[];
  /** `name.namespace` of the VirtualService behind the route. */
  virtualService: string;
  /** The Gateway API route rule behind a generated VirtualService (`HTTPRoute (or GRPCRoute) ns/name rule 0`), or ''. */
  origin: string;
}

/** A subset cluster with its subset first (`v2 · reviews.bookinfo:9080`), so a cut cell still shows it. */
function subsetFirst(name: string): string {
  const parsed = parseClusterName(name);
  if (!parsed?.subset) return clusterLabel(name);
  return `${parsed.subset} · ${clusterLabel(formatClusterName(parsed.direction, parsed.port, '', parsed.host))}`;
}

/** What a route's action does, in one line; and the clusters it can reach. */
function describeAction(action: RouteAction): { text: string; clusters: string[] } {
  switch (action.kind) {
    case 'route': {
      const spec = action.cluster;
      if (spec.kind === 'cluster') return { text: subsetFirst(spec.name), clusters: [spec.name] };
      if (spec.kind === 'weighted_clusters') {
        const shares = weightShares(spec.clusters.map((c) => c.weight));
        // Weights summing to 0 (Envoy rejects the config, the loader says so): no split to show.
        const undefinedSplit = shares.every((s) => s === 0);
        const share = (i: number) => (undefinedSplit ? 'weight 0 (split undefined)' : `${Math.round(shares[i]! * 1000) / 10}%`);
        const parsed = spec.clusters.map((c) => parseClusterName(c.name));
        const service = parsed[0] && parsed.every((p) => p && p.host === parsed[0]!.host && p.port === parsed[0]!.port && p.direction === parsed[0]!.direction);
        // One service split by subset, the split first (a narrow column keeps it; the host is the
        // virtual host's, beside it): `v1 90%, v3 10% · reviews.bookinfo:9080`.
        const text = service
          ? `${parsed.map((p, i) => `${p!.subset || '-'} ${share(i)}`).join(', ')} · ${clusterLabel(formatClusterName(parsed[0]!.direction, parsed[0]!.port, '', parsed[0]!.host))}`
          : spec.clusters.map((c, i) => `${clusterLabel(c.name)} ${share(i)}`).join(', ');
        return { text, clusters: spec.clusters.map((c) => c.name) };
      }
      if (spec.kind === 'cluster_header') return { text: `cluster from header ${spec.header}`, clusters: [] };
      return { text: `unsupported ${spec.field}`, clusters: [] };
    }
    case 'redirect': {
      const to = [action.schemeRedirect ?? (action.httpsRedirect ? 'https' : ''), action.hostRedirect ?? '', action.pathRedirect ?? action.prefixRewrite ?? '']
        .filter(Boolean)
        .join(' ');
      return { text: `redirect ${action.responseCode}${to ? ` → ${to}` : ''}`, clusters: [] };
    }
    case 'direct_response':
      return { text: `direct response ${action.status}`, clusters: [] };
    case 'non_forwarding':
      return { text: 'non-forwarding', clusters: [] };
    case 'unsupported':
      return { text: `unsupported ${action.field}`, clusters: [] };
  }
}

function originOf(route: Route): string {
  const origin = gatewayApiOrigin(route.name, route.istio);
  return origin ? describeGatewayApiOrigin(origin) : '';
}

function rowsOf(rc: RouteConfig, label: string, ordinal: number, out: RouteRow[]): void {
  for (const vh of rc.virtualHosts.value) {
    for (const route of vh.routes) {
      const action = describeAction(route.action);
      out.push({
        id: `${ordinal}:${label}\u0000${vh.name}\u0000${route.index}`,
        raw: route.raw,
        routeConfig: label,
        virtualHost: vh.name,
        domains: vh.domains,
        index: route.index,
        name: route.name ?? '',
        match: describeRouteMatch(route.match),
        destinations: action.text,
        clusters: action.clusters,
        virtualService: route.istio?.display ?? '',
        origin: originOf(route),
      });
    }
  }
}

/** Identifies a route config by name and virtual hosts (Envoy lists static inline ones twice). */
/**
 * Every route of the proxy in evaluation order: route configs as istioctl lists them (RDS, and
 * static ones, named `(static)` when unnamed), then route configs inline in a listener's HTTP
 * connection manager that the dump does not list already (named `inline@<listener>`).
 */
export function routeRows(config: ProxyConfig): RouteRow[] {
  const out: RouteRow[] = [];
  routeConfigsOf(config).forEach(({ routeConfig: rc, inlineIn }, ordinal) => {
    rowsOf(rc, rc.name || (inlineIn ? `inline@${inlineIn.name}` : '(static)'), ordinal, out);
  });
  return out;
}
