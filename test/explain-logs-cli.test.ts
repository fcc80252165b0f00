import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  DENIED_ID,
  DETAILS,
  detailsDenies,
  PRODUCTPAGE,
  productpageToDetails,
  RATINGS,
  REVIEWS_V2,
  ratingsNoFilterChain,
  reviewsToRatings,
  textLine,
  UC_ID,
} from './helpers/access-log-lines.ts';
import { runCli } from './helpers/cli.ts';

const SNAPSHOT = 'fixtures/snapshots/bookinfo.json.gz';

/**
 * `meshscope explain --snapshot fixtures/snapshots/bookinfo.json.gz --log FILE…` on log files of
 * the demo's proxies, each attributed another way: kubectl's --prefix (productpage), the file's
 * name (details), POD.NS=FILE (reviews-v2, ratings).
 */
describe('meshscope explain --snapshot S --log FILE…', () => {
  let dir = '';
  const file = (name: string) => path.join(dir, name);
  let args: string[] = [];
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'meshscope-logs-'));
    writeFileSync(
      file('productpage.log'),
      [
        '[pod/productpage-v1-7d6cfb7dfd-4xk2p/istio-proxy] 2025-01-15T09:13:02.345Z\tinfo\tEnvoy proxy is ready',
        `[pod/productpage-v1-7d6cfb7dfd-4xk2p/istio-proxy] ${productpageToDetails}`,
        '',
      ].join('\n'),
    );
    writeFileSync(file(`${DETAILS}.log`), `${textLine(detailsDenies)}\n`);
    writeFileSync(file('reviews.log'), `${reviewsToRatings}\n`);
    // An egress TCP connection has no HTTP request and so no x-request-id; then a cut-off line.
    const tcp = textLine({
      time: '2025-01-15T09:13:40.000Z',
      code: 0,
      details: '-',
      bytesReceived: 517,
      bytesSent: 3921,
      duration: 120,
      upstreamHost: '140.82.113.6:443',
      cluster: 'outbound|443||api.github.com',
      upstreamLocal: '10.244.1.9:51422',
      downstreamLocal: '140.82.113.6:443',
      downstreamRemote: '10.244.1.9:51420',
      sni: 'api.github.com',
    });
    writeFileSync(file('ratings.log'), `${ratingsNoFilterChain}\n${tcp}\n[2025-01-15T09:13:58.120Z] "GET / HTTP/1.1" 200\n`);
    args = [
      'explain',
      '--snapshot',
      SNAPSHOT,
      '--log',
      file('productpage.log'),
      '--log',
      file(`${DETAILS}.log`),
      '--log',
      `${REVIEWS_V2}=${file('reviews.log')}`,
      '--log',
      `${RATINGS}=${file('ratings.log')}`,
    ];
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('text: each failed request with its hops, the failing hop and why; exit 1', async () => {
    const r = await runCli(args);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stdout, /^Access logs: 2 requests \(2 failed\), 1 line without x-request-id, 1 unreadable, 1 not access log lines$/m);
    assert.match(
      r.stdout,
      new RegExp(`Request ${DENIED_ID}  POST details:9080/details/0\\n  403, failed at hop 2: ${DETAILS} \\(server side\\), .*${DETAILS}\\.log:1`),
    );
    assert.match(
      r.stdout,
      /Failed at\n {6}1 {2}details-v1-\S+ \(server side\): 403 rbac_access_denied_matched_policy\[none\] \(proxy\)\n {6}1 {2}ratings-v1-\S+ \(server side\): 0 NR filter_chain_not_found \(proxy\)\n/,
    );
    assert.match(r.stdout, /why {2}the authorization \(RBAC filter\) of details-v1-\S+ \(server side\) denied the request/);
    assert.match(r.stdout, /- in this snapshot: no ALLOW policy of envoy\.filters\.http\.rbac matches \(tried AuthorizationPolicy bookinfo\/details-viewer\)/);
    assert.match(r.stdout, new RegExp(`Request ${UC_ID} .*\\n  503, failed at hop 2: ${RATINGS} \\(server side\\)`));
    assert.match(r.stdout, /ratings\.log:1 \(by connection\)/);
    assert.match(
      r.stdout,
      /line 2 of \S+ratings\.log has no x-request-id: cannot be grouped \(a TCP connection, not an HTTP request; ratings-v1-7c9bd4b87f-9v5lx\.bookinfo\)/,
    );
    assert.match(r.stdout, /line 3 of \S+ratings\.log: the line ends early/);
    assert.match(r.stdout, /productpage\.log: line 1$/m);
  });

  it('-o json: groups with hops, failedAt and reason; the ungrouped lines', async () => {
    const r = await runCli([...args, '-o', 'json']);
    assert.equal(r.code, 1, r.stderr);
    const doc = JSON.parse(r.stdout);
    assert.deepEqual(
      doc.groups.map((g: { requestId: string; failedAt: { proxy: string; kind: string } }) => [g.requestId, g.failedAt.proxy, g.failedAt.kind]),
      [
        [DENIED_ID, DETAILS, 'proxy'],
        [UC_ID, RATINGS, 'proxy'],
      ],
    );
    const denied = doc.groups[0];
    assert.deepEqual(
      denied.hops.map((h: Record<string, unknown>) => [h.proxy, h.proxyFrom, h.direction, h.line, h.status, h.responseFlag, h.upstreamCluster]),
      [
        [PRODUCTPAGE, 'prefix', 'outbound', 2, 403, null, 'outbound|9080|v1|details.bookinfo.svc.cluster.local'],
        [DETAILS, 'file name', 'inbound', 1, 403, null, 'inbound|9080||'],
      ],
    );
    assert.equal(denied.failedAt.hop, 1);
    assert.match(denied.reason, /denied the request: 403 \(rbac_access_denied_matched_policy\[none\]\)/);
    const uc = doc.groups[1];
    assert.deepEqual(
      uc.hops.map((h: Record<string, unknown>) => [h.proxy, h.proxyFrom, h.joinedBy, h.responseFlag]),
      [
        [REVIEWS_V2, 'flag', 'request id', 'UC'],
        [RATINGS, 'flag', 'connection', 'NR'],
      ],
    );
    assert.deepEqual(
      doc.ungrouped.map((u: Record<string, unknown>) => [path.basename(u.file as string), u.line, u.proxy]),
      [['ratings.log', 2, RATINGS]],
    );
    assert.equal(doc.unparsed[0].line, 3);
    assert.equal(doc.snapshot, SNAPSHOT);
  });

  it('-o markdown: a note per failed request', async () => {
    const r = await runCli([...args, '-o', 'markdown']);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stdout, /^## Access logs: 2 requests \(2 failed\)/);
    assert.match(r.stdout, /_Explained against snapshot `fixtures\/snapshots\/bookinfo\.json\.gz`, captured 2025-01-15T09:14:02\.000Z\._/);
    assert.match(r.stdout, new RegExp(`### Request \`${DENIED_ID}\``));
    assert.match(r.stdout, /\| 2 \| ↳ `details-v1-65cfcf56f9-q8w7m\.bookinfo` \| inbound \| \*\*403\*\* \|/);
    assert.match(r.stdout, /\*\*Why:\*\* the authorization \(RBAC filter\)/);
  });

  it('exit 0 when no logged request failed', async () => {
    const ok = textLine({
      ...detailsDenies,
      method: 'GET',
      code: 200,
      details: 'via_upstream',
      upstreamHost: '10.244.1.8:9080',
      upstreamLocal: '127.0.0.6:43011',
    });
    writeFileSync(file('ok.log'), `${ok}\n`);
    const r = await runCli(['explain', '--snapshot', SNAPSHOT, '--log', file('ok.log')]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^Access logs: 1 request \(0 failed\)/);
    assert.match(r.stdout, /Requests that did not fail\n {2}200 {2}5f1d8c2e/);
  });

  it('exit 2 naming a missing file in one line', async () => {
    const missing = file('nosuch.log');
    const r = await runCli(['explain', '--snapshot', SNAPSHOT, '--log', file('reviews.log'), '--log', missing]);
    assert.equal(r.code, 2);
    assert.equal(r.stderr.trim().split('\n').length, 1);
    assert.match(r.stderr, new RegExp(`--log ${missing.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: no such file`));
    const named = await runCli(['explain', '--snapshot', SNAPSHOT, '--log', file('reviews.log'), '--log', `${RATINGS}=${missing}`]);
    assert.equal(named.code, 2);
    assert.match(named.stderr, /: no such file: \S+nosuch\.log/);
  });

  it('exit 2 without --snapshot, or with --from', async () => {
    const noSnapshot = await runCli(['explain', '--log', file('reviews.log')]);
    assert.equal(noSnapshot.code, 2);
    assert.match(noSnapshot.stderr, /give --snapshot FILE/);
    const from = await runCli(['explain', '--snapshot', SNAPSHOT, '--from', PRODUCTPAGE, '--log', file('reviews.log')]);
    assert.equal(from.code, 2);
    assert.match(from.stderr, /cannot be combined with --from/);
  });

  it("fixtures/access-logs: the page request from the gateway, productpage's call under it, details' denial under that", async () => {
    const logs = (name: string) => `fixtures/access-logs/${name}`;
    const r = await runCli([
      'explain',
      '--snapshot',
      SNAPSHOT,
      '--log',
      logs('productpage.log'),
      '--log',
      logs(`${DETAILS}.log`),
      '--log',
      `${REVIEWS_V2}=${logs('reviews-v2.log')}`,
      '--log',
      `${RATINGS}=${logs('ratings.log')}`,
      '-o',
      'json',
    ]);
    assert.equal(r.code, 1, r.stderr);
    const denied = JSON.parse(r.stdout).groups.find((g: { requestId: string }) => g.requestId === DENIED_ID);
    assert.equal(denied.status, 200, 'productpage answered the page anyway');
    assert.deepEqual(
      denied.hops.map((h: Record<string, unknown>) => [h.proxy, h.direction, h.depth, h.status]),
      [
        [PRODUCTPAGE, 'inbound', 0, 200],
        [PRODUCTPAGE, 'outbound', 1, 403],
        [DETAILS, 'inbound', 2, 403],
      ],
    );
    assert.equal(denied.failedAt.hop, 2);
  });

  it('one --log value that is no file is still one access log line', async () => {
    const r = await runCli(['explain', '--snapshot', SNAPSHOT, '--from', REVIEWS_V2, '--log', reviewsToRatings]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^Access log: 503 UC on GET ratings:9080\/ratings\/0/);
  });
});
