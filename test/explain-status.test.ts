import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { ProxyConfig } from '../src/core/envoy/types.ts';
import { explain } from '../src/core/explain/explain.ts';
import { clientSees } from '../src/core/explain/failure-outcome.ts';
import { parseRequest } from '../src/core/router/request.ts';
import { parseUpstreamFailure } from '../src/core/router/upstream-failure.ts';
import { productpageConfig } from './helpers/bookinfo-config.ts';
import { runCli } from './helpers/cli.ts';

/**
 * `explain --status` on the demo's productpage sidecar (Istio 1.24.2). Its routes as istiod wrote
 * them: reviews has Istio's default retry policy (retry.go: connect-failure, refused-stream,
 * unavailable, cancelled, retriable-status-codes with no codes since 1.24, 2 retries,
 * previous_hosts) and timeout 0s; details' VirtualService sets attempts 3, perTryTimeout 2s,
 * retryOn gateway-error,connect-failure,refused-stream and timeout 10s; reviews' DestinationRule
 * sets consecutive5xxErrors 5 and maxEjectionPercent 50 (10.244.1.10 is ejected); details has none.
 */
describe('explain --status: retries, ejection and what the client sees', () => {
  let config: ProxyConfig;
  const run = (url: string, status: string, random?: bigint) =>
    explain(config, parseRequest(url), {
      ...(random === undefined ? {} : { randomValue: random }),
      failure: { failure: parseUpstreamFailure(status), text: status },
    }).failure!;
  before(async () => {
    config = await productpageConfig();
  });

  it('details 503: retried by gateway-error, 4 attempts, 503 URX at worst 4 × 2s + backoff', () => {
    const f = run('GET http://details:9080/details/0', '503');
    assert.deepEqual([f.retried, f.attempts, f.ejectionCounted], [true, 4, false]);
    assert.match(f.retryReason, /gateway-error/);
    assert.deepEqual([f.clientSees.status, f.clientSees.responseFlag, f.clientSees.worstCaseMs], [503, 'URX', 8275]);
    assert.match(f.hosts ?? '', /2 hosts take traffic, fewer than the 4 attempts/);
    assert.match(f.ejection[0]!.reason, /no outlier detection/);
  });

  // Each --status outcome on the details route (retryOn gateway-error,connect-failure,refused-stream; 3 retries; per try 2s; 10s).
  const DETAILS: [string, boolean, number, number, string | null][] = [
    ['500', false, 1, 500, null],
    ['503', true, 4, 503, 'URX'],
    ['504', true, 4, 504, 'URX'],
    ['reset', true, 4, 503, 'UR,URX'],
    ['connect-failure', true, 4, 503, 'UF,URX'],
    ['refused-stream', true, 4, 503, 'UR,URX'],
    ['timeout', true, 4, 504, 'UT,URX'],
    ['409', false, 1, 409, null],
  ];
  for (const [status, retried, attempts, code, flag] of DETAILS)
    it(`details --status ${status}: ${retried ? `retried, ${attempts} attempts` : 'not retried'}, the client sees ${code}${flag ? ` ${flag}` : ''}`, () => {
      const f = run('GET http://details:9080/details/0', status);
      assert.deepEqual([f.retried, f.attempts, f.clientSees.status, f.clientSees.responseFlag], [retried, attempts, code, flag]);
    });

  it('details 500: gateway-error does not cover it; one attempt, the upstream 500 as it is', () => {
    const f = run('GET http://details:9080/details/0', '500');
    assert.deepEqual([f.retried, f.attempts, f.clientSees.status, f.clientSees.responseFlag], [false, 1, 500, null]);
  });

  it('details timeout: each per-try timeout is retried; 504 UT,URX', () => {
    const f = run('GET http://details:9080/details/0', 'timeout');
    assert.deepEqual([f.retried, f.attempts, f.clientSees.status, f.clientSees.responseFlag], [true, 4, 504, 'UT,URX']);
  });

  it("reviews 503 under Istio 1.24's default policy: not retried; counts towards consecutive_5xx, but the ejection cap is reached", () => {
    const f = run('GET http://reviews:9080/', '503', 0n);
    assert.equal(f.retried, false);
    assert.match(f.retryReason, /retriable_status_codes is empty/);
    assert.equal(f.ejectionCounted, true);
    assert.match(
      f.ejection[0]!.reason,
      /consecutive_5xx 5 and consecutive_gateway_failure 5 \(enforcing_consecutive_gateway_failure 0: counted, never ejects\)/,
    );
    assert.match(f.ejection[0]!.reason, /as many as max_ejection_percent 50 of 2 hosts allows/);
    assert.equal(f.clientSees.worstCaseMs, null, 'no route timeout and no per-try timeout');
  });

  it('reviews connect-failure: retried, but the one host taking v1 gets every retry; 503 UF,URX after 3 × connect_timeout', () => {
    const f = run('GET http://reviews:9080/', 'connect-failure', 0n);
    assert.deepEqual([f.retried, f.attempts, f.clientSees.responseFlag], [true, 3, 'UF,URX']);
    assert.match(f.hosts ?? '', /only 1 host takes this cluster's traffic/);
    assert.equal(f.clientSees.worstCaseMs, 3 * 10_000 + 25 + 75);
  });

  it('an undecided split counts ejection per destination', () => {
    const f = run('GET http://reviews:9080/', '500');
    assert.deepEqual(
      f.ejection.map((e) => e.cluster.split('|')[2]),
      ['v1', 'v3'],
    );
  });

  it('ratings: the injected abort is never retried and never counts (a note)', () => {
    const f = run('GET http://ratings:9080/ratings/0', '503');
    assert.ok(f.notes.some((n) => /injected abort .* never retried and never counts towards ejection/.test(n)));
  });
});

describe('the client’s answer within the route timeout (Router::Filter timeouts)', () => {
  const base = { retried: true, retries: 3, perTryTimeoutMs: 2000, connectTimeoutMs: 1000, backoffMs: [25, 75, 175] };
  const rows: [string, Parameters<typeof clientSees>[0], { status: number; flag: string | null; worst: number | null; ends: boolean }][] = [
    ['all attempts fit', { ...base, failure: { kind: 'status', status: 503 }, routeTimeoutMs: 10_000 }, { status: 503, flag: 'URX', worst: 8275, ends: false }],
    [
      'the route timeout cuts the attempts',
      { ...base, failure: { kind: 'status', status: 503 }, routeTimeoutMs: 5000 },
      { status: 503, flag: 'URX', worst: 5000, ends: true },
    ],
    [
      "unset route timeout: Envoy's 15 s",
      { ...base, failure: { kind: 'timeout' }, routeTimeoutMs: null },
      { status: 504, flag: 'UT,URX', worst: 8275, ends: false },
    ],
    [
      'connect failures wait connect_timeout',
      { ...base, failure: { kind: 'connect-failure' }, routeTimeoutMs: 0 },
      { status: 503, flag: 'UF,URX', worst: 4275, ends: false },
    ],
    [
      'no retry, no timeouts: unbounded',
      { ...base, retried: false, retries: 0, perTryTimeoutMs: null, failure: { kind: 'reset' }, routeTimeoutMs: 0 },
      { status: 503, flag: 'UR', worst: null, ends: false },
    ],
    [
      'a timeout without a per-try timeout is the route timeout: 504 UT, once',
      { ...base, perTryTimeoutMs: null, failure: { kind: 'timeout' }, routeTimeoutMs: 3000 },
      { status: 504, flag: 'UT', worst: 3000, ends: true },
    ],
  ];
  for (const [what, input, want] of rows)
    it(what, () => {
      const got = clientSees(input);
      assert.deepEqual([got.status, got.responseFlag, got.worstCaseMs, got.routeTimeoutEnds], [want.status, want.flag, want.worst, want.ends], got.text);
    });
  it('says which attempts start before the route timeout ends the request', () => {
    const got = clientSees({ ...base, failure: { kind: 'status', status: 503 }, routeTimeoutMs: 5000 });
    assert.match(got.text, /3 of 4 attempts start before the route timeout 5s ends the request with 504 UT at 5s/);
  });
});

describe('meshscope explain --status (CLI)', () => {
  const dump = ['--file', 'fixtures/bookinfo/productpage/config_dump.json', '--endpoints', 'fixtures/bookinfo/productpage/endpoints.json'];
  it('prints the failure section and the JSON contract fields', async () => {
    const text = await runCli(['explain', ...dump, '--status', '503', 'GET http://details:9080/details/0']);
    assert.equal(text.code, 0, text.stderr);
    assert.match(text.stdout, /^If the upstream answers 503$/m);
    assert.match(text.stdout, /^ {2}retried +yes: retry_on gateway-error retries 502, 503 and 504$/m);
    const json = await runCli(['explain', ...dump, '--status', 'connect-failure', '-o', 'json', 'GET http://details:9080/details/0']);
    const f = JSON.parse(json.stdout).failure;
    for (const key of ['retried', 'attempts', 'ejectionCounted', 'clientSees']) assert.ok(key in f, key);
    assert.deepEqual(Object.keys(f.clientSees).sort(), ['attempts', 'responseFlag', 'routeTimeoutEnds', 'status', 'text', 'worstCaseMs']);
    assert.deepEqual([f.clientSees.status, f.clientSees.responseFlag], [503, 'UF,URX']);
  });
  it('rejects a bad --status and --status with --path, one line, exit 2', async () => {
    const bad = await runCli(['explain', ...dump, '--status', '5xx', 'GET http://details:9080/']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /^meshscope: explain --status 5xx: give an HTTP status/);
    assert.equal(bad.stderr.trim().split('\n').length, 1);
    const path = await runCli([
      'explain',
      '--snapshot',
      'fixtures/snapshots/bookinfo.json.gz',
      '--from',
      'productpage-v1-7d6cfb7dfd-4xk2p.bookinfo',
      '--status',
      '503',
      '--path',
      'GET http://details:9080/',
    ]);
    assert.equal(path.code, 2);
    assert.match(path.stderr, /does not combine with --path/);
  });
});
