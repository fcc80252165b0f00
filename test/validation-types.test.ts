import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { runCli } from './helpers/cli.ts';
import { cluster, type Dump, listener, loadText, mutatedDumpText, REVIEWS_V1 } from './helpers/mutated-dump.ts';

/**
 * Every `@type` meshscope relies on that names something else is an `unknown-type` warning, never
 * silently dropped or silently read: config dump sections, the resources of each section (xDS
 * refuses a resource of another type: GrpcMuxImpl "does not match the message-wide type URL"),
 * and the filters meshscope reads by name (Envoy finds a filter's factory by its typed_config type
 * URL, Config::Utility::getAndCheckFactory).
 */
const UNKNOWN = 'type.googleapis.com/example.v1.Unknown';
const section = (d: Dump, key: string): Dump[] => d.configs.find((c: Dump) => Array.isArray(c[key]))[key];

const ROWS: [string, (d: Dump) => void, string][] = [
  ['a config dump section', (d) => d.configs.push({ '@type': 'type.googleapis.com/envoy.admin.v3.FancyConfigDump' }), 'configs[7]'],
  ['a cluster', (d) => (cluster(d, REVIEWS_V1)['@type'] = UNKNOWN), `clusters[${REVIEWS_V1}]`],
  ['a listener', (d) => (listener(d, '0.0.0.0_9080')['@type'] = UNKNOWN), 'listeners[0.0.0.0_9080]'],
  ['a route config', (d) => (section(d, 'dynamic_route_configs')[0].route_config['@type'] = UNKNOWN), 'routes[9080]'],
  [
    'an endpoint config',
    (d) => (section(d, 'dynamic_endpoint_configs').find((e: Dump) => e.endpoint_config.cluster_name === REVIEWS_V1).endpoint_config['@type'] = UNKNOWN),
    `endpoints[${REVIEWS_V1}]`,
  ],
  ['a secret', (d) => (section(d, 'dynamic_active_secrets')[0].secret['@type'] = UNKNOWN), 'secrets[default]'],
  [
    'the HTTP connection manager filter',
    (d) => (listener(d, '0.0.0.0_9080').filter_chains[0].filters[0].typed_config['@type'] = UNKNOWN),
    'listeners[0.0.0.0_9080].filter_chains[0]',
  ],
];

describe('unknown @types: each is an unknown-type warning at its place', () => {
  const clean = loadText(mutatedDumpText(() => {}));
  it('the unchanged dump has none', () => {
    assert.deepEqual(
      clean.issues.value.filter((i) => i.code === 'unknown-type'),
      [],
    );
  });
  for (const [what, mutate, where] of ROWS) {
    it(what, () => {
      const issues = loadText(mutatedDumpText(mutate)).issues.value.filter((i) => i.code === 'unknown-type');
      assert.equal(issues.length, 1, JSON.stringify(issues));
      assert.equal(issues[0]!.severity, 'warning');
      assert.ok(issues[0]!.where === where || issues[0]!.where?.endsWith(where), `${issues[0]!.where} is not ${where}`);
    });
  }
});

describe('route-check configs: duplicate keys are refused (the yaml parser runs with uniqueKeys)', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'meshscope-dupkeys-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const tests = path.join(dir, 'tests.json');
  writeFileSync(tests, '{"tests": []}');
  for (const [name, text] of [
    ['routes.yaml', 'virtual_hosts:\n- name: a\n  name: b\n  domains: ["*"]\n'],
    ['routes.json', '{"virtual_hosts": [{"name": "a", "name": "b", "domains": ["*"]}]}'],
  ] as const) {
    it(name, async () => {
      const file = path.join(dir, name);
      writeFileSync(file, text);
      const r = await runCli(['route-check', '--config', file, '--tests', tests]);
      assert.equal(r.code, 2);
      assert.match(r.stderr, /Map keys must be unique at line/);
      assert.equal(r.stderr.trim().split('\n').length, 1);
    });
  }
});
