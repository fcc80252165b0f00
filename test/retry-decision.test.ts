import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RetryPolicy } from '../src/core/envoy/route-types.ts';
import { backoffBounds } from '../src/core/router/retry-backoff.ts';
import { retryDecision } from '../src/core/router/retry-decision.ts';
import { parseUpstreamFailure, type UpstreamFailure } from '../src/core/router/upstream-failure.ts';

const policy = (retryOn: string, extra: Partial<RetryPolicy> = {}): RetryPolicy =>
  ({
    retryOn: retryOn.split(',').filter(Boolean),
    numRetries: 2,
    retriableStatusCodes: [],
    hostPredicates: [],
    ...extra,
  }) as RetryPolicy;
const status = (s: number): UpstreamFailure => ({ kind: 'status', status: s });

/**
 * Envoy's RouterRetryStateImplTest (test/common/router/retry_state_impl_test.cc), restated: each
 * row is one of its cases (named after it) with the retry_on it sets and the failure it feeds,
 * and whether the first attempt is retried (RetryStatus::Yes) or not (RetryStatus::No).
 */
const ENVOY_CASES: [string, RetryPolicy, UpstreamFailure, boolean][] = [
  ['PolicyRefusedStream', policy('refused-stream'), { kind: 'refused-stream' }, true],
  ['Policy5xxRemoteReset', policy('5xx'), { kind: 'reset' }, true],
  ['Policy5xxRemote503', policy('5xx'), status(503), true],
  ['PolicyGatewayErrorRemote502', policy('gateway-error'), status(502), true],
  ['PolicyGatewayErrorRemote503', policy('gateway-error'), status(503), true],
  ['PolicyGatewayErrorRemote504', policy('gateway-error'), status(504), true],
  ['PolicyGatewayErrorRemoteReset', policy('gateway-error'), { kind: 'reset' }, true],
  ['PolicyConnectFailureOtherReset', policy('connect-failure'), { kind: 'reset' }, false],
  ['PolicyConnectFailureResetConnectFailure', policy('connect-failure'), { kind: 'connect-failure' }, true],
  ['PolicyRetriable4xxRetry', policy('retriable-4xx'), status(409), true],
  ['PolicyRetriable4xxNoRetry', policy('retriable-4xx'), status(400), false],
  ['PolicyRetriable4xxReset', policy('retriable-4xx'), { kind: 'reset' }, false],
  ['RetriableStatusCodes', policy('retriable-status-codes', { retriableStatusCodes: [409] }), status(409), true],
  ['RetriableStatusCodesUpstreamReset', policy('retriable-status-codes', { retriableStatusCodes: [409] }), { kind: 'reset' }, false],
];

describe("Envoy's retry decision (RetryStateImpl)", () => {
  for (const [name, p, failure, retried] of ENVOY_CASES)
    it(`${name}: ${retried ? 'retried' : 'not retried'}`, () => assert.equal(retryDecision(p, failure).retried, retried));

  it('gateway-error retries 502–504 only; 5xx every 5xx', () => {
    assert.equal(retryDecision(policy('gateway-error'), status(500)).retried, false);
    assert.equal(retryDecision(policy('5xx'), status(500)).retried, true);
    assert.equal(retryDecision(policy('5xx'), status(404)).retried, false);
  });

  it("Istio's default policy (1.24+: retriable-status-codes with no codes) retries no status, only connection failures and refused streams", () => {
    // pilot/pkg/networking/core/route/retry/retry.go: defaultRetryOn, no RetriableStatusCodes since
    // EXCLUDE_UNSAFE_503_FROM_DEFAULT_RETRY (istio/istio#52111); before it, [503].
    const istio = policy('connect-failure,refused-stream,unavailable,cancelled,retriable-status-codes', {
      hostPredicates: ['envoy.retry_host_predicates.previous_hosts'],
    });
    const d503 = retryDecision(istio, status(503));
    assert.equal(d503.retried, false);
    assert.match(d503.reason, /retriable_status_codes is empty/);
    assert.match(d503.depends.join(), /gRPC response by its grpc-status/);
    assert.equal(retryDecision(istio, { kind: 'connect-failure' }).by, 'connect-failure');
    assert.equal(retryDecision(istio, { kind: 'refused-stream' }).by, 'refused-stream');
    assert.equal(retryDecision(istio, { kind: 'reset' }).retried, false);
    const old = { ...istio, retriableStatusCodes: [503] };
    assert.equal(retryDecision(old, status(503)).by, 'retriable-status-codes');
  });

  it('a per-try timeout goes the reset way: 5xx, gateway-error and reset retry it', () => {
    for (const on of ['5xx', 'gateway-error', 'reset']) assert.equal(retryDecision(policy(on), { kind: 'timeout' }).by, on);
    assert.equal(retryDecision(policy('connect-failure,retriable-4xx'), { kind: 'timeout' }).retried, false);
  });

  it('nothing is retried without a policy or with num_retries 0', () => {
    assert.equal(retryDecision(undefined, status(503)).retried, false);
    assert.match(retryDecision(policy('5xx', { numRetries: 0 }), status(503)).reason, /num_retries is 0/);
  });

  it('retriable-headers leaves the answer to the response headers, said as a dependency', () => {
    assert.match(retryDecision(policy('retriable-headers'), status(500)).depends.join(), /retriable_headers/);
  });

  it('backoff bounds: min((2^n − 1) × base, 10 × base), 25 ms by default (JitteredExponentialBackOffStrategy)', () => {
    assert.deepEqual(backoffBounds(policy('5xx'), 4), [25, 75, 175, 250]);
    assert.deepEqual(backoffBounds(policy('5xx', { backoff: { baseIntervalMs: 100, maxIntervalMs: 500 } }), 3), [100, 300, 500]);
  });

  it('parses --status values and rejects others with the accepted ones named', () => {
    assert.deepEqual(parseUpstreamFailure('503'), status(503));
    assert.deepEqual(parseUpstreamFailure('Reset'), { kind: 'reset' });
    assert.deepEqual(parseUpstreamFailure('connect-failure'), { kind: 'connect-failure' });
    assert.throws(() => parseUpstreamFailure('5xx'), /give an HTTP status .* or one of reset, connect-failure, refused-stream, timeout/);
    assert.throws(() => parseUpstreamFailure('600'), /explain --status 600/);
  });
});
