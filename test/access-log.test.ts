import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseAccessLogLine } from '../src/core/accesslog/access-log.ts';
import { RESPONSE_FLAGS, responseFlagInfo } from '../src/core/envoy/response-flags.ts';
import { UsageError } from '../src/core/errors.ts';

/** From Istio's docs (Envoy access logs task), in the 1.9+ default TEXT format. */
const ISTIO_DOCS_LINE =
  '[2020-11-25T21:26:18.409Z] "GET /status/418 HTTP/1.1" 418 - via_upstream - "-" 0 135 4 4 "-" "curl/7.73.0-DEV" "84961386-6d84-929d-98bd-c5aee93b5c88" "httpbin:8000" "10.44.1.27:80" outbound|8000||httpbin.foo.svc.cluster.local 10.44.1.23:37652 10.0.45.184:8000 10.44.1.23:46520 - default';

describe('parsing Istio access log lines', () => {
  it('reads every field of the default TEXT format', () => {
    const e = parseAccessLogLine(ISTIO_DOCS_LINE);
    assert.deepEqual(e, {
      line: ISTIO_DOCS_LINE,
      startTime: '2020-11-25T21:26:18.409Z',
      method: 'GET',
      path: '/status/418',
      protocol: 'HTTP/1.1',
      responseCode: 418,
      responseFlags: [],
      responseCodeDetails: 'via_upstream',
      connectionTerminationDetails: null,
      upstreamTransportFailureReason: null,
      bytesReceived: 0,
      bytesSent: 135,
      durationMs: 4,
      upstreamServiceTimeMs: 4,
      forwardedFor: null,
      userAgent: 'curl/7.73.0-DEV',
      requestId: '84961386-6d84-929d-98bd-c5aee93b5c88',
      authority: 'httpbin:8000',
      upstreamHost: '10.44.1.27:80',
      upstreamCluster: 'outbound|8000||httpbin.foo.svc.cluster.local',
      upstreamLocalAddress: '10.44.1.23:37652',
      downstreamLocalAddress: '10.0.45.184:8000',
      downstreamRemoteAddress: '10.44.1.23:46520',
      requestedServerName: null,
      routeName: 'default',
    });
  });

  const cases: [string, string, Partial<ReturnType<typeof parseAccessLogLine>>][] = [
    [
      'several flags, a transport failure reason with spaces, a user agent with spaces',
      '[2025-01-15T09:13:58.120Z] "POST /api?x=1 HTTP/2" 503 UF,URX upstream_reset_before_response_started{connection_failure} - "delayed connect error: 111" 120 91 3001 - "10.0.0.9" "Mozilla/5.0 (X11; Linux x86_64)" "id-1" "api.example.com" "10.244.1.9:8080" outbound|8080||api.default.svc.cluster.local - 10.96.0.10:8080 10.244.2.3:51234 - api',
      {
        method: 'POST',
        path: '/api?x=1',
        responseFlags: ['UF', 'URX'],
        upstreamTransportFailureReason: 'delayed connect error: 111',
        userAgent: 'Mozilla/5.0 (X11; Linux x86_64)',
        forwardedFor: '10.0.0.9',
        upstreamLocalAddress: null,
        routeName: 'api',
      },
    ],
    [
      'a 0 response code (the client left) and no route name',
      '[2025-01-15T09:13:58.120Z] "GET / HTTP/1.1" 0 DC downstream_remote_disconnect - "-" 0 0 5000 - "-" "curl/8" "id-2" "a:80" "-" - - 10.96.0.1:80 10.0.0.2:1 - -',
      { responseCode: 0, responseFlags: ['DC'], upstreamHost: null, upstreamCluster: null, routeName: null },
    ],
    ['a kubectl logs prefix before the line', `istio-proxy ${ISTIO_DOCS_LINE}`, { responseCode: 418, authority: 'httpbin:8000' }],
    [
      "Istio's JSON format",
      JSON.stringify({
        start_time: '2025-01-15T09:13:58.120Z',
        method: 'GET',
        path: '/ratings/0',
        protocol: 'HTTP/1.1',
        response_code: 503,
        response_flags: 'UO',
        response_code_details: 'upstream_reset_before_response_started{overflow}',
        authority: 'ratings:9080',
        upstream_cluster: 'outbound|9080|v1|ratings.bookinfo.svc.cluster.local',
        upstream_host: null,
        route_name: 'ratings-faults',
        duration: 0,
        downstream_local_address: '10.96.224.11:9080',
      }),
      { responseCode: 503, responseFlags: ['UO'], upstreamHost: null, routeName: 'ratings-faults', durationMs: 0, downstreamLocalAddress: '10.96.224.11:9080' },
    ],
  ];
  for (const [what, line, expected] of cases) {
    it(`reads ${what}`, () => {
      const e = parseAccessLogLine(line);
      for (const [k, v] of Object.entries(expected)) assert.deepEqual(e[k as keyof typeof e], v, k);
    });
  }

  const bad: [string, string, RegExp][] = [
    ['a line without a start time', 'GET /x 200', /has no \[START_TIME\]/],
    ['a cut-off line', '[2025-01-15T09:13:58.120Z] "GET / HTTP/1.1" 200', /ends early/],
    ['a non-numeric response code', '[2025-01-15T09:13:58.120Z] "GET / HTTP/1.1" abc - - - "-" 0 0 0', /"abc" is not a response code/],
    ['broken JSON', '{"start_time": ', /not valid JSON/],
  ];
  for (const [what, line, pattern] of bad) {
    it(`refuses ${what} with a usage error`, () => {
      assert.throws(
        () => parseAccessLogLine(line),
        (error: unknown) => error instanceof UsageError && pattern.test(error.message),
      );
    });
  }
});

describe('response flags', () => {
  it('knows the flags Envoy writes, with their long names', () => {
    for (const [flag, name] of [
      ['UH', 'NoHealthyUpstream'],
      ['UO', 'UpstreamOverflow'],
      ['URX', 'UpstreamRetryLimitExceeded'],
      ['NR', 'NoRouteFound'],
      ['NC', 'NoClusterFound'],
      ['DI', 'DelayInjected'],
      ['FI', 'FaultInjected'],
      ['DC', 'DownstreamConnectionTermination'],
      ['UT', 'UpstreamRequestTimeout'],
      ['UF', 'UpstreamConnectionFailure'],
    ]) {
      assert.equal(responseFlagInfo(flag!).name, name);
    }
    assert.ok(RESPONSE_FLAGS.size >= 26);
    assert.equal(responseFlagInfo('ZZ').name, 'Unknown');
  });
});
