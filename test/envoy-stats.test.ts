import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isGaugeName, parseEnvoyStats } from '../src/core/envoy/stats.ts';
import { parseIstioVersions } from '../src/core/istio/istio-version.ts';

describe('Envoy /stats?format=json', () => {
  it('splits counters from gauges, skips text readouts and reads histogram quantiles', () => {
    const stats = parseEnvoyStats({
      stats: [
        { name: 'cluster.outbound|9080|v1|reviews.bookinfo.svc.cluster.local;.upstream_rq_total', value: 120 },
        { name: 'cluster.outbound|9080|v1|reviews.bookinfo.svc.cluster.local;.upstream_rq_active', value: 2 },
        { name: 'cluster_manager.cds.version_text', value: '2025-01-15T09:12:31Z/58' },
        {
          histograms: {
            supported_quantiles: [0, 50, 99.9],
            computed_quantiles: [
              {
                name: 'cluster.a.upstream_rq_time',
                values: [
                  { interval: 1, cumulative: 2 },
                  { interval: 3, cumulative: 4.5 },
                  { interval: null, cumulative: 9 },
                ],
              },
              { name: 'cluster.b.upstream_rq_time', values: [{ interval: null, cumulative: null }] },
            ],
          },
        },
      ],
    });
    assert.deepEqual(stats.counters, { 'cluster.outbound|9080|v1|reviews.bookinfo.svc.cluster.local;.upstream_rq_total': 120 });
    assert.deepEqual(stats.gauges, { 'cluster.outbound|9080|v1|reviews.bookinfo.svc.cluster.local;.upstream_rq_active': 2 });
    assert.deepEqual(stats.histograms, { 'cluster.a.upstream_rq_time': { P0: 2, P50: 4.5, 'P99.9': 9 }, 'cluster.b.upstream_rq_time': {} });
  });

  const kinds: [string, boolean][] = [
    ['cluster.x.upstream_rq_total', false],
    ['cluster.x.upstream_rq_5xx', false],
    ['cluster.x.upstream_rq_retry', false],
    ['cluster.x.upstream_rq_pending_overflow', false],
    ['cluster.x.outlier_detection.ejections_enforced_total', false],
    ['cluster.x.outlier_detection.ejections_active', true],
    ['cluster.x.upstream_cx_active', true],
    ['cluster.x.membership_healthy', true],
    ['cluster.x.membership_total', true],
    ['cluster.x.circuit_breakers.default.rq_open', true],
    ['cluster.x.circuit_breakers.default.remaining_rq', true],
    ['http.inbound_0.0.0.0_9080.downstream_rq_active', true],
    ['server.uptime', true],
    ['server.memory_allocated', true],
    ['cluster_manager.cds.version', true],
    ['cluster_manager.cds.update_success', false],
  ];
  for (const [name, gauge] of kinds) it(`${name} is a ${gauge ? 'gauge' : 'counter'}`, () => assert.equal(isGaugeName(name), gauge));

  it('ignores what is not stats', () => {
    assert.deepEqual(parseEnvoyStats(null), { counters: {}, gauges: {}, histograms: {} });
  });
});

describe('istioctl version -o json', () => {
  it('reads client, control plane and data plane versions', () => {
    const v = parseIstioVersions({
      clientVersion: { version: '1.24.2', revision: 'abc', golang_version: 'go1.23.4', status: 'Clean', tag: '1.24.2' },
      meshVersion: [{ Component: 'istiod', Revision: 'default', Info: { version: '1.24.1' } }],
      dataPlaneVersion: [{ ID: 'productpage-v1-abc.bookinfo', IstioVersion: '1.24.1', Type: 'sidecar' }],
    });
    assert.deepEqual(v, {
      client: '1.24.2',
      controlPlane: [{ component: 'istiod', revision: 'default', version: '1.24.1' }],
      dataPlane: [{ id: 'productpage-v1-abc.bookinfo', version: '1.24.1', type: 'sidecar' }],
    });
    assert.deepEqual(parseIstioVersions({ clientVersion: { version: '1.24.2' } }), { client: '1.24.2', controlPlane: [], dataPlane: [] });
  });
});
