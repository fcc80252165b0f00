import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parse as parseYaml } from 'yaml';
import { runCli } from './helpers/cli.ts';

/**
 * Free-form payloads keep their keys in every output. In protobuf's JSON mapping a
 * google.protobuf.Struct is a plain object whose keys are data, not field names (Metadata's
 * `filter_metadata`, a subset LB's `default_subset`, an access log's `json_format`, a TypedStruct's
 * `value`), and an Any whose message has no known descriptor cannot be re-spelled at all. So
 * `snake_key` and `camelKey` come out as written, whether the input is Envoy's snake_case or
 * istioctl's camelCase.
 */
const nested = { camelKey: 1, snake_key: { inner_key: 2, innerCamel: 3 } };
const rds = { config_source: { ads: {} }, route_config_name: '9080' };
const cluster = {
  '@type': 'type.googleapis.com/envoy.config.cluster.v3.Cluster',
  name: 'outbound|9080|v1|reviews.default.svc.cluster.local',
  type: 'EDS',
  eds_cluster_config: { eds_config: { ads: {} }, service_name: 'outbound|9080|v1|reviews.default.svc.cluster.local' },
  connect_timeout: '10s',
  lb_subset_config: { fallback_policy: 'DEFAULT_SUBSET', default_subset: { app_version: 'v1', canaryTrack: 'blue' } },
  metadata: { filter_metadata: { acme: nested } },
  typed_extension_protocol_options: { 'acme.options': { '@type': 'type.googleapis.com/acme.v1.Options', ...nested } },
};
const accessLog = {
  name: 'envoy.access_loggers.file',
  typed_config: {
    '@type': 'type.googleapis.com/envoy.extensions.access_loggers.file.v3.FileAccessLog',
    path: '/dev/stdout',
    log_format: { json_format: { start_time: '%START_TIME%', upstreamCluster: '%UPSTREAM_CLUSTER%' } },
  },
};
const hcm = {
  '@type': 'type.googleapis.com/envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager',
  stat_prefix: 'outbound_0.0.0.0_9080',
  rds,
  access_log: [accessLog],
  http_filters: [
    { name: 'acme.filter', typed_config: { '@type': 'type.googleapis.com/acme.v1.Filter', ...nested } },
    { name: 'envoy.filters.http.router', typed_config: { '@type': 'type.googleapis.com/envoy.extensions.filters.http.router.v3.Router' } },
  ],
};
const listener = {
  '@type': 'type.googleapis.com/envoy.config.listener.v3.Listener',
  name: '0.0.0.0_9080',
  address: { socket_address: { address: '0.0.0.0', port_value: 9080 } },
  listener_filters: [
    {
      name: 'acme.struct',
      typed_config: { '@type': 'type.googleapis.com/udpa.type.v1.TypedStruct', type_url: 'type.googleapis.com/acme.v1.L', value: nested },
    },
  ],
  filter_chains: [{ filters: [{ name: 'envoy.filters.network.http_connection_manager', typed_config: hcm }] }],
};
const route = {
  name: 'default',
  match: { prefix: '/' },
  route: { cluster: cluster.name },
  metadata: { filter_metadata: { acme: nested } },
  typed_per_filter_config: { 'acme.filter': { '@type': 'type.googleapis.com/acme.v1.PerRoute', ...nested } },
};
const routeConfig = {
  '@type': 'type.googleapis.com/envoy.config.route.v3.RouteConfiguration',
  name: '9080',
  virtual_hosts: [{ name: 'reviews:9080', domains: ['reviews', 'reviews:9080'], routes: [route] }],
};
const dump = {
  configs: [
    { '@type': 'type.googleapis.com/envoy.admin.v3.ClustersConfigDump', dynamic_active_clusters: [{ version_info: '1', cluster }] },
    {
      '@type': 'type.googleapis.com/envoy.admin.v3.ListenersConfigDump',
      dynamic_listeners: [{ name: listener.name, active_state: { version_info: '1', listener } }],
    },
    { '@type': 'type.googleapis.com/envoy.admin.v3.RoutesConfigDump', dynamic_route_configs: [{ version_info: '1', route_config: routeConfig }] },
  ],
};

const NESTED_KEYS = ['camelKey', 'snake_key', 'inner_key', 'innerCamel'];
const FREE_KEYS: Record<string, string[]> = {
  clusters: [...NESTED_KEYS, 'app_version', 'canaryTrack'],
  listeners: [...NESTED_KEYS, 'start_time', 'upstreamCluster'],
  routes: NESTED_KEYS,
};
const toCamel = (k: string): string => k.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
const toSnake = (k: string): string => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

function keysOf(value: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const item of value) keysOf(item, into);
  else if (typeof value === 'object' && value !== null) {
    for (const [k, v] of Object.entries(value)) {
      into.add(k);
      keysOf(v, into);
    }
  }
  return into;
}

function assertKeysKept(output: string, format: 'json' | 'yaml', free: string[], what: string): void {
  const keys = keysOf(format === 'json' ? JSON.parse(output) : parseYaml(output));
  for (const k of free) {
    assert.ok(keys.has(k), `${what}: keeps ${k}`);
    const respelled = k.includes('_') ? toCamel(k) : toSnake(k);
    assert.ok(!keys.has(respelled), `${what}: ${k} re-spelled as ${respelled}`);
  }
}

describe('free-form payloads keep their keys in every output', () => {
  let dir = '';
  const file = (name: string): string => path.join(dir, name);
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'meshscope-free-keys-'));
    writeFileSync(file('dump.json'), JSON.stringify(dump));
    const snapshot = { format: 'meshscope-snapshot', version: 1, proxies: { 'reviews-v1.default': { configDump: dump } } };
    writeFileSync(file('snapshot.json'), JSON.stringify(snapshot));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  for (const command of ['clusters', 'listeners', 'routes'] as const) {
    for (const format of ['json', 'yaml'] as const) {
      it(`${command} -o ${format} keeps Struct and unknown-Any keys from a snake_case dump and from its own camelCase output`, async () => {
        const first = await runCli([command, '--file', file('dump.json'), '-o', format]);
        assert.equal(first.code, 0, first.stderr);
        assertKeysKept(first.stdout, format, FREE_KEYS[command]!, `${command} -o ${format}`);
        // istioctl-style camelCase input: meshscope's own -o json output, read back.
        const camelInput = file(`${command}.camel.json`);
        writeFileSync(camelInput, (await runCli([command, '--file', file('dump.json'), '-o', 'json'])).stdout);
        const again = await runCli([command, '--file', camelInput, '-o', format]);
        assert.equal(again.code, 0, again.stderr);
        assertKeysKept(again.stdout, format, FREE_KEYS[command]!, `${command} -o ${format} of camelCase input`);
      });
    }
  }

  it('proxy-config all -o json and the tables of a snapshot keep them too', async () => {
    const all = await runCli(['proxy-config', 'all', '--file', file('dump.json'), '-o', 'json']);
    assert.equal(all.code, 0, all.stderr);
    assertKeysKept(all.stdout, 'json', [...new Set(Object.values(FREE_KEYS).flat())], 'proxy-config all -o json');
    const fromSnapshot = await runCli(['clusters', '--snapshot', file('snapshot.json'), '--from', 'reviews-v1.default', '-o', 'json']);
    assert.equal(fromSnapshot.code, 0, fromSnapshot.stderr);
    assertKeysKept(fromSnapshot.stdout, 'json', FREE_KEYS.clusters!, 'clusters --snapshot -o json');
  });
});

describe('map fields keyed by data', () => {
  it("keeps a matcher map's keys and converts the messages under them, both ways", async () => {
    const { toCamelCase, toSnakeCase } = await import('../src/core/envoy/protojson.ts');
    const snake = {
      filter_chain_matcher: {
        matcher_tree: {
          input: { name: 'port', typed_config: { '@type': 'type.googleapis.com/envoy.extensions.matching.common_inputs.network.v3.DestinationPortInput' } },
          exact_match_map: {
            map: { myHost: { action: { name: 'a', typed_config: { '@type': 'type.googleapis.com/google.protobuf.StringValue', value: 'a' } } } },
          },
        },
      },
      typed_per_filter_config: {
        'envoy.filters.http.fault': { '@type': 'type.googleapis.com/envoy.extensions.filters.http.fault.v3.HTTPFault', max_active_faults: 1 },
      },
    };
    const camel = toCamelCase(snake) as Record<string, unknown>;
    assert.deepEqual(Object.keys(camel), ['filterChainMatcher', 'typedPerFilterConfig']);
    const map = (camel as unknown as { filterChainMatcher: { matcherTree: { exactMatchMap: { map: Record<string, { action: Record<string, unknown> }> } } } })
      .filterChainMatcher.matcherTree.exactMatchMap.map;
    assert.deepEqual(Object.keys(map), ['myHost']);
    assert.deepEqual(Object.keys(map.myHost!.action), ['name', 'typedConfig']);
    assert.deepEqual(toSnakeCase(camel as never), snake);
  });
});
