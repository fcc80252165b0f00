import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { JsonObject } from '../src/core/envoy/json.ts';
import { findingsFor } from '../src/core/findings/index.ts';
import { findingLines, istioRetry, proxyWith, SERVICE_CLUSTER, vsMetadata, vsRoute } from './helpers/findings-dump.ts';

/**
 * MS109 RetriesNeverFire / MS110 RetryOnWithZeroRetries. What can trigger a retry is Envoy's
 * RetryStateImpl (source/common/router/retry_state_impl.cc): `parseRetryOn` / `parseRetryGrpcOn`
 * name the conditions (anything else sets no bit), `wouldRetryFromHeaders` matches
 * `retriable-status-codes` against `retriable_status_codes` and `retriable-headers` against
 * `retriable_headers`, `create` keeps no retry state when retry_on is empty, and `shouldRetry`
 * stops at `retries_remaining_ == 0`. The policies are istiod's (retry.go ConvertPolicy: a
 * VirtualService `retryOn` is written as given, its status codes moved to
 * retriable_status_codes) or, for names Istio's validation rejects, an EnvoyFilter's.
 */
const cases: { name: string; retry: JsonObject; expect: RegExp[]; code?: string }[] = [
  {
    name: 'VirtualService retryOn: retriable-status-codes with no codes',
    retry: istioRetry(3, 'retriable-status-codes'),
    expect: [/#0 r: 3 retries on retriable-status-codes can never fire: retriable-status-codes with no retriable_status_codes matches no response/],
  },
  {
    name: 'VirtualService retryOn: "503" (Istio adds retriable-status-codes with 503)',
    retry: istioRetry(3, 'retriable-status-codes', { retriable_status_codes: [503] }),
    expect: [],
  },
  {
    name: 'VirtualService retryOn: retriable-headers (Istio writes no retriable_headers)',
    retry: istioRetry(2, 'retriable-headers'),
    expect: [/2 retries on retriable-headers can never fire: retriable-headers with no retriable_headers matches no response/],
  },
  {
    name: 'retriable-headers with a matcher (EnvoyFilter)',
    retry: istioRetry(2, 'retriable-headers', { retriable_headers: [{ name: 'x-retry-me' }] }),
    expect: [],
  },
  {
    name: 'names Envoy does not know (case matters: 5XX)',
    retry: istioRetry(2, '5XX,gateway_error'),
    expect: [/can never fire: "5XX" is not a retry condition Envoy knows \(it is ignored\); "gateway_error" is not a retry condition Envoy knows/],
  },
  { name: 'one known condition among unknown ones', retry: istioRetry(2, 'bogus,connect-failure'), expect: [] },
  { name: "a gRPC condition (parseRetryGrpcOn's list)", retry: istioRetry(2, 'unavailable'), expect: [] },
  {
    name: "Istio's default outbound policy (retriable-status-codes without codes, among others)",
    retry: istioRetry(2, 'connect-failure,refused-stream,unavailable,cancelled,retriable-status-codes'),
    expect: [],
  },
  {
    name: 'empty retry_on',
    retry: { retry_on: '', num_retries: 2 },
    expect: [/2 retries can never fire: retry_on is empty, so Envoy keeps no retry state for the request/],
  },
  { name: 'num_retries unset: Envoy reads 1', retry: { retry_on: 'bogus' }, expect: [/1 retry on bogus can never fire/] },
  {
    name: 'num_retries 0 with retry_on set',
    retry: { retry_on: '5xx', num_retries: 0 },
    expect: [/retry_on 5xx with num_retries 0: no request is ever retried/],
    code: 'MS110',
  },
  { name: 'num_retries 0 with nothing to retry on', retry: { retry_on: '', num_retries: 0 }, expect: [], code: 'MS110' },
  { name: 'num_retries 0 with an unknown condition: MS110, not MS109', retry: { retry_on: 'bogus', num_retries: 0 }, expect: [] },
];

describe('MS109/MS110: retry policies that can never retry (Envoy RetryStateImpl)', () => {
  for (const c of cases) {
    it(c.name, () => {
      const lines = findingLines(proxyWith({ routes: [vsRoute('r', { retry_policy: c.retry })] }), c.code ?? 'MS109');
      assert.equal(lines.length, c.expect.length, lines.join('\n'));
      for (const [i, re] of c.expect.entries()) assert.match(lines[i]!, re);
    });
  }

  it("reads the virtual host's policy when the route has none, and not when the route has its own", () => {
    const broken = { retry_policy: { retry_on: 'retriable-status-codes', num_retries: 2 } };
    const config = proxyWith({
      vhost: broken,
      routes: [
        vsRoute('inherits'),
        vsRoute('own', { retry_policy: istioRetry(2, '5xx') }),
        { name: 'redirect', match: { prefix: '/old' }, redirect: { path_redirect: '/x' }, metadata: vsMetadata },
      ],
    });
    assert.deepEqual(findingLines(config, 'MS109'), [
      "MS109 route 9080/reviews.default.svc.cluster.local:9080/#0 inherits: 2 retries on retriable-status-codes (the virtual host's retry policy) can never fire: retriable-status-codes with no retriable_status_codes matches no response; every failure goes to the client unretried",
    ]);
  });

  it('words the fix for the VirtualService, the mesh default or the Envoy config', () => {
    const retry = { retry_policy: { retry_on: 'retriable-status-codes', num_retries: 2 } };
    const config = proxyWith({
      routes: [
        vsRoute('vs', retry),
        { name: 'default', match: { prefix: '/' }, route: { cluster: SERVICE_CLUSTER, timeout: '0s', ...retry } },
        { name: 'plain', match: { prefix: '/' }, route: { cluster: SERVICE_CLUSTER, ...retry } },
      ],
    });
    const hints = findingsFor(config)
      .filter((f) => f.code === 'MS109')
      .map((f) => f.hint);
    assert.equal(hints.length, 3);
    assert.match(hints[0]!, /^set retries\.retryOn in the VirtualService/);
    assert.match(hints[1]!, /^set meshConfig\.defaultHttpRetryPolicy\.retryOn/);
    assert.match(hints[2]!, /^set retry_on on the route to conditions Envoy knows \(no VirtualService produced it\)/);
    const ms110 = findingsFor(proxyWith({ routes: [vsRoute('zero', { retry_policy: { retry_on: '5xx', num_retries: 0 } })] })).find((f) => f.code === 'MS110');
    assert.equal(ms110?.severity, 'info');
    assert.match(ms110!.hint, /Istio never writes this \(retries\.attempts 0 removes the policy\)/);
  });
});
