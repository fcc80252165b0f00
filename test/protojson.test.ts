import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { durationMs, formatDuration, type Json } from '../src/core/envoy/json.ts';
import { camelToSnake, snakeToCamel, toCamelCase, toSnakeCase } from '../src/core/envoy/protojson.ts';

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

  it('restores the underscore protojson drops before a digit', () => {
    const lossy: [string, string][] = [
      ['consecutive5xx', 'consecutive_5xx'],
      ['enforcingConsecutive5xx', 'enforcing_consecutive_5xx'],
      ['acceptHttp10', 'accept_http_10'],
      ['defaultHostForHttp10', 'default_host_for_http_10'],
    ];
    for (const [camel, snake] of lossy) {
      assert.equal(camelToSnake(camel), snake);
      assert.equal(snakeToCamel(snake), camel);
    }
    const outlier = { outlierDetection: { consecutive5xx: 5, enforcingConsecutive5xx: 100, consecutiveGatewayFailure: 3 } };
    assert.deepEqual(toSnakeCase(outlier), { outlier_detection: { consecutive_5xx: 5, enforcing_consecutive_5xx: 100, consecutive_gateway_failure: 3 } });
    const http = { httpProtocolOptions: { acceptHttp10: true, defaultHostForHttp10: 'example.com' } };
    assert.deepEqual(toSnakeCase(http), { http_protocol_options: { accept_http_10: true, default_host_for_http_10: 'example.com' } });
    assert.deepEqual(toCamelCase(toSnakeCase(http)), http);
  });

  it('keeps the keys of a transport socket match (a Struct) in both directions', () => {
    const camel: Json = {
      name: 'outbound|9080||reviews.default.svc.cluster.local',
      transportSocketMatches: [
        {
          name: 'tlsMode-istio',
          match: { tlsMode: 'istio', some_label: 'x' },
          transportSocket: { name: 'envoy.transport_sockets.tls', typedConfig: { sni: 'a' } },
        },
        { name: 'tlsMode-disabled', match: {}, transportSocket: { name: 'envoy.transport_sockets.raw_buffer' } },
      ],
    };
    const snake = toSnakeCase(camel);
    assert.deepEqual(snake, {
      name: 'outbound|9080||reviews.default.svc.cluster.local',
      transport_socket_matches: [
        {
          name: 'tlsMode-istio',
          match: { tlsMode: 'istio', some_label: 'x' },
          transport_socket: { name: 'envoy.transport_sockets.tls', typed_config: { sni: 'a' } },
        },
        { name: 'tlsMode-disabled', match: {}, transport_socket: { name: 'envoy.transport_sockets.raw_buffer' } },
      ],
    });
    assert.deepEqual(toCamelCase(snake), camel);
    // A route's `match` is a message, not a Struct: its fields are converted.
    assert.deepEqual(toSnakeCase({ routes: [{ match: { caseSensitive: true } }] }), { routes: [{ match: { case_sensitive: true } }] });
  });

  it('reads and writes durations as protojson does', () => {
    assert.equal(durationMs('15s'), 15000);
    assert.equal(durationMs('0.250s'), 250);
    assert.equal(durationMs(' 1.5s '), 1500);
    assert.equal(durationMs('-2s'), -2000);
    for (const bad of ['', 's', '1', '.5s', '1.s', '1.5ms', '1e3s', '--1s', '1,5s']) assert.equal(durationMs(bad), undefined, bad);
    assert.equal(durationMs({ seconds: 1, nanos: 500000000 }), 1500);
    assert.equal(formatDuration(15000), '15s');
    assert.equal(formatDuration(250), '0.250s');
    assert.equal(formatDuration(1000.5), '1.000500s');
  });
});
