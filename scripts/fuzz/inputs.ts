import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { InputKind } from './mutate.ts';

/**
 * The bundled inputs the fuzzer mutates: the bookinfo dumps and endpoints, the bookinfo snapshot,
 * the warnings dump, route-check configs and tests from ../shared/conformance/envoy-router-check
 * (Envoy's own router_check_tool test data, read in place, skipped when absent) and access-log
 * lines (Istio's default TEXT format and a JSON one).
 */
export interface SeedInput {
  name: string;
  kind: InputKind;
  /** File extension of the mutated copy (the loaders look at it: .gz, .yaml). */
  ext: string;
  bytes: Buffer;
  /** Which command family runs it. */
  family: 'dump' | 'endpoints' | 'snapshot' | 'route-config' | 'route-tests' | 'log';
}

export const PRODUCTPAGE = 'productpage-v1-7d6cfb7dfd-4xk2p.bookinfo';

/** The productpage access-log line of test/access-log-explain.test.ts: a 503 UH to reviews v1. */
export const LOG_LINE =
  '[2025-01-15T09:13:58.120Z] "GET /reviews/0 HTTP/1.1" 503 UH no_healthy_upstream - "-" 0 19 0 - "-" "curl/8.5.0" "id-1" "reviews:9080" "-" outbound|9080|v1|reviews.bookinfo.svc.cluster.local - 10.96.61.148:9080 10.244.1.12:52144 - reviews-canary';

/** The same request in Istio's JSON access-log encoding (the default format's keys). */
export const LOG_JSON = JSON.stringify({
  start_time: '2025-01-15T09:13:58.120Z',
  method: 'GET',
  path: '/reviews/0',
  protocol: 'HTTP/1.1',
  response_code: 503,
  response_flags: 'UH',
  response_code_details: 'no_healthy_upstream',
  bytes_received: 0,
  bytes_sent: 19,
  duration: 0,
  authority: 'reviews:9080',
  upstream_host: null,
  upstream_cluster: 'outbound|9080|v1|reviews.bookinfo.svc.cluster.local',
  downstream_local_address: '10.96.61.148:9080',
  downstream_remote_address: '10.244.1.12:52144',
  route_name: 'reviews-canary',
});

/** The original files commands pair a mutated input with. */
export interface Originals {
  dump: string;
  endpoints: string;
  snapshot: string;
}

export function originals(root: string): Originals {
  return {
    dump: path.join(root, 'fixtures', 'bookinfo', 'productpage', 'config_dump.json'),
    endpoints: path.join(root, 'fixtures', 'bookinfo', 'productpage', 'endpoints.json'),
    snapshot: path.join(root, 'fixtures', 'snapshots', 'bookinfo.json.gz'),
  };
}

export function seedInputs(root: string): SeedInput[] {
  const file = (...p: string[]) => readFileSync(path.join(root, ...p));
  const inputs: SeedInput[] = [
    { name: 'dump-productpage', kind: 'json', ext: '.json', bytes: file('fixtures', 'bookinfo', 'productpage', 'config_dump.json'), family: 'dump' },
    { name: 'dump-ingressgateway', kind: 'json', ext: '.json', bytes: file('fixtures', 'bookinfo', 'ingressgateway', 'config_dump.json'), family: 'dump' },
    { name: 'dump-waypoint', kind: 'json', ext: '.json', bytes: file('fixtures', 'bookinfo', 'waypoint', 'config_dump.json'), family: 'dump' },
    { name: 'dump-warnings', kind: 'json', ext: '.json', bytes: file('fixtures', 'warnings', 'config_dump.json'), family: 'dump' },
    { name: 'endpoints-productpage', kind: 'json', ext: '.json', bytes: file('fixtures', 'bookinfo', 'productpage', 'endpoints.json'), family: 'endpoints' },
    { name: 'snapshot-bookinfo', kind: 'gzip-json', ext: '.json.gz', bytes: file('fixtures', 'snapshots', 'bookinfo.json.gz'), family: 'snapshot' },
    { name: 'log-text', kind: 'line', ext: '', bytes: Buffer.from(LOG_LINE), family: 'log' },
    { name: 'log-json', kind: 'line', ext: '', bytes: Buffer.from(LOG_JSON), family: 'log' },
  ];
  const rc = path.resolve(root, '..', 'shared', 'conformance', 'envoy-router-check');
  for (const name of ['ComprehensiveRoutes', 'Weighted', 'Redirect', 'HeaderMatchedRouting']) {
    if (!existsSync(path.join(rc, `${name}.yaml`))) continue;
    inputs.push({ name: `route-config-${name}`, kind: 'yaml', ext: '.yaml', bytes: readFileSync(path.join(rc, `${name}.yaml`)), family: 'route-config' });
    inputs.push({
      name: `route-tests-${name}`,
      kind: 'json',
      ext: '.json',
      bytes: readFileSync(path.join(rc, `${name}.golden.proto.json`)),
      family: 'route-tests',
    });
  }
  return inputs;
}

/** The config a route-check tests input belongs with (same base name), or a config's tests. */
export function routeCheckPartner(root: string, input: SeedInput): string {
  const rc = path.resolve(root, '..', 'shared', 'conformance', 'envoy-router-check');
  const base = input.name.replace(/^route-(config|tests)-/, '');
  return input.family === 'route-config' ? path.join(rc, `${base}.golden.proto.json`) : path.join(rc, `${base}.yaml`);
}
