import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { JsonObject } from '../src/core/envoy/json.ts';
import { loadProxyConfig } from '../src/core/envoy/load.ts';
import { toCamelCase } from '../src/core/envoy/protojson.ts';
import { findingsFor } from '../src/core/findings/index.ts';
import { findingLines, istioCluster, proxyWith, SERVICE_CLUSTER, subsetCluster, vsRoute } from './helpers/findings-dump.ts';

/**
 * MS114 GatewayOnlyOutlierDetection. Envoy's DetectorHostMonitorImpl::putHttpResponseCode
 * (source/common/upstream/outlier_detection_impl.cc) counts a 500 towards consecutive_5xx only
 * and resets the gateway-failure count; DetectorConfig's defaults: consecutive_5xx 5 enforced at
 * 100%, consecutive_gateway_failure 5 enforced at 0%, success rate enforced at 100%. The
 * outlier_detection blocks are istiod's (cluster_traffic_policy.go applyOutlierDetection):
 * `consecutive5xxErrors: N` → consecutive_5xx N + enforcing_consecutive_5xx 100 (0 + 0 for N = 0),
 * `consecutiveGatewayErrors: N` → the gateway pair likewise, always enforcing_success_rate 0.
 */
const istioOutlier = (fiveXx: number | undefined, gateway: number | undefined): JsonObject => {
  const o: JsonObject = { interval: '10s', base_ejection_time: '30s', max_ejection_percent: 100, enforcing_success_rate: 0 };
  if (fiveXx !== undefined) Object.assign(o, { consecutive_5xx: fiveXx, enforcing_consecutive_5xx: fiveXx > 0 ? 100 : 0 });
  if (gateway !== undefined) Object.assign(o, { consecutive_gateway_failure: gateway, enforcing_consecutive_gateway_failure: gateway > 0 ? 100 : 0 });
  return o;
};

const cases: { name: string; outlier: JsonObject; expect: RegExp | null }[] = [
  {
    name: 'consecutive5xxErrors: 0, consecutiveGatewayErrors: 3',
    outlier: istioOutlier(0, 3),
    expect:
      /^MS114 cluster outbound\|9080\|\|reviews\.default\.svc\.cluster\.local \(used by route 9080\/reviews\.default\.svc\.cluster\.local:9080\/#0 r\) ejects hosts only after 3 consecutive gateway errors \(502, 503, 504; enforcing 100%\): consecutive_5xx 0 turns consecutive-5xx ejection off, so a host that fails with 500 is never ejected$/,
  },
  { name: 'consecutiveGatewayErrors only: consecutive_5xx keeps its default 5', outlier: istioOutlier(undefined, 3), expect: null },
  { name: 'both set', outlier: istioOutlier(5, 3), expect: null },
  { name: 'consecutive5xxErrors: 0 alone (nothing ejects: not this finding)', outlier: istioOutlier(0, undefined), expect: null },
  {
    name: 'consecutive_gateway_failure without enforcing (Envoy enforces it at 0% by default)',
    outlier: { consecutive_5xx: 0, consecutive_gateway_failure: 3, enforcing_success_rate: 0 },
    expect: null,
  },
  {
    name: 'enforcing_consecutive_5xx 0 with the default consecutive_5xx (EnvoyFilter)',
    outlier: { enforcing_consecutive_5xx: 0, enforcing_consecutive_gateway_failure: 100, enforcing_success_rate: 0 },
    expect: /after 5 consecutive gateway errors \(502, 503, 504; enforcing 100%\): enforcing_consecutive_5xx 0 turns/,
  },
  {
    name: 'success-rate ejection on (Envoy default 100%): it may still eject a host failing with 500',
    outlier: { consecutive_5xx: 0, consecutive_gateway_failure: 3, enforcing_consecutive_gateway_failure: 100 },
    expect: null,
  },
  {
    name: 'failure-percentage ejection enforced',
    outlier: { ...istioOutlier(0, 3), enforcing_failure_percentage: 100 },
    expect: null,
  },
];

describe('MS114: outlier detection that ejects only on gateway errors (a 500 never ejects)', () => {
  for (const c of cases) {
    it(c.name, () => {
      const config = proxyWith({ routes: [vsRoute('r')], clusters: [istioCluster('', { outlier_detection: c.outlier })] });
      const lines = findingLines(config, 'MS114');
      if (c.expect === null) assert.deepEqual(lines, []);
      else {
        assert.equal(lines.length, 1, lines.join('\n'));
        assert.match(lines[0]!, c.expect);
      }
    });
  }

  it('leaves alone clusters no route uses, clusters routes only mirror to, and clusters with an outlier error matcher', () => {
    const outlier_detection = istioOutlier(0, 3);
    const config = proxyWith({
      routes: [vsRoute('r', { request_mirror_policies: [{ cluster: subsetCluster('v2'), runtime_fraction: { default_value: { numerator: 100 } } }] })],
      clusters: [
        istioCluster('', {
          outlier_detection,
          // pilot cluster_traffic_policy.go applyOutlierDetectionErrorCodes: which statuses count is the matcher's.
          typed_extension_protocol_options: {
            'envoy.extensions.upstreams.http.v3.HttpProtocolOptions': {
              '@type': 'type.googleapis.com/envoy.extensions.upstreams.http.v3.HttpProtocolOptions',
              outlier_detection: { error_matcher: { http_response_headers_match: { headers: [{ name: ':status', string_match: { exact: '500' } }] } } },
            },
          },
        }),
        istioCluster('v1', { outlier_detection }),
        istioCluster('v2', { outlier_detection }),
      ],
    });
    assert.deepEqual(findingLines(config, 'MS114'), []);
  });

  it('is a warning with the DestinationRule field to set, or the Envoy one for a cluster no DestinationRule produced', () => {
    const plain = { ...istioCluster('', { outlier_detection: istioOutlier(0, 3) }), metadata: {} };
    const findings = (cluster: JsonObject) => findingsFor(proxyWith({ routes: [vsRoute('r')], clusters: [cluster] })).filter((f) => f.code === 'MS114');
    const dr = findings(istioCluster('', { outlier_detection: istioOutlier(0, 3) }));
    assert.equal(dr[0]?.severity, 'warning');
    assert.match(dr[0]!.hint, /trafficPolicy\.outlierDetection\.consecutive5xxErrors in the DestinationRule/);
    assert.deepEqual(dr[0]?.objects, [SERVICE_CLUSTER, 'route 9080/reviews.default.svc.cluster.local:9080/#0 r']);
    assert.match(findings(plain)[0]!.hint, /^set outlier_detection\.consecutive_5xx .*\(no DestinationRule produced it\)/);
  });

  it('reads enforcing_consecutive_gateway_failure and enforcing_failure_percentage in both JSON spellings', () => {
    const outlier = {
      consecutive_5xx: 0,
      enforcing_consecutive_5xx: 0,
      consecutive_gateway_failure: 3,
      enforcing_consecutive_gateway_failure: 100,
      enforcing_failure_percentage: 7,
    };
    const dump = (data: JsonObject) =>
      loadProxyConfig(
        [
          {
            name: 'c.json',
            data: { configs: [{ '@type': 'type.googleapis.com/envoy.admin.v3.ClustersConfigDump', dynamic_active_clusters: [{ cluster: data }] }] },
          },
        ],
        'c.json',
      ).clusters[0]!.outlierDetection;
    const snake = dump(istioCluster('', { outlier_detection: outlier }));
    const camel = dump(toCamelCase(istioCluster('', { outlier_detection: outlier })) as JsonObject);
    const expected = {
      consecutive5xx: 0,
      consecutiveGatewayFailure: 3,
      enforcingConsecutive5xx: 0,
      enforcingConsecutiveGatewayFailure: 100,
      enforcingFailurePercentage: 7,
    };
    assert.deepEqual(snake, expected);
    assert.deepEqual(camel, expected);
    assert.ok(
      JSON.stringify(toCamelCase({ outlier_detection: outlier })).includes('enforcingConsecutiveGatewayFailure'),
      'the camelCase input really is camelCase',
    );
  });
});
