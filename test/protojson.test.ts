import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { camelToSnake, snakeToCamel, toCamelCase, toSnakeCase } from '../src/core/envoy/protojson.ts';
import { durationMs, formatDuration } from '../src/core/envoy/json.ts';

describe('protojson spellings', () => {
  it('converts lowerCamelCase field names and leaves map keys alone', () => {
    assert.equal(camelToSnake('lbEndpoints'), 'lb_endpoints');
    assert.equal(camelToSnake('http2ProtocolOptions'), 'http2_protocol_options');
    assert.equal(camelToSnake('envoy.filters.http.fault'), 'envoy.filters.http.fault');
    assert.equal(camelToSnake('ISTIO_VERSION'), 'ISTIO_VERSION');
    assert.equal(snakeToCamel('lb_endpoints'), 'lbEndpoints');
  });

  it('keeps Struct keys (labels, istio metadata) as they are', () => {
    const camel = {
      clusterName: 'x',
      metadata: { filterMetadata: { istio: { canonicalName: 'reviews' } } },
      typedConfig: { '@type': 'type.googleapis.com/google.protobuf.Struct', value: { someKey: 1 } },
      node: { metadata: { LABELS: { 'service.istio.io/canonicalName': 'a' }, clusterId: 'k' } },
    };
    const snake = toSnakeCase(camel);
    assert.deepEqual(snake, {
      cluster_name: 'x',
      metadata: { filter_metadata: { istio: { canonicalName: 'reviews' } } },
      typed_config: { '@type': 'type.googleapis.com/google.protobuf.Struct', value: { someKey: 1 } },
      node: { metadata: { LABELS: { 'service.istio.io/canonicalName': 'a' }, clusterId: 'k' } },
    });
    assert.deepEqual(toCamelCase(snake), camel);
  });

  it('reads and writes durations as protojson does', () => {
    assert.equal(durationMs('15s'), 15000);
    assert.equal(durationMs('0.250s'), 250);
    assert.equal(durationMs({ seconds: 1, nanos: 500000000 }), 1500);
    assert.equal(formatDuration(15000), '15s');
    assert.equal(formatDuration(250), '0.250s');
    assert.equal(formatDuration(1000.5), '1.000500s');
  });
});
