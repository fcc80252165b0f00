import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { routeRows } from '../src/core/browse/route-rows.ts';
import type { Json, JsonObject } from '../src/core/envoy/json.ts';
import { loadProxyConfig } from '../src/core/envoy/load.ts';
import { toSnakeCase } from '../src/core/envoy/protojson.ts';
import { rawTable } from '../src/ui/tables/raw-table.ts';
import { conformance } from './helpers/paths.ts';

/** The raw view (`y`) shows a resource as the dump holds it: checked against real Istio dumps. */
const DUMP = conformance('istio-real', 'u05-scout-1.9.1-productpage.json');

const section = (dump: JsonObject, type: string) => (dump.configs as JsonObject[]).find((c) => String(c['@type']).endsWith(type))!;
const parse = (lines: string[]) => JSON.parse(lines.join('\n')) as Json;
/** istioctl prints the message, not its Any wrapper: the resource's own `@type` is not shown. */
const message = (o: JsonObject) => toSnakeCase(Object.fromEntries(Object.entries(o).filter(([k]) => k !== '@type')));

describe('raw view of a resource (y): the dump object, istioctl -o json/yaml printers, redacted', () => {
  it('shows every cluster, listener and route of a real Istio 1.9 dump as the dump holds it', (t) => {
    if (!existsSync(DUMP)) return t.skip('raw view: ../shared/conformance absent');
    const dump = JSON.parse(readFileSync(DUMP, 'utf8')) as JsonObject;
    const config = loadProxyConfig([{ name: 'd.json', data: dump }], 'd.json');
    const clusters = (section(dump, '.ClustersConfigDump').dynamic_active_clusters as JsonObject[]).map((c) => c.cluster as JsonObject);
    assert.ok(clusters.length > 10);
    for (const original of clusters) {
      const cluster = config.index.clusterByName.get(String(original.name))!;
      const lines = rawTable(cluster.raw, 'json', 'c').rows.map((r) => r.cells[0]!);
      assert.deepEqual(toSnakeCase(parse(lines)), message(original), String(original.name));
    }
    const listeners = (section(dump, '.ListenersConfigDump').dynamic_listeners as JsonObject[]).map(
      (l) => (l.active_state as JsonObject).listener as JsonObject,
    );
    for (const original of listeners) {
      const listener = config.listeners.find((l) => l.name === original.name)!;
      assert.deepEqual(toSnakeCase(parse(rawTable(listener.raw, 'json', 'l').rows.map((r) => r.cells[0]!))), message(original), String(original.name));
    }
    const canonical = (v: Json): string =>
      Array.isArray(v)
        ? `[${v.map(canonical).join(',')}]`
        : v !== null && typeof v === 'object'
          ? `{${Object.keys(v)
              .sort()
              .map((k) => `${JSON.stringify(k)}:${canonical(v[k]!)}`)
              .join(',')}}`
          : JSON.stringify(v);
    const shown = new Set(routeRows(config).map((r) => canonical(toSnakeCase(parse(rawTable(r.raw!, 'json', 'r').rows.map((x) => x.cells[0]!))))));
    let routes = 0;
    for (const rc of section(dump, '.RoutesConfigDump').dynamic_route_configs as JsonObject[])
      for (const vh of ((rc.route_config as JsonObject).virtual_hosts ?? []) as JsonObject[])
        for (const route of (vh.routes ?? []) as JsonObject[]) {
          routes++;
          assert.ok(shown.has(canonical(toSnakeCase(route))), JSON.stringify(route).slice(0, 200));
        }
    assert.ok(routes > 10, `${routes} routes`);
    const yaml = rawTable(clusters[0]!, 'yaml', 'c');
    assert.equal(yaml.columns[0]!.title, 'YAML');
    assert.ok(yaml.rows.some((r) => r.cells[0] === `name: ${clusters[0]!.name}`));
  });

  it('redacts key material and says so; control characters never reach the terminal', () => {
    const raw: JsonObject = {
      name: 'evil\u001b[2Jcluster',
      transport_socket: {
        typed_config: {
          common_tls_context: { tls_certificates: [{ private_key: { inline_string: '-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----' } }] },
        },
      },
    };
    const model = rawTable(raw, 'yaml', 'evil');
    const text = model.rows.map((r) => r.cells[0]).join('\n');
    assert.doesNotMatch(text, /BEGIN PRIVATE KEY/);
    assert.doesNotMatch(text, /\u001b/);
    assert.match(model.note ?? '', /redacted/);
  });
});
