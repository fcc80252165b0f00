import type { ProxyConfig } from '../../envoy/types.ts';
import { renderBootstrapSummary } from './bootstrap.ts';
import { type ClusterFilter, renderClusters } from './clusters.ts';
import { type EndpointFilter, renderEds } from './eds.ts';
import { type ListenerFilter, renderListeners } from './listeners.ts';
import { type RouteFilter, renderRoutes } from './routes.ts';
import { renderSecrets } from './secrets.ts';

/**
 * `istioctl proxy-config all` (summary): bootstrap, clusters, listeners, routes, secrets and EDS
 * endpoints, each table with a NAME column of `type/name`, separated by a blank line; with
 * `--with-headers` each section is introduced by `------ <SECTION> INFO ------` and a blank line.
 */
export interface AllOptions {
  clusters?: ClusterFilter;
  listeners?: ListenerFilter;
  routes?: RouteFilter;
  endpoints?: EndpointFilter;
  withHeaders?: boolean;
  nowMs: number;
}

/** Throws nothing: a missing section is the caller's to report (`missingForAll`). */
export function renderAll(config: ProxyConfig, options: AllOptions): string {
  const sections: [string, () => string][] = [
    ['BOOTSTRAP', () => (config.node ? renderBootstrapSummary(config.node) : '')],
    ['CLUSTER', () => renderClusters(config.clusters, options.clusters, true)],
    ['LISTENER', () => renderListeners(config.listeners, options.listeners, true)],
    ['ROUTE', () => renderRoutes(config.routeConfigs, options.routes, true)],
    ['SECRET', () => renderSecrets(config.secrets, options.nowMs, true)],
    ['ENDPOINTS', () => renderEds(config.endpoints, options.endpoints, true)],
  ];
  return sections.map(([title, render]) => `${options.withHeaders ? `------ ${title} INFO ------\n\n` : ''}${render()}`).join('\n');
}

/** What istioctl would stop at (`no clusters found`, ...): the first section `all` cannot print. */
export function missingForAll(config: ProxyConfig): string | undefined {
  if (!config.node) return 'no bootstrap (BootstrapConfigDump) found';
  if (config.clusters.filter((c) => c.meta.state !== 'draining').length === 0) return 'no clusters found';
  if (!config.listeners.some((l) => l.meta.state === 'active' || l.meta.state === 'static')) return 'no listeners found';
  if (config.routeConfigs.length === 0) return 'no routes found';
  if (!config.sections.secrets) return 'no secrets (SecretsConfigDump) found';
  return undefined;
}
