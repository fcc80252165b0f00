import type { RouteConfig, VirtualHost } from '../envoy/route-types.ts';
import type { ProxyConfig } from '../envoy/types.ts';
import type { Finding, FindingType } from './finding.ts';

/** The parts of a proxy's model an analyzer reads (which inputs must be present for it to say anything). */
export type AnalyzerInput = 'listeners' | 'routes' | 'clusters' | 'endpoints' | 'hostStatus';

/** How routes use a cluster. */
export interface ClusterUse {
  /** Routes only mirror to it (`request_mirror_policies`): its failures lose the copies, not requests. */
  mirrorOnly: boolean;
}

/**
 * One analyzer, as Istio's `pkg/config/analysis/analyzers` has them: a name, the inputs it reads,
 * the finding types it can report (code, severity, fix hint), and pure functions over one part
 * of the model: a virtual host (with its route configuration), a cluster that routes use, or the
 * whole proxy.
 * The runner (index.ts) walks the model, so findings come grouped by where they are.
 */
export interface Analyzer {
  /** `route.shadowed`, `cluster.missing`, …: stable. */
  name: string;
  description: string;
  reads: readonly AnalyzerInput[];
  reports: readonly FindingType[];
  /** Findings about one virtual host's routes, in route order. */
  virtualHost?(config: ProxyConfig, rc: RouteConfig, vh: VirtualHost): Finding[];
  /**
   * Findings about one cluster that `routes` (`route RC/VHOST/#N NAME`) send or mirror to;
   * `use.mirrorOnly` when they only mirror to it (no client waits for its answers).
   */
  cluster?(config: ProxyConfig, name: string, routes: readonly string[], use: ClusterUse): Finding[];
  /**
   * Findings about the proxy as a whole (e.g. clusters no route uses): run for every finding of a
   * proxy (`findingsFor`), not for one request's path.
   */
  proxy?(config: ProxyConfig): Finding[];
}
