import { readFileSync } from 'node:fs';
import type { Json } from '../../src/core/envoy/json.ts';
import { loadProxyConfig } from '../../src/core/envoy/load.ts';
import { parseJsonDocument } from '../../src/core/envoy/parse-json.ts';
import type { ProxyConfig } from '../../src/core/envoy/types.ts';
import { fixture } from './paths.ts';

/**
 * The bookinfo productpage dump (fixtures/bookinfo/productpage/config_dump.json) with one field
 * changed at test time. A string value `raw:TEXT` is written into the JSON text as TEXT, for
 * values JSON.stringify cannot write (`raw:1e400`, which JSON.parse reads as Infinity).
 */
// biome-ignore lint/suspicious/noExplicitAny: tests walk the dump freely
export type Dump = any;

const text = readFileSync(fixture('bookinfo', 'productpage', 'config_dump.json'), 'utf8');

export function mutatedDumpText(mutate: (dump: Dump) => void): string {
  const dump = JSON.parse(text) as Dump;
  mutate(dump);
  return JSON.stringify(dump, null, 1).replace(/"raw:(?:[^"\\]|\\.)*"/g, (quoted) => (JSON.parse(quoted) as string).slice(4));
}

export function loadText(body: string, name = 'config_dump.json'): ProxyConfig {
  return loadProxyConfig([{ name, data: parseJsonDocument(name, body) }], name);
}

const section = (d: Dump, key: string): Dump[] => d.configs.find((c: Dump) => Array.isArray(c[key]))[key];

/** Route config `9080`. */
export const routes9080 = (d: Dump): Dump => section(d, 'dynamic_route_configs').find((r: Dump) => r.route_config.name === '9080').route_config;
export const vhost = (d: Dump, name: string): Dump => routes9080(d).virtual_hosts.find((v: Dump) => v.name === name);
export const REVIEWS = 'reviews.bookinfo.svc.cluster.local:9080';
export const DETAILS = 'details.bookinfo.svc.cluster.local:9080';
/** The reviews route that splits 90/10 between v1 and v3. */
export const reviewsSplit = (d: Dump): Dump => vhost(d, REVIEWS).routes.find((r: Dump) => r.route?.weighted_clusters).route;
export const listener = (d: Dump, name: string): Dump => section(d, 'dynamic_listeners').find((l: Dump) => l.name === name).active_state.listener;
export const cluster = (d: Dump, name: string): Dump => section(d, 'dynamic_active_clusters').find((c: Dump) => c.cluster.name === name).cluster;
export const endpoints = (d: Dump, name: string): Dump =>
  section(d, 'dynamic_endpoint_configs').find((e: Dump) => e.endpoint_config.cluster_name === name).endpoint_config;
export const REVIEWS_V1 = 'outbound|9080|v1|reviews.bookinfo.svc.cluster.local';
export type { Json };
