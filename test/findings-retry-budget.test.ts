import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { JsonObject } from '../src/core/envoy/json.ts';
import { findingsFor } from '../src/core/findings/index.ts';
import { findingLines, istioRetry, proxyWith, SERVICE_CLUSTER, vsRoute } from './helpers/findings-dump.ts';

/**
 * MS113 RetriesExceedRouteTimeout. Envoy's router arms the route timeout once, when the request
 * is complete (router.cc `Filter::onRequestComplete`), so it covers every attempt; a per-try
 * timeout at or above it is dropped (`FilterUtility::finalTimeout`). istiod writes
 * `retries.perTryTimeout` as `per_try_timeout` and `http[].timeout` as `timeout` (`0s` when the
 * VirtualService has none: disabled, route.go `setTimeout`); a route with no `timeout` at all
 * (plain Envoy config) gets Envoy's default 15 s.
 */
/** `timeout: null` leaves the route without a timeout. */
const cases: { name: string; action: JsonObject; expect: RegExp | null }[] = [
  {
    name: '3 retries × 2s in a 5s timeout: 2 attempts fit',
    action: { timeout: '5s', retry_policy: istioRetry(3, '5xx', { per_try_timeout: '2s' }) },
    expect:
      /#0 r: 4 attempts \(1 \+ 3 retries\) × per-try timeout 2s = 8s exceed the route timeout 5s, which covers all attempts: when attempts time out, at most 2 fit and the rest are cut \(504 UT\)/,
  },
  { name: 'exactly the budget: 2 retries × 1s in 3s', action: { timeout: '3s', retry_policy: istioRetry(2, '5xx', { per_try_timeout: '1s' }) }, expect: null },
  {
    name: 'a per-try timeout at the route timeout is ignored by Envoy',
    action: { timeout: '2s', retry_policy: istioRetry(2, '5xx', { per_try_timeout: '2s' }) },
    expect:
      /per-try timeout 2s is not below the route timeout 2s: Envoy ignores it, so one slow attempt uses the whole route timeout and none of its 2 retries follows it/,
  },
  {
    name: 'route timeout 0s (disabled, as istiod writes it without http[].timeout)',
    action: { timeout: '0s', retry_policy: istioRetry(5, '5xx', { per_try_timeout: '10s' }) },
    expect: null,
  },
  {
    name: "no route timeout: Envoy's default 15s",
    action: { timeout: null, retry_policy: istioRetry(2, '5xx', { per_try_timeout: '6s' }) },
    expect: /3 attempts \(1 \+ 2 retries\) × per-try timeout 6s = 18s exceed the route timeout 15s \(Envoy's default: the route sets none\), .* at most 2 fit/,
  },
  { name: 'no per-try timeout (MS106 says so)', action: { timeout: '1s', retry_policy: istioRetry(3, '5xx') }, expect: null },
  { name: 'per-try timeout 0s (disabled)', action: { timeout: '1s', retry_policy: istioRetry(3, '5xx', { per_try_timeout: '0s' }) }, expect: null },
  { name: 'num_retries 0', action: { timeout: '1s', retry_policy: { retry_on: '5xx', num_retries: 0, per_try_timeout: '5s' } }, expect: null },
  {
    name: 'sub-second per-try timeouts',
    action: { timeout: '1s', retry_policy: istioRetry(1, '5xx', { per_try_timeout: '0.6s' }) },
    expect: /2 attempts \(1 \+ 1 retry\) × per-try timeout 0\.6s = 1\.2s exceed the route timeout 1s, .* at most 1 fit/,
  },
];

describe('MS113: retries whose attempts do not fit in the route timeout (router.cc: one global timeout)', () => {
  for (const c of cases) {
    it(c.name, () => {
      const route = vsRoute('r', c.action);
      const action = route.route as JsonObject;
      if (c.action.timeout === null) delete action.timeout;
      const lines = findingLines(proxyWith({ routes: [route] }), 'MS113');
      if (c.expect === null) assert.deepEqual(lines, []);
      else {
        assert.equal(lines.length, 1, lines.join('\n'));
        assert.match(lines[0]!, c.expect);
      }
    });
  }

  it("uses the virtual host's retry policy when the route has none; info, hint in Istio or Envoy words", () => {
    const config = proxyWith({
      vhost: { retry_policy: istioRetry(4, '5xx', { per_try_timeout: '1s' }) },
      routes: [vsRoute('vs', { timeout: '2s' }), { name: 'plain', match: { prefix: '/' }, route: { cluster: SERVICE_CLUSTER, timeout: '2s' } }],
    });
    const findings = findingsFor(config).filter((f) => f.code === 'MS113');
    assert.equal(findings.length, 2);
    assert.ok(findings.every((f) => f.severity === 'info' && /at most 2 fit/.test(f.message)));
    assert.match(findings[0]!.hint, /http\[\]\.timeout at least \(retries\.attempts \+ 1\) × retries\.perTryTimeout/);
    assert.match(findings[1]!.hint, /\(no VirtualService produced the route\)/);
  });
});
