import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { gunzipSync } from 'node:zlib';
import type { JsonObject } from '../src/core/envoy/json.ts';
import { SnapshotSource } from '../src/sources/snapshot-source.ts';
import { runCli } from './helpers/cli.ts';
import { createFakeIstioctl, type FakeIstioctl } from './helpers/fake-istioctl.ts';
import { fixture } from './helpers/paths.ts';

const PP = 'productpage-v1-7d6cfb7dfd-4xk2p.bookinfo';
const GW = 'istio-ingressgateway-6b8f4c7d9b-wq5tz.istio-system';
const REQUESTS: string[][] = [
  ['GET http://reviews:9080/reviews/0', '-H', 'end-user: jason'],
  ['GET http://reviews:9080/reviews/0', '--random', '0'],
  ['GET http://ratings:9080/ratings/0'],
  ['GET http://details:9080/details/0'],
];
const KEY = '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCFAKEISTIOCTLKEY\n-----END PRIVATE KEY-----\n';

describe('snapshot round trip through the fake istioctl', { timeout: 60_000 }, () => {
  let fake: FakeIstioctl;
  let dir = '';
  let fixtures = '';
  let file = '';
  let capture = { code: -1, stdout: '', stderr: '' };
  const env = () => fake.env({ FAKE_ISTIOCTL_FIXTURES: fixtures });

  before(async () => {
    fake = createFakeIstioctl();
    dir = mkdtempSync(path.join(tmpdir(), 'meshscope-roundtrip-'));
    // The demo fixture with key bytes planted in productpage's SDS secrets.
    fixtures = path.join(dir, 'fixtures');
    cpSync(fixture('bookinfo'), fixtures, { recursive: true });
    const dumpFile = path.join(fixtures, 'productpage', 'config_dump.json');
    const dump = JSON.parse(readFileSync(dumpFile, 'utf8')) as JsonObject;
    const secrets = (dump.configs as JsonObject[]).find((c) => String(c['@type']).endsWith('SecretsConfigDump'))!;
    (secrets.dynamic_active_secrets as JsonObject[]).push({
      name: 'planted',
      secret: {
        name: 'planted',
        tls_certificate: { private_key: { inline_bytes: Buffer.from(KEY).toString('base64') }, certificate_chain: { inline_string: KEY } },
      },
    });
    writeFileSync(dumpFile, JSON.stringify(dump));
    file = path.join(dir, 'incident.json.gz');
    capture = await runCli(['snapshot', '-A', '--context', 'kind-bookinfo', '-o', file], env());
  });
  after(() => {
    fake.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('captures every proxy of proxy-status, recording the ones istioctl cannot reach', async () => {
    assert.equal(capture.code, 0, capture.stderr);
    assert.match(capture.stderr, /\[\d+\/12\] productpage-v1-7d6cfb7dfd-4xk2p\.bookinfo: ok\n/);
    assert.match(capture.stderr, /\[\d+\/12\] details-v1-[\w-]+\.bookinfo: failed: .*details-v1-[\w-]+\.bookinfo/);
    // Only the fake istioctl is on PATH: the objects are not recorded, and the snapshot is still written.
    assert.match(
      capture.stderr,
      /analyze all namespaces: ok\nobjects: not recorded: kubectl not found on PATH; install it or give --config\nwrote .*incident\.json\.gz \(\d+ bytes\): 8 of 12 proxies \(failed: api-v1-6f8b9c7d5e-k7p2n\.bookinfo, details-v1-65cfcf56f9-zt6bd\.bookinfo, ratings-v2-6b5b9f8d4c-hn2rj\.bookinfo, reviews-v1-5896f547f5-7cjxn\.bookinfo\)/,
    );
    const source = await SnapshotSource.open(file);
    assert.equal(source.proxyNames().length, 12);
    assert.deepEqual(
      source.proxyNames().filter((n) => source.snapshot.proxies.get(n)!.configDump !== undefined),
      // The eight pods fixtures/bookinfo holds a capture of (the fake serves those; the other four fail).
      [
        'details-v1-65cfcf56f9-q8w7m.bookinfo',
        GW,
        PP,
        'ratings-v1-7c9bd4b87f-9v5lx.bookinfo',
        'reviews-v1-5896f547f5-mz4wq.bookinfo',
        'reviews-v2-5b667bcbf8-xq2lm.bookinfo',
        'reviews-v3-7886dd86b9-lc4jh.bookinfo',
        'waypoint-7b6f9d8c4d-p5x9v.bookinfo',
      ],
    );
    const p = source.provenance;
    assert.equal(p.context, 'kind-bookinfo');
    assert.ok(p.istioctlVersion && p.istioVersion, JSON.stringify(p));
    assert.ok(source.snapshot.proxies.get(PP)!.stats, 'stats captured');
    assert.equal((await source.analyze('bookinfo')).length, 3);
  });

  it("leaves none of the key bytes planted in the fake's dump", () => {
    const text = gunzipSync(readFileSync(file)).toString('utf8');
    for (const needle of ['FAKEISTIOCTLKEY', 'BEGIN PRIVATE KEY', Buffer.from(KEY).toString('base64').slice(0, 30)]) assert.ok(!text.includes(needle), needle);
  });

  for (const request of REQUESTS) {
    it(`explains ${request.join(' ')} from the snapshot, without istioctl, as the live source does`, async () => {
      const live = await runCli(['explain', PP, '--context', 'kind-bookinfo', '-o', 'json', ...request], env());
      const offline = await runCli(['explain', '--snapshot', file, '--from', PP, '-o', 'json', ...request], { PATH: '/nonexistent' });
      assert.equal(live.code, 0, live.stderr);
      assert.equal(offline.code, live.code, offline.stderr);
      assert.deepEqual(JSON.parse(offline.stdout), JSON.parse(live.stdout));
    });
  }

  it('never ran istioctl for the offline explains', () => {
    const calls = fake.calls().map((c) => c.argv.join(' '));
    assert.ok(calls.every((c) => !c.includes('--snapshot')));
    // One dump of productpage for the capture, one per live explain; none for the offline ones.
    assert.equal(calls.filter((c) => c.startsWith(`proxy-config all ${PP}`)).length, 1 + REQUESTS.length, calls.join('\n'));
  });
});
