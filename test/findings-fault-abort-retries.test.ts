import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { JsonObject } from '../src/core/envoy/json.ts';
import { findingsFor } from '../src/core/findings/index.ts';
import { productpageConfig } from './helpers/bookinfo-config.ts';
import { faultConfig, findingLines, istioRetry, proxyWith, subsetCluster, vsMetadata, vsRoute } from './helpers/findings-dump.ts';

/**
 * MS111 FaultAbortNotRetried: the fault filter answers an abort with sendLocalReply before the
 * router (fault_filter.cc `FaultFilter::abortWithHTTPStatus`), so the router's retries never see
 * it. The faults are istiod's (route.go TranslateFault: `abort.percentage` as a MILLION fraction,
 * `http_status` or `grpc_status`) on a route whose retries are the VirtualService's, or Istio's
 * default (`retry.ConvertPolicy(nil)`: 2 retries) when it sets none.
 */
const ABORT_10 = { abort: { http_status: 503, percentage: { numerator: 100000, denominator: 'MILLION' } } };
const DEFAULT_RETRIES = istioRetry(2, 'connect-failure,refused-stream,unavailable,cancelled,retriable-status-codes');

const cases: { name: string; route: JsonObject; vhost?: JsonObject; expect: RegExp | null }[] = [
  {
    name: "an abort with Istio's default retries",
    route: vsRoute('faulty', { retry_policy: DEFAULT_RETRIES }, { typed_per_filter_config: faultConfig(ABORT_10) }),
    expect:
      /#0 faulty: the fault abort HTTP 503 for 10% \[route\] is a local reply of the fault filter, sent before the router: Envoy never retries it, so the aborted requests get none of the route's 2 retries on connect-failure,/,
  },
  {
    name: 'a gRPC abort with the VirtualService retries',
    route: vsRoute(
      'grpc',
      { retry_policy: istioRetry(3, 'unavailable') },
      { typed_per_filter_config: faultConfig({ abort: { grpc_status: 14, percentage: { numerator: 1000000, denominator: 'MILLION' } } }) },
    ),
    expect: /the fault abort gRPC 14 for 100% \[route\] .* none of the route's 3 retries on unavailable/,
  },
  {
    name: 'an abort on the virtual host, retries on the virtual host',
    route: vsRoute('plain'),
    vhost: { typed_per_filter_config: faultConfig(ABORT_10), retry_policy: istioRetry(1, '5xx') },
    expect: /the fault abort HTTP 503 for 10% \[virtual host\] .* none of the virtual host's 1 retry on 5xx/,
  },
  {
    name: 'an abort on one weighted cluster entry',
    route: {
      name: 'split',
      match: { prefix: '/' },
      route: {
        weighted_clusters: {
          clusters: [
            { name: subsetCluster('v1'), weight: 90 },
            { name: subsetCluster('v2'), weight: 10, typed_per_filter_config: faultConfig(ABORT_10) },
          ],
        },
        timeout: '0s',
        retry_policy: DEFAULT_RETRIES,
      },
      metadata: vsMetadata,
    },
    expect: /the fault abort HTTP 503 for 10% \[weighted cluster outbound\|9080\|v2\|reviews\.default\.svc\.cluster\.local\]/,
  },
  {
    name: 'a delay only',
    route: vsRoute(
      'slow',
      { retry_policy: DEFAULT_RETRIES },
      { typed_per_filter_config: faultConfig({ delay: { fixed_delay: '5s', percentage: { numerator: 100 } } }) },
    ),
    expect: null,
  },
  {
    name: 'an abort with no retries (retries.attempts 0: no policy)',
    route: vsRoute('noretry', {}, { typed_per_filter_config: faultConfig(ABORT_10) }),
    expect: null,
  },
  {
    name: 'an abort that never fires (no percentage: MS112 says so)',
    route: vsRoute('zero', { retry_policy: DEFAULT_RETRIES }, { typed_per_filter_config: faultConfig({ abort: { http_status: 503 } }) }),
    expect: null,
  },
  {
    name: 'a fault filter disabled on the route (FilterConfig disabled)',
    route: vsRoute(
      'off',
      { retry_policy: DEFAULT_RETRIES },
      { typed_per_filter_config: { 'envoy.filters.http.fault': { '@type': 'type.googleapis.com/envoy.config.route.v3.FilterConfig', disabled: true } } },
    ),
    vhost: { typed_per_filter_config: faultConfig(ABORT_10) },
    expect: null,
  },
];

describe('MS111: a fault abort is never retried (the fault filter replies before the router)', () => {
  for (const c of cases) {
    it(c.name, () => {
      const lines = findingLines(proxyWith({ routes: [c.route], vhost: c.vhost }), 'MS111');
      if (c.expect === null) assert.deepEqual(lines, []);
      else {
        assert.equal(lines.length, 1, lines.join('\n'));
        assert.match(lines[0]!, c.expect);
      }
    });
  }

  it('is an info finding with an Istio-worded hint', () => {
    const f = findingsFor(
      proxyWith({ routes: [vsRoute('faulty', { retry_policy: DEFAULT_RETRIES }, { typed_per_filter_config: faultConfig(ABORT_10) })] }),
    ).find((x) => x.code === 'MS111');
    assert.equal(f?.severity, 'info');
    assert.equal(f?.name, 'FaultAbortNotRetried');
    assert.match(f!.hint, /http\[\]\.retries never retries an http\[\]\.fault\.abort/);
    assert.deepEqual(f?.objects, ['route 9080/reviews.default.svc.cluster.local:9080/#0 faulty']);
  });
});

describe('MS111 on the bookinfo capture', () => {
  it("reports the ratings-faults route: VirtualService ratings' 5% abort, with Istio's default retries (the VirtualService sets none)", async () => {
    const findings = findingsFor(await productpageConfig()).filter((f) => f.code === 'MS111');
    assert.deepEqual(
      findings.map((f) => f.objects),
      [['route 9080/ratings.bookinfo.svc.cluster.local:9080/#1 ratings-faults']],
    );
    assert.match(
      findings[0]!.message,
      /the fault abort HTTP 503 for 5% \[route\] .* none of the route's 2 retries on connect-failure,refused-stream,unavailable,cancelled,retriable-status-codes$/,
    );
  });
});
