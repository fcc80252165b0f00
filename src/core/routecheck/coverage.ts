import type { Route, RouteConfig } from '../envoy/route-types.ts';
import { routeMatchText } from './match-text.ts';
import type { ToolRoute } from './tool-route.ts';
import { coverageKey } from './tool-route.ts';

/**
 * What a passing check proves about the route it reached. A forwarding route has five fields to
 * cover (cluster, virtual cluster, virtual host, path rewrite, host rewrite); a redirect or direct
 * response has two (redirect path and code).
 */
export type CoverageField = 'cluster' | 'virtual_cluster' | 'virtual_host' | 'path_rewrite' | 'host_rewrite' | 'redirect_path' | 'redirect_code';

const FORWARD_FIELDS = 5;
const DIRECT_FIELDS = 2;

interface CoveredRoute {
  kind: 'forward' | 'direct';
  virtualHostIndex: number;
  routeIndex: number | undefined;
  fields: Set<CoverageField>;
}

/** Routes a config counts for coverage: each weighted cluster of a route counts as one. */
function routeWeight(route: Route): number {
  const action = route.action;
  return action.kind === 'route' && action.cluster.kind === 'weighted_clusters' ? action.cluster.clusters.length : 1;
}

/**
 * router_check_tool's route coverage. A route (or weighted cluster entry) is covered once any
 * check that reads it passes. `percent()` is covered / total routes; `comprehensivePercent()`
 * (`--covall`) weights each covered route by the share of its fields that were checked.
 * Like the tool, the result is a 32-bit float.
 */
export class RouteCoverage {
  private readonly covered = new Map<string, CoveredRoute>();

  constructor(private readonly config: RouteConfig) {}

  /** Records the fields a test's passing checks covered on the route it reached. */
  mark(route: ToolRoute, fields: readonly CoverageField[]): void {
    const key = coverageKey(route);
    if (key === undefined || route.kind === 'none' || fields.length === 0) return;
    let entry = this.covered.get(key);
    if (!entry) {
      entry = { kind: route.kind, virtualHostIndex: route.virtualHostIndex, routeIndex: route.route?.index, fields: new Set() };
      this.covered.set(key, entry);
    }
    for (const field of fields) entry.fields.add(field);
  }

  private totalRoutes(): number {
    let total = 0;
    for (const vh of this.config.virtualHosts.value) for (const route of vh.routes) total += routeWeight(route);
    return total;
  }

  percent(): number {
    return Math.fround((100 * this.covered.size) / this.totalRoutes());
  }

  comprehensivePercent(): number {
    let sum = 0;
    for (const entry of this.covered.values()) sum += entry.fields.size / (entry.kind === 'forward' ? FORWARD_FIELDS : DIRECT_FIELDS);
    return Math.fround((100 * sum) / this.totalRoutes());
  }

  /** Routes no passing check reached, in config order. */
  private uncovered(): { host: string; virtualHostIndex: number; route: Route }[] {
    const reached = new Set<string>();
    for (const entry of this.covered.values()) if (entry.routeIndex !== undefined) reached.add(`${entry.virtualHostIndex}/${entry.routeIndex}`);
    const out: { host: string; virtualHostIndex: number; route: Route }[] = [];
    this.config.virtualHosts.value.forEach((vh, v) => {
      for (const route of vh.routes) if (!reached.has(`${v}/${route.index}`)) out.push({ host: vh.name, virtualHostIndex: v, route });
    });
    return out;
  }

  /** `--covall` report lines: the route's match in text format (which ends with a newline). */
  missingTestLines(): string[] {
    return this.uncovered().map(({ host, route }) => {
      const match = route.raw.match;
      const text = typeof match === 'object' && match !== null && !Array.isArray(match) ? routeMatchText(match) : '';
      return `Missing test for host: ${host}, route: ${text}`;
    });
  }

  /**
   * `--detailed-coverage` report lines. The tool renames every route `<name>-<uuid>` when it
   * loads the config, so `routeId(virtualHostIndex, routeIndex)` supplies that generated name.
   */
  missingRouteNameLines(routeId: (virtualHostIndex: number, routeIndex: number) => string): string[] {
    return this.uncovered().map(({ host, virtualHostIndex, route }) => `Missing test for host: ${host}, route name: ${routeId(virtualHostIndex, route.index)}`);
  }
}

/**
 * Formats a number as C++ `std::cout << double` does (printf `%g`, 6 significant digits):
 * `100`, `66.6667`, `0.5`, `1e-05`.
 */
export function formatCppDouble(value: number): string {
  if (!Number.isFinite(value)) return Number.isNaN(value) ? 'nan' : value > 0 ? 'inf' : '-inf';
  if (value === 0) return Object.is(value, -0) ? '-0' : '0';
  const exponent = Math.floor(Math.log10(Math.abs(Number(value.toPrecision(6)))));
  if (exponent < -4 || exponent >= 6) {
    const [mantissa, exp] = value.toExponential(5).split('e');
    const trimmed = mantissa!.replace(/\.?0+$/, '');
    const e = Number(exp);
    return `${trimmed}e${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
  }
  const text = value.toFixed(Math.max(0, 5 - exponent));
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}
