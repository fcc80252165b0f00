import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseAccessLogLine } from '../src/core/accesslog/access-log.ts';
import { explainAccessLog, requestFromLog } from '../src/core/accesslog/explain-log.ts';
import type { ProxyConfig } from '../src/core/envoy/types.ts';
import { readProxyConfig } from '../src/sources/files.ts';
import { runCli } from './helpers/cli.ts';
import { fixture } from './helpers/paths.ts';

const PP = 'productpage-v1-7d6cfb7dfd-4xk2p.bookinfo';
let productpage: ProxyConfig | undefined;
async function config(): Promise<ProxyConfig> {
  productpage ??= await readProxyConfig({
    dump: fixture('bookinfo', 'productpage', 'config_dump.json'),
    endpoints: fixture('bookinfo', 'productpage', 'endpoints.json'),
  });
  return productpage;
}

/** A productpage outbound log line: `code flags details`, authority, upstream host and cluster, VIP, route. */
function line(
  code: string,
  flags: string,
  details: string,
  authority: string,
  host: string,
  cluster: string,
  vip: string,
  route: string,
  duration = '0',
  reason = '-',
): string {
  return `[2025-01-15T09:13:58.120Z] "GET /${authority.split(':')[0]}/0 HTTP/1.1" ${code} ${flags} ${details} - "${reason}" 0 19 ${duration} - "-" "curl/8.5.0" "id-1" "${authority}" "${host}" ${cluster} - ${vip} 10.244.1.12:52144 - ${route}`;
}
const REVIEWS_V1 = 'outbound|9080|v1|reviews.bookinfo.svc.cluster.local';
const RATINGS_V1 = 'outbound|9080|v1|ratings.bookinfo.svc.cluster.local';
const DETAILS_V1 = 'outbound|9080|v1|details.bookinfo.svc.cluster.local';

describe('an access log line explained against the bookinfo productpage sidecar', () => {
  it('rebuilds the request: the original destination, the logged Host, the recorded headers', () => {
    const e = parseAccessLogLine(line('200', '-', 'via_upstream', 'reviews:9080', '10.244.2.11:9080', REVIEWS_V1, '10.96.61.148:9080', 'reviews-canary'));
    assert.deepEqual(requestFromLog(e), {
      requestLine: 'GET http://10.96.61.148:9080/reviews/0',
      headers: ['Host: reviews:9080', 'User-Agent: curl/8.5.0', 'X-Request-Id: id-1'],
    });
  });

  it('agrees on route, cluster and host of a served request, and follows the logged pick of a split', async () => {
    const x = explainAccessLog(
      await config(),
      parseAccessLogLine(line('200', '-', 'via_upstream', 'reviews:9080', '10.244.2.11:9080', REVIEWS_V1, '10.96.61.148:9080', 'reviews-canary')),
    );
    assert.deepEqual(
      x.checks.map((c) => [c.what, c.agrees]),
      [
        ['route', true],
        ['cluster', true],
        ['upstream host', true],
      ],
    );
    assert.equal(x.result.cluster, REVIEWS_V1);
    assert.equal(x.followsLoggedPick, true);
    assert.deepEqual(x.flags, []);
    const v3 = explainAccessLog(
      await config(),
      parseAccessLogLine(
        line(
          '200',
          '-',
          'via_upstream',
          'reviews:9080',
          '10.244.2.12:9080',
          'outbound|9080|v3|reviews.bookinfo.svc.cluster.local',
          '10.96.61.148:9080',
          'reviews-canary',
        ),
      ),
    );
    assert.equal(v3.result.subset, 'v3');
  });

  it('says when the configuration disagrees with the log (another route, a host that is gone)', async () => {
    const x = explainAccessLog(
      await config(),
      parseAccessLogLine(line('200', '-', 'via_upstream', 'reviews:9080', '10.244.9.9:9080', REVIEWS_V1, '10.96.61.148:9080', 'old-route')),
    );
    const byWhat = Object.fromEntries(x.checks.map((c) => [c.what, c]));
    assert.equal(byWhat.route!.agrees, false);
    assert.equal(byWhat.route!.config, 'reviews-canary');
    assert.equal(byWhat['upstream host']!.agrees, false);
    assert.match(byWhat['upstream host']!.config, /not an endpoint of outbound\|9080\|v1\|reviews/);
  });

  const flags: [string, string, RegExp[]][] = [
    [
      "UH → the subset's endpoints and ejections",
      line('503', 'UH', 'no_healthy_upstream', 'reviews:9080', '-', REVIEWS_V1, '10.96.61.148:9080', 'reviews-canary'),
      [/1 of 2 endpoints usable/, /ejected by outlier detection: 10\.244\.1\.10:9080/, /eject after 5 consecutive 5xx/],
    ],
    [
      "UO → the cluster's circuit breaker limits",
      line('503', 'UO', 'upstream_reset_before_response_started{overflow}', 'ratings:9080', '-', RATINGS_V1, '10.96.224.11:9080', 'ratings-faults'),
      [/max_connections 100 \(connectionPool tcp\.maxConnections\)/, /max_pending_requests 10/, /maxRequestsPerConnection 1/],
    ],
    [
      "FI → the route's fault abort",
      line('503', 'FI', 'fault_filter_abort', 'ratings:9080', '-', RATINGS_V1, '10.96.224.11:9080', 'ratings-faults'),
      [/abort with HTTP 503 for 5% of requests/],
    ],
    [
      "DI → the route's fault delay",
      line('200', 'DI', 'via_upstream', 'ratings:9080', '10.244.1.9:9080', RATINGS_V1, '10.96.224.11:9080', 'ratings-faults', '2012'),
      [/delay 2s for 10% of requests/],
    ],
    [
      'UT → the route timeout against the duration',
      line('504', 'UT', 'upstream_response_timeout', 'details:9080', '10.244.1.8:9080', DETAILS_V1, '10.96.18.205:9080', 'details-retries', '10003'),
      [/route timeout is 10s; the request took 10003 ms/, /per-try timeout 2s × 4 attempts/],
    ],
    [
      'URX → the retry policy',
      line(
        '503',
        'URX',
        'upstream_reset_before_response_started{connection_failure}',
        'details:9080',
        '10.244.1.8:9080',
        DETAILS_V1,
        '10.96.18.205:9080',
        'details-retries',
      ),
      [/allows 3 retries on gateway-error,connect-failure,refused-stream \(per-try timeout 2s\)/],
    ],
    [
      'UF → connect timeout, TLS, and the host',
      line(
        '503',
        'UF',
        'upstream_reset_before_response_started{connection_failure}',
        'details:9080',
        '10.244.1.8:9080',
        DETAILS_V1,
        '10.96.18.205:9080',
        'details-retries',
        '10',
        'TLS_error:_CERTIFICATE_VERIFY_FAILED',
      ),
      [/TLS problem/, /connect timeout 10s, TLS ISTIO_MUTUAL/, /10\.244\.1\.8:9080 \(details-v1\) is HEALTHY/],
    ],
    [
      'NC → the missing subset',
      line(
        '503',
        'NC',
        'cluster_not_found',
        'details:9080',
        '-',
        'outbound|9080|v3|details.bookinfo.svc.cluster.local',
        '10.96.18.205:9080',
        'details-retries',
      ),
      [/exists in this capture: the missing cluster .* was added after the request|not in this proxy's CDS/],
    ],
    [
      'NR → the capture routes it',
      line('404', 'NR', 'route_not_found', 'reviews:9080', '-', '-', '10.96.61.148:9080', '-'),
      [/in this capture the request is routed \(route #2 "reviews-canary"\)/],
    ],
    [
      'DC → the client gave up',
      line('0', 'DC', 'downstream_remote_disconnect', 'details:9080', '10.244.1.8:9080', DETAILS_V1, '10.96.18.205:9080', 'details-retries', '3000'),
      [/closed the connection after 3000 ms/, /would have waited up to 10s/],
    ],
    [
      'no flag on a 503 → the upstream answered',
      line('503', '-', 'via_upstream', 'reviews:9080', '10.244.2.11:9080', REVIEWS_V1, '10.96.61.148:9080', 'reviews-canary'),
      [/upstream service answered 503 itself/, /outlier detection counts these 5xx/],
    ],
  ];
  for (const [what, text, patterns] of flags) {
    it(`maps ${what}`, async () => {
      const x = explainAccessLog(await config(), parseAccessLogLine(text));
      assert.equal(x.flags.length, 1);
      const causes = x.flags[0]!.causes.join('\n');
      for (const p of patterns) assert.match(causes, p);
    });
  }

  it('points out that an NR line for an unknown host now falls through to allow_any', async () => {
    const text =
      '[2025-01-15T09:13:58.120Z] "GET / HTTP/1.1" 404 NR route_not_found - "-" 0 0 0 - "-" "curl/8" "id" "unknown.example:9080" "-" - - 10.96.61.148:9080 10.244.1.12:1 - -';
    const x = explainAccessLog(await config(), parseAccessLogLine(text));
    assert.equal(x.result.cluster, 'PassthroughCluster');
    assert.match(x.flags[0]!.causes[0]!, /request is routed \(route #0 "allow_any"\)/);
  });
});

describe('meshscope explain --log', () => {
  const log = line('503', 'UH', 'no_healthy_upstream', 'reviews:9080', '-', REVIEWS_V1, '10.96.61.148:9080', 'reviews-canary');
  it('prints the checks, the flag and the trace as text', async () => {
    const r = await runCli(['explain', '--snapshot', 'fixtures/snapshots/bookinfo.json.gz', '--from', PP, '--log', log]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^Access log: 503 UH on GET reviews:9080\/reviews\/0\n/);
    assert.match(r.stdout, /agrees +route: log reviews-canary; config reviews-canary/);
    assert.match(r.stdout, /UH NoHealthyUpstream\n/);
    assert.match(r.stdout, /→ goes to subset v1/);
  });

  it('prints JSON with the log, the checks, the flags and the explain result', async () => {
    const r = await runCli(['explain', '--file', fixture('bookinfo', 'productpage', 'config_dump.json'), '--log', log, '-o', 'json']);
    assert.equal(r.code, 0, r.stderr);
    const doc = JSON.parse(r.stdout);
    assert.equal(doc.log.responseFlags[0], 'UH');
    assert.equal(doc.flags[0].name, 'NoHealthyUpstream');
    assert.equal(doc.explain.cluster, REVIEWS_V1);
    assert.equal(doc.request.line, 'GET http://10.96.61.148:9080/reviews/0');
  });

  const usage: [string, string[], RegExp][] = [
    ['a request beside --log', ['--log', log, 'GET http://x/'], /takes the request from the log line/],
    ['-H with --log', ['--log', log, '-H', 'a: b'], /cannot be combined/],
    ['a line that is no log', ['--log', 'hello'], /not an Istio access log line/],
  ];
  for (const [what, args, pattern] of usage) {
    it(`refuses ${what} (exit 2)`, async () => {
      const r = await runCli(['explain', '--snapshot', 'fixtures/snapshots/bookinfo.json.gz', '--from', PP, ...args]);
      assert.equal(r.code, 2);
      assert.match(r.stderr, pattern);
    });
  }
});
