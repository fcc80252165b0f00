import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { attributeLogFile, type LogLineInput } from '../src/core/accesslog/log-attribution.ts';
import { explainRequestGroups } from '../src/core/accesslog/request-groups.ts';
import { type PathProxy, pathProxy } from '../src/core/path/owners.ts';
import { renderRequestGroupsText } from '../src/core/report/request-groups-report.ts';
import { SnapshotSource } from '../src/sources/snapshot-source.ts';
import {
  DENIED_ID,
  DETAILS,
  detailsDenies,
  GATEWAY,
  jsonLine,
  PRODUCTPAGE,
  productpageToDetails,
  RATINGS,
  REVIEWS_V2,
  ratingsNoFilterChain,
  reviewsToRatings,
  textLine,
  UC_ID,
} from './helpers/access-log-lines.ts';
import { fixture } from './helpers/paths.ts';

/** The demo snapshot's proxies (fixtures/snapshots/bookinfo.json.gz), as the CLI loads them. */
const proxies: PathProxy[] = [];
before(async () => {
  const source = await SnapshotSource.open(fixture('snapshots', 'bookinfo.json.gz'));
  for (const p of await source.listProxies()) proxies.push(pathProxy(p.name, (await source.proxyConfig(p.name)).config));
});

const at = (file: string, text: string, proxy: string | null = null, lineNo = 1): LogLineInput => ({ proxy, file, lineNo, text });

describe('access logs of several proxies grouped by x-request-id', () => {
  it('RBAC 403 at the server: productpage passes on the 403 of details, whose AuthorizationPolicy denies POST', () => {
    // Given server first and with its line before the client's: the hops still go client first.
    const r = explainRequestGroups([at('details.log', textLine(detailsDenies), DETAILS), at('pp.log', productpageToDetails, PRODUCTPAGE)], proxies);
    assert.equal(r.groups.length, 1);
    const g = r.groups[0]!;
    assert.equal(g.requestId, DENIED_ID);
    assert.deepEqual(
      g.hops.map((h) => [h.proxy, h.direction, h.entry.responseCode, h.parent, h.depth]),
      [
        [PRODUCTPAGE, 'outbound', 403, null, 0],
        [DETAILS, 'inbound', 403, 0, 1],
      ],
    );
    assert.equal(g.failed, true);
    assert.deepEqual(g.failedAt, { hop: 1, proxy: DETAILS, direction: 'inbound', file: 'details.log', line: 1, kind: 'proxy' });
    assert.match(g.reason ?? '', /authorization \(RBAC filter\) of details-v1-65cfcf56f9-q8w7m\.bookinfo \(server side\) denied the request: 403/);
    assert.ok(
      g.causes.some((c) => /tried AuthorizationPolicy bookinfo\/details-viewer/.test(c)),
      g.causes.join('\n'),
    );
    assert.ok(g.causes.some((c) => /Istio mTLS as spiffe:\/\/cluster\.local\/ns\/bookinfo\/sa\/bookinfo-productpage/.test(c)));
    assert.ok(!g.causes.some((c) => /differs/.test(c)), 'the snapshot agrees with the log');
  });

  it('orders the hops by their links, not by clock: a server line stamped before its client still comes second', () => {
    const early = textLine({ ...detailsDenies, time: '2025-01-15T09:13:41.100Z' });
    const r = explainRequestGroups([at('d.log', early, DETAILS), at('p.log', productpageToDetails, PRODUCTPAGE)], proxies);
    assert.deepEqual(
      r.groups[0]!.hops.map((h) => h.proxy),
      [PRODUCTPAGE, DETAILS],
    );
  });

  it('503 UC between proxies, the server logged nothing: the connection failed, and the snapshot says why (plaintext to a STRICT port)', () => {
    const r = explainRequestGroups([at('reviews.log', reviewsToRatings, REVIEWS_V2)], proxies);
    const g = r.groups[0]!;
    assert.equal(g.requestId, UC_ID);
    assert.deepEqual(g.failedAt, { hop: 0, proxy: REVIEWS_V2, direction: 'outbound', file: 'reviews.log', line: 1, kind: 'connection' });
    assert.match(
      g.reason ?? '',
      /^the connection from reviews-v2-\S+ \(client side\) to 10\.244\.1\.9:9080 \(ratings-v1-7c9bd4b87f-9v5lx\.bookinfo\) failed: 503 UC/,
    );
    assert.match(g.reason ?? '', /the server side logged nothing for this request$/);
    assert.match(g.causes[0]!, /sends plaintext \(DestinationRule tls mode DISABLE, ratings\.bookinfo\)/);
    assert.match(
      g.causes[1]!,
      /^ratings-v1-7c9bd4b87f-9v5lx\.bookinfo's inbound side in this snapshot: inbound port 9080 \(STRICT\), plaintext peer: no filter chain/,
    );
  });

  it("503 UC with the server's listener line (no request id): joined by the connection, the server's missing filter chain is the cause", () => {
    const r = explainRequestGroups([at('reviews.log', reviewsToRatings, REVIEWS_V2), at('ratings.log', ratingsNoFilterChain, RATINGS)], proxies);
    assert.deepEqual(r.ungrouped, [], 'the listener line joined the request');
    const g = r.groups[0]!;
    assert.deepEqual(
      g.hops.map((h) => [h.proxy, h.direction, h.joinedBy, h.parent]),
      [
        [REVIEWS_V2, 'outbound', 'request id', null],
        [RATINGS, 'inbound', 'connection', 0],
      ],
    );
    assert.equal(g.failedAt?.hop, 1);
    assert.equal(g.failedAt?.kind, 'proxy');
    assert.match(
      g.reason ?? '',
      /found no filter chain for the connection and closed it: 0 NR \(filter_chain_not_found\); reviews-v2-\S+ \(client side\) logged 503 UC/,
    );
    assert.ok(g.causes.some((c) => /a plaintext client on a STRICT port/.test(c)));
  });

  it('503 UH at the client: the call productpage makes while serving the gateway fails in productpage itself', () => {
    const id = 'd2a4f6b8-0c1e-4a3b-8d5f-7e9a1b3c5d7f';
    const served = textLine({
      time: '2025-01-15T09:13:47.500Z',
      method: 'GET',
      path: '/productpage',
      code: 200,
      details: 'via_upstream',
      id,
      authority: 'bookinfo.example.com',
      upstreamHost: '10.244.1.12:9080',
      cluster: 'inbound|9080||',
      upstreamLocal: '127.0.0.6:44031',
      downstreamLocal: '10.244.1.12:9080',
      downstreamRemote: '10.244.2.5:33418',
      sni: 'outbound_.9080_._.productpage.bookinfo.svc.cluster.local',
      route: 'default',
    });
    const uh = textLine({
      time: '2025-01-15T09:13:47.512Z',
      method: 'GET',
      path: '/reviews/0',
      code: 503,
      flags: 'UH',
      details: 'no_healthy_upstream',
      bytesSent: 19,
      id,
      authority: 'reviews:9080',
      cluster: 'outbound|9080|v1|reviews.bookinfo.svc.cluster.local',
      downstreamLocal: '10.96.61.148:9080',
      downstreamRemote: '10.244.1.12:51300',
      route: 'reviews-canary',
    });
    const r = explainRequestGroups([at('pp.log', served, PRODUCTPAGE, 1), at('pp.log', uh, PRODUCTPAGE, 2)], proxies);
    const g = r.groups[0]!;
    assert.equal(g.status, 200);
    assert.equal(g.failed, true, 'a call on the way failed');
    assert.deepEqual(
      g.hops.map((h) => [h.direction, h.parent]),
      [
        ['inbound', null],
        ['outbound', 0],
      ],
    );
    assert.deepEqual(g.failedAt, { hop: 1, proxy: PRODUCTPAGE, direction: 'outbound', file: 'pp.log', line: 2, kind: 'proxy' });
    assert.match(g.reason ?? '', /productpage-\S+ \(client side\) answered 503 UH \(no_healthy_upstream\) itself/);
    assert.ok(
      g.causes.some((c) => /^UH: ejected by outlier detection: 10\.244\.1\.10:9080/.test(c)),
      g.causes.join('\n'),
    );
  });

  it('404 NR at the client: the ingress gateway has no route for /productpage/x (an exact match), and the snapshot agrees', () => {
    const nr = textLine({
      time: '2025-01-15T09:13:44.010Z',
      method: 'GET',
      path: '/productpage/x',
      code: 404,
      flags: 'NR',
      details: 'route_not_found',
      userAgent: 'curl/8.5.0',
      id: '0c8e2f7a-51d4-4b6e-9a3f-6e1d2c7b8a90',
      authority: 'bookinfo.example.com',
      downstreamLocal: '10.244.2.5:8080',
      downstreamRemote: '10.244.2.1:40112',
    });
    const r = explainRequestGroups([at('gw.log', nr, GATEWAY)], proxies);
    const g = r.groups[0]!;
    assert.equal(g.hops[0]!.direction, 'outbound', 'a gateway is the client side of its hop');
    assert.deepEqual(g.failedAt, { hop: 0, proxy: GATEWAY, direction: 'outbound', file: 'gw.log', line: 1, kind: 'proxy' });
    assert.ok(
      g.causes.some((c) => /^NR: the capture agrees: 404 NR: no route in virtual host bookinfo\.example\.com:80/.test(c)),
      g.causes.join('\n'),
    );
  });

  it('a 5xx the app answered, retried: the last server attempt is where it came from (the application)', () => {
    const id = '7e1f0a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b';
    const attempt = (n: number, port: number) =>
      textLine({
        ...detailsDenies,
        time: `2025-01-15T09:13:5${n}.000Z`,
        method: 'GET',
        code: 503,
        details: 'via_upstream',
        id,
        upstreamHost: '10.244.1.8:9080',
        upstreamLocal: `127.0.0.6:4100${n}`,
        downstreamRemote: `10.244.1.12:${port}`,
      });
    const client = textLine({
      time: '2025-01-15T09:13:50.000Z',
      method: 'GET',
      path: '/details/0',
      code: 503,
      flags: 'URX',
      details: 'via_upstream',
      id,
      authority: 'details:9080',
      upstreamHost: '10.244.1.8:9080',
      cluster: 'outbound|9080|v1|details.bookinfo.svc.cluster.local',
      upstreamLocal: '10.244.1.12:48302',
      downstreamLocal: '10.96.18.205:9080',
      downstreamRemote: '10.244.1.12:51040',
      route: 'details-retries',
    });
    const lines = [at('pp.log', client, PRODUCTPAGE), ...[0, 1, 2].map((n) => at('d.log', attempt(n, 48302 + n), DETAILS, n + 1))];
    const g = explainRequestGroups(lines, proxies).groups[0]!;
    assert.deepEqual(
      g.hops.map((h) => h.parent),
      [null, 0, 0, 0],
    );
    assert.deepEqual(g.failedAt, { hop: 3, proxy: DETAILS, direction: 'inbound', file: 'd.log', line: 3, kind: 'application' });
    assert.match(g.reason ?? '', /^the application behind details-\S+ \(server side\) answered 503 itself; its proxy passed it on \(via_upstream\)/);
  });

  it('a client error with no log of its upstream: the upstream answered, and the report asks for its log', () => {
    const g = explainRequestGroups([at('pp.log', productpageToDetails, PRODUCTPAGE)], proxies).groups[0]!;
    assert.equal(g.failedAt?.kind, 'upstream');
    assert.match(
      g.reason ?? '',
      /^10\.244\.1\.8:9080 \(details-v1-65cfcf56f9-q8w7m\.bookinfo\) answered 403 to productpage-\S+ \(client side\); no log line of it was given \(add --log details-v1-65cfcf56f9-q8w7m\.bookinfo=FILE\)/,
    );
  });

  it('groups JSON lines (accessLogEncoding: JSON, key request_id) with TEXT lines of the same request', () => {
    const r = explainRequestGroups([at('pp.log', productpageToDetails, PRODUCTPAGE), at('details.json', jsonLine(detailsDenies), DETAILS)], proxies);
    assert.equal(r.groups.length, 1);
    assert.equal(r.groups[0]!.failedAt?.proxy, DETAILS);
  });

  it('lists a line without x-request-id plainly, never drops it', () => {
    // A TCP connection (MySQL through the sidecar): no HTTP request, so no request id.
    const tcp = textLine({
      time: '2025-01-15T09:13:40.000Z',
      code: 0,
      details: '-',
      bytesReceived: 1024,
      bytesSent: 2048,
      duration: 5000,
      upstreamHost: '10.244.1.20:3306',
      cluster: 'outbound|3306||mysqldb.bookinfo.svc.cluster.local',
      upstreamLocal: '10.244.1.9:50210',
      downstreamLocal: '10.96.10.10:3306',
      downstreamRemote: '10.244.1.9:50208',
    });
    const r = explainRequestGroups([at('ratings.log', tcp, RATINGS, 7)], proxies);
    assert.deepEqual(r.groups, []);
    assert.deepEqual(
      r.ungrouped.map((u) => [u.file, u.line, u.proxy, u.reason]),
      [['ratings.log', 7, RATINGS, 'a TCP connection, not an HTTP request']],
    );
    assert.match(renderRequestGroupsText(r), /line 7 of ratings\.log has no x-request-id: cannot be grouped/);
  });

  it('an unknown proxy is said plainly, and its line still groups by request id', () => {
    // Addresses of no snapshot pod (a client outside the capture), nothing names the proxy.
    const outside = textLine({
      ...detailsDenies,
      cluster: 'outbound|9080||details.bookinfo.svc.cluster.local',
      downstreamLocal: '10.96.18.205:9080',
      downstreamRemote: '10.250.0.7:40000',
      sni: undefined,
      upstreamHost: '10.244.1.8:9080',
      code: 403,
      details: 'via_upstream',
      time: '2025-01-15T09:13:41.210Z',
    });
    const r = explainRequestGroups([at('client.log', outside), at('details.log', textLine(detailsDenies), DETAILS)], proxies);
    const g = r.groups[0]!;
    assert.deepEqual(
      g.hops.map((h) => h.proxy),
      [null, DETAILS],
    );
    assert.ok(
      r.notes.some((n) => /^client\.log: the proxy of 1 line is unknown/.test(n)),
      r.notes.join('\n'),
    );
    assert.match(renderRequestGroupsText(r), /\(unknown proxy\)/);
  });

  it('finds the proxy of an unnamed line from its own addresses (the pod IP it was for)', () => {
    const r = explainRequestGroups([at('x.log', textLine(detailsDenies))], proxies);
    assert.equal(r.groups[0]!.hops[0]!.proxy, DETAILS);
    assert.equal(r.groups[0]!.hops[0]!.proxyFrom, 'address');
  });

  it('reports unreadable lines and lines of other logs with file and line number', () => {
    const r = explainRequestGroups(
      [
        at('pp.log', '2025-01-15T09:13:02.345Z\tinfo\tEnvoy proxy is ready', PRODUCTPAGE, 1),
        at('pp.log', '[2025-01-15T09:13:58.120Z] "GET / HTTP/1.1" 200', PRODUCTPAGE, 2),
        at('pp.log', productpageToDetails, PRODUCTPAGE, 3),
      ],
      proxies,
    );
    assert.deepEqual(r.notAccessLog, [{ file: 'pp.log', lines: [1] }]);
    assert.equal(r.unparsed.length, 1);
    assert.equal(r.unparsed[0]!.line, 2);
    assert.match(r.unparsed[0]!.error, /^the line ends early/);
    assert.equal(r.groups.length, 1);
  });
});

describe('which proxy wrote a log line', () => {
  const names = [PRODUCTPAGE, DETAILS, RATINGS, REVIEWS_V2, 'details-v1-65cfcf56f9-q8w7m.staging'];

  it("takes the pod from kubectl's --prefix and its namespace from the snapshot's proxies", () => {
    const text = `[pod/productpage-v1-7d6cfb7dfd-4xk2p/istio-proxy] ${productpageToDetails}\n\n[pod/ratings-v1-7c9bd4b87f-9v5lx/istio-proxy] ${ratingsNoFilterChain}\n`;
    const { lines, notes } = attributeLogFile({ file: 'all.log', text }, names);
    assert.deepEqual(
      lines.map((l) => [l.lineNo, l.proxy, l.proxyFrom, l.text.startsWith('[2025-')]),
      [
        [1, PRODUCTPAGE, 'prefix', true],
        [3, RATINGS, 'prefix', true],
      ],
    );
    assert.deepEqual(notes, []);
  });

  it('says when a prefixed pod is ambiguous or not in the snapshot', () => {
    const text = `[pod/details-v1-65cfcf56f9-q8w7m/istio-proxy] ${textLine(detailsDenies)}\n[pod/api-v1-6f8b9c7d5e-k7p2n/istio-proxy] ${textLine(detailsDenies)}`;
    const { lines, notes } = attributeLogFile({ file: 'all.log', text }, names);
    assert.deepEqual(
      lines.map((l) => l.proxy),
      [null, null],
    );
    assert.match(
      notes[0]!.message,
      /pod details-v1-65cfcf56f9-q8w7m \(kubectl --prefix\) is ambiguous: details-v1-65cfcf56f9-q8w7m\.bookinfo, details-v1-65cfcf56f9-q8w7m\.staging/,
    );
    assert.match(notes[1]!.message, /pod api-v1-6f8b9c7d5e-k7p2n \(kubectl --prefix\) is not a proxy of the snapshot/);
  });

  it('POD.NS=FILE names the proxy; else a file named after a snapshot proxy', () => {
    assert.equal(attributeLogFile({ file: 'a.log', proxy: 'reviews-v2-5b667bcbf8-xq2lm', text: reviewsToRatings }, names).lines[0]!.proxy, REVIEWS_V2);
    const byName = attributeLogFile({ file: `/tmp/logs/${RATINGS}.log`, text: ratingsNoFilterChain }, names).lines[0]!;
    assert.deepEqual([byName.proxy, byName.proxyFrom], [RATINGS, 'file name']);
    const unknown = attributeLogFile({ file: 'b.log', proxy: 'nosuch.bookinfo', text: reviewsToRatings }, names);
    assert.equal(unknown.lines[0]!.proxy, 'nosuch.bookinfo');
    assert.match(unknown.notes[0]!.message, /nosuch\.bookinfo \(named for b\.log\) is not a proxy of the snapshot/);
  });
});
