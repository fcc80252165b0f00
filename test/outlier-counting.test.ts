import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseOutlierDetection } from '../src/core/envoy/cluster-policies.ts';
import type { Cluster } from '../src/core/envoy/types.ts';
import { type OutlierFailure, outlierCount } from '../src/core/lb/outlier-counting.ts';

const cluster = (od: Record<string, unknown> | undefined): Cluster => {
  const parsed = od === undefined ? undefined : parseOutlierDetection(od);
  return { name: 'c', ...(parsed ? { outlierDetection: parsed } : {}) } as unknown as Cluster;
};
const names = (c: Cluster, f: OutlierFailure) => outlierCount(c, f).counters.map((x) => x.name);

/**
 * DetectorHostMonitorImpl (source/common/upstream/outlier_detection_impl.cc): putHttpResponseCode
 * adds every 5xx to consecutive_5xx and 502/503/504 also to consecutive_gateway_failure;
 * resultToHttpCode maps a failed connection or reset to 503 and a timeout to 504 unless
 * split_external_local_origin_errors, which sends them to consecutive_local_origin_failure.
 * The DestinationRule shapes are Istio's applyOutlierDetection output
 * (pilot/pkg/networking/core/cluster_traffic_policy.go).
 */
describe("Envoy's outlier detector counts a failure", () => {
  // consecutive5xxErrors: 5 → consecutive_5xx 5, enforcing_consecutive_5xx 100.
  const istio5xx = cluster({ consecutive_5xx: 5, enforcing_consecutive_5xx: 100, enforcing_success_rate: 0, interval: '10s' });
  // consecutiveGatewayErrors: 3, consecutive5xxErrors: 0 → 5xx off, gateway enforced.
  const gatewayOnly = cluster({ consecutive_5xx: 0, enforcing_consecutive_5xx: 0, consecutive_gateway_failure: 3, enforcing_consecutive_gateway_failure: 100 });
  const split = cluster({
    consecutive_5xx: 5,
    enforcing_consecutive_5xx: 100,
    split_external_local_origin_errors: true,
    consecutive_local_origin_failure: 2,
    enforcing_consecutive_local_origin_failure: 100,
  });

  const rows: [string, Cluster, OutlierFailure, boolean, string[]][] = [
    ['a 500 with consecutive5xxErrors', istio5xx, { kind: 'status', status: 500 }, true, ['consecutive_5xx']],
    ['a 503 adds to both counters', istio5xx, { kind: 'status', status: 503 }, true, ['consecutive_5xx', 'consecutive_gateway_failure']],
    ['a 500 with gateway errors only: never ejects', gatewayOnly, { kind: 'status', status: 500 }, false, ['consecutive_5xx']],
    ['a 502 with gateway errors only', gatewayOnly, { kind: 'status', status: 502 }, true, ['consecutive_5xx', 'consecutive_gateway_failure']],
    ['a failed connection, not split: a 503', istio5xx, { kind: 'local', timeout: false }, true, ['consecutive_5xx', 'consecutive_gateway_failure']],
    ['a failed connection, split: local origin', split, { kind: 'local', timeout: false }, true, ['consecutive_local_origin_failure']],
    ['a 404 is a success', istio5xx, { kind: 'status', status: 404 }, false, []],
  ];
  for (const [what, c, f, counted, counters] of rows)
    it(what, () => {
      assert.equal(outlierCount(c, f).counted, counted);
      assert.deepEqual(names(c, f), counters);
    });

  it("Envoy's defaults: consecutive_gateway_failure is counted but not enforced (enforcing 0)", () => {
    const defaults = cluster({});
    const r = outlierCount(defaults, { kind: 'status', status: 503 });
    assert.deepEqual(
      r.counters.map((c) => [c.name, c.threshold, c.enforcing]),
      [
        ['consecutive_5xx', 5, 100],
        ['consecutive_gateway_failure', 5, 0],
      ],
    );
    assert.match(r.reason, /enforcing_consecutive_gateway_failure 0: counted, never ejects/);
  });

  it('no outlier detection: nothing ejects', () => {
    const r = outlierCount(cluster(undefined), { kind: 'status', status: 503 });
    assert.equal(r.counted, false);
    assert.match(r.reason, /no outlier detection/);
  });

  it('reads the enforcing fields (the loader gives the parser snake_case keys in both spellings)', () => {
    const snake = parseOutlierDetection({ enforcing_consecutive_gateway_failure: 100, enforcing_consecutive_local_origin_failure: 0 });
    assert.deepEqual(snake, { enforcingConsecutiveGatewayFailure: 100, enforcingConsecutiveLocalOriginFailure: 0 });
    const r = outlierCount({ name: 'c', outlierDetection: snake } as unknown as Cluster, { kind: 'local', timeout: true });
    assert.equal(r.counted, true, 'not split: a timeout counts as a 504, and consecutive_5xx (default 5, enforcing 100) ejects');
  });
});
