import { readFile } from 'node:fs/promises';
import type { Json } from '../../src/core/envoy/json.ts';
import { loadProxyConfig } from '../../src/core/envoy/load.ts';
import type { ProxyConfig } from '../../src/core/envoy/types.ts';
import { fixture } from './paths.ts';

export const PRODUCTPAGE = 'productpage-v1-7d6cfb7dfd-4xk2p.bookinfo';

/** A route of the bookinfo dump, for tests that change one (`jason-to-v2`, `reviews-canary`, …). */
export type RouteEdit = (route: Record<string, Json> & { route: Record<string, Json> }) => void;

/**
 * The bookinfo productpage sidecar config (with its /clusters data), optionally with routes of
 * route config `9080` edited first: `{ 'jason-to-v2': (r) => { r.route.cluster = '…' } }`.
 */
export async function productpageConfig(edits: Record<string, RouteEdit> = {}): Promise<ProxyConfig> {
  const dumpPath = fixture('bookinfo', 'productpage', 'config_dump.json');
  const endpointsPath = fixture('bookinfo', 'productpage', 'endpoints.json');
  const dump = JSON.parse(await readFile(dumpPath, 'utf8')) as { configs: Record<string, Json>[] };
  for (const section of dump.configs) {
    for (const entry of (section.dynamic_route_configs ?? []) as { route_config: { virtual_hosts?: { routes: Record<string, Json>[] }[] } }[]) {
      for (const vhost of entry.route_config.virtual_hosts ?? []) {
        for (const route of vhost.routes) {
          const edit = edits[route.name as string];
          if (edit) edit(route as Parameters<RouteEdit>[0]);
        }
      }
    }
  }
  const endpoints = JSON.parse(await readFile(endpointsPath, 'utf8')) as Json;
  return loadProxyConfig(
    [
      { name: dumpPath, data: dump as unknown as Json },
      { name: endpointsPath, data: endpoints },
    ],
    dumpPath,
  );
}
