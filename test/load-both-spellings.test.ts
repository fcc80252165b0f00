import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import type { Json } from '../src/core/envoy/json.ts';
import { loadProxyConfig } from '../src/core/envoy/load.ts';
import { parseJsonDocument } from '../src/core/envoy/parse-json.ts';
import { toCamelCase } from '../src/core/envoy/protojson.ts';
import { detectSpelling } from '../src/core/envoy/spelling.ts';
import { conformance, needsConformance } from './helpers/paths.ts';

const corpus = conformance('istioctl-configdump', 'istioctl', 'pkg');
const DUMPS = [
  'proxyconfig/testdata/config_dump.json',
  'describe/testdata/describe/http_config.json',
  'describe/testdata/describe/tls_config.json',
  'writer/envoy/configdump/testdata/endpoint/configdump.json',
  'writer/envoy/configdump/testdata/secret/istio/config_dump.json',
  'writer/envoy/configdump/testdata/secret/spire/config_dump.json',
  'writer/envoy/configdump/testdata/ecds/configdump.json',
  'writer/envoy/configdump/testdata/routes/k8s-gateway-http-route-path-prefix/configdump.json',
];

/** The model without `raw` (raw keeps each document's own spelling) and with Maps as objects. */
function comparable(value: unknown): unknown {
  if (value instanceof Map) return Object.fromEntries([...value].map(([k, v]) => [k, comparable(v)]));
  if (Array.isArray(value)) return value.map(comparable);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([k]) => k !== 'raw')
        .map(([k, v]) => [k, comparable(v)]),
    );
  }
  return value;
}

function read(file: string): Json {
  return parseJsonDocument(file, readFileSync(path.join(corpus, file), 'utf8'));
}

describe('snake_case and lowerCamelCase documents', () => {
  for (const file of DUMPS) {
    it(`loads ${file} the same in both spellings`, { skip: needsConformance }, () => {
      const snake = read(file);
      const camel = toCamelCase(read(file));
      assert.equal(detectSpelling(snake), 'snake');
      assert.equal(detectSpelling(camel), 'camel');
      const a = loadProxyConfig([{ name: 'dump.json', data: snake }], 'dump.json');
      const b = loadProxyConfig([{ name: 'dump.json', data: camel }], 'dump.json');
      assert.deepEqual(comparable(b), comparable(a));
    });
  }

  it('does not copy a snake_case document', { skip: needsConformance }, () => {
    const data = read(DUMPS[0]!);
    const config = loadProxyConfig([{ name: 'dump.json', data }], 'dump.json');
    const sections = (data as { configs: { dynamic_active_clusters?: { cluster: unknown }[] }[] }).configs;
    const raw = sections.find((c) => c.dynamic_active_clusters)!.dynamic_active_clusters![0]!.cluster;
    assert.equal(config.clusters[0]!.raw, raw, 'the model references the input object');
  });

  it('reads a document mixing both spellings (istioctl test data) as camelCase', { skip: needsConformance }, () => {
    const mixed = read('writer/envoy/configdump/testdata/configdump.json');
    assert.equal(detectSpelling(mixed), 'camel');
  });

  it('is not fooled by camelCase keys inside Struct metadata of a snake_case dump', () => {
    const dump = {
      configs: [
        {
          '@type': 'type.googleapis.com/envoy.admin.v3.ClustersConfigDump',
          dynamic_active_clusters: [
            {
              cluster: {
                name: 'outbound|9080|v1|reviews.default.svc.cluster.local',
                transport_socket_matches: [{ name: 'tlsMode-istio', match: { tlsMode: 'istio', someOtherKey: 'x', thirdKey: 'y' } }],
                metadata: { filter_metadata: { istio: { canonicalName: 'a', camelKeyOne: 1, camelKeyTwo: 2, camelKeyThree: 3 } } },
              },
            },
          ],
        },
      ],
    };
    assert.equal(detectSpelling(dump as unknown as Json), 'snake');
  });

  it('reads outlier detection in both spellings, including consecutive_5xx', () => {
    const cluster = {
      name: 'outbound|80||a.b.svc.cluster.local',
      type: 'EDS',
      outlier_detection: { consecutive_5xx: 7, enforcing_consecutive_5xx: 100, interval: '10s', base_ejection_time: '30s', max_ejection_percent: 50 },
    };
    const snake = loadProxyConfig([{ name: 'c.json', data: [cluster] }], 'c.json');
    const camel = loadProxyConfig([{ name: 'c.json', data: toCamelCase([cluster]) }], 'c.json');
    const expected = { consecutive5xx: 7, enforcingConsecutive5xx: 100, intervalMs: 10000, baseEjectionTimeMs: 30000, maxEjectionPercent: 50 };
    assert.deepEqual(snake.clusters[0]!.outlierDetection, expected);
    assert.deepEqual(camel.clusters[0]!.outlierDetection, expected);
  });
});
