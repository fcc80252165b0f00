import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { gunzipSync } from 'node:zlib';
import type { MeshSource, ProxyStats } from '../src/app/mesh-source.ts';
import type { Json, JsonObject } from '../src/core/envoy/json.ts';
import { loadProxyConfig } from '../src/core/envoy/load.ts';
import { SourceError } from '../src/core/errors.ts';
import { explain } from '../src/core/explain/explain.ts';
import { parseAnalyze } from '../src/core/istio/analyze.ts';
import { parseConcatenatedJson } from '../src/core/istio/concatenated-json.ts';
import { parseProxyStatus } from '../src/core/istio/proxy-status.ts';
import { parseRequest } from '../src/core/router/request.ts';
import { syncDocumentsFromSummaries } from '../src/core/snapshot/sync-document.ts';
import { type CaptureEvent, type CaptureSource, captureSnapshot } from '../src/sources/snapshot/capture.ts';
import { writeSnapshot } from '../src/sources/snapshot/write.ts';
import { SnapshotSource } from '../src/sources/snapshot-source.ts';
import { runCli } from './helpers/cli.ts';
import { fixture, repoRoot } from './helpers/paths.ts';

const PP = 'productpage-v1-7d6cfb7dfd-4xk2p.bookinfo';
const GW = 'istio-ingressgateway-6b8f4c7d9b-wq5tz.istio-system';
const BROKEN = 'reviews-v1-5896f547f5-7cjxn.bookinfo';
const read = (...p: string[]): Json => JSON.parse(readFileSync(fixture('bookinfo', ...p), 'utf8')) as Json;
const b64 = (text: string): string => Buffer.from(text).toString('base64');

/** Secret material planted in the dumps; none of it may reach a snapshot file. */
const KEY_PEM = '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7S3CR3TK3YB0DY\n-----END PRIVATE KEY-----\n';
const RSA_PEM = '-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEAPLANTEDRSAKEYB0DY\n-----END RSA PRIVATE KEY-----\n';
const CHAIN_PEM = '-----BEGIN CERTIFICATE-----\nMIIDPLANTEDCERTCHAINB0DY\n-----END CERTIFICATE-----\n';
const SECRETS = [
  'S3CR3TK3YB0DY',
  'PLANTEDRSAKEYB0DY',
  'PLANTEDCERTCHAINB0DY',
  'hunter2-generic',
  'oauth-hmac-value',
  'BEGIN PRIVATE KEY',
  'BEGIN RSA PRIVATE KEY',
  'BEGIN CERTIFICATE',
];
const ENCODED = [...SECRETS, KEY_PEM, RSA_PEM, CHAIN_PEM].map(b64).map((s) => s.slice(0, 24));

/** A dump with secrets planted where Envoy and istioctl put them, in both spellings. */
function plantedDump(): JsonObject {
  const dump = read('productpage', 'config_dump.json') as JsonObject;
  const configs = dump.configs as JsonObject[];
  const secrets = configs.find((c) => String(c['@type']).endsWith('SecretsConfigDump'))!;
  (secrets.dynamic_active_secrets as JsonObject[]).push(
    {
      name: 'planted-tls',
      secret: { name: 'planted-tls', tls_certificate: { certificate_chain: { inline_bytes: b64(CHAIN_PEM) }, private_key: { inline_string: KEY_PEM } } },
    },
    { name: 'planted-generic', secret: { name: 'planted-generic', generic_secret: { secret: { inline_string: 'hunter2-generic' } } } },
    { name: 'planted-ca', secret: { name: 'planted-ca', validation_context: { trusted_ca: { inline_string: CHAIN_PEM } } } },
  );
  const clusters = configs.find((c) => String(c['@type']).endsWith('ClustersConfigDump'))!;
  const cluster = (clusters.dynamic_active_clusters as JsonObject[])[0]!.cluster as JsonObject;
  cluster.transport_socket = {
    name: 'envoy.transport_sockets.tls',
    typed_config: {
      '@type': 'type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.UpstreamTlsContext',
      common_tls_context: { tls_certificates: [{ certificate_chain: { inline_string: CHAIN_PEM }, private_key: { inline_bytes: b64(RSA_PEM) } }] },
    },
  };
  // A stray key in an unexpected place, and an oauth2 filter's HMAC secret.
  cluster.metadata = {
    filter_metadata: { ...((cluster.metadata as JsonObject | undefined)?.filter_metadata as JsonObject | undefined), planted: { note: KEY_PEM } },
  };
  cluster.planted_oauth = { hmac_secret: 'oauth-hmac-value' };
  return dump;
}

/** The same secrets as istioctl -o json spells them (lowerCamelCase). */
function plantedCamelSecret(): JsonObject {
  return {
    dynamicActiveSecrets: [
      {
        name: 'camel',
        secret: {
          name: 'camel',
          tlsCertificate: { certificateChain: { inlineBytes: b64(CHAIN_PEM) }, privateKey: { inlineBytes: b64(KEY_PEM) } },
          genericSecret: { secret: { inlineBytes: b64('hunter2-generic') } },
        },
      },
    ],
  };
}

function assertNoSecrets(bytes: Uint8Array): void {
  const text = Buffer.from(bytes[0] === 0x1f ? gunzipSync(bytes) : bytes).toString('utf8');
  for (const needle of [...SECRETS, ...ENCODED]) assert.ok(!text.includes(needle), `${needle} survived in the snapshot`);
}

const stats: ProxyStats = { fetchedAt: 0, counters: { 'cluster.x.upstream_rq_total': 5 }, gauges: {}, histograms: {} };

/** An in-process MeshSource over the fixture, with one proxy that fails. */
function stubSource(raw: boolean): CaptureSource {
  const summaries = parseProxyStatus(parseConcatenatedJson('proxy-status.json', readFileSync(fixture('bookinfo', 'proxy-status.json'), 'utf8')));
  const docs = (proxy: string): { configDump: Json; endpoints: Json } => {
    if (proxy === PP) return { configDump: plantedDump(), endpoints: read('productpage', 'endpoints.json') };
    if (proxy === GW) return { configDump: read('ingressgateway', 'config_dump.json'), endpoints: read('ingressgateway', 'endpoints.json') };
    throw new SourceError(`istioctl proxy-config all ${proxy}: Error: failed to execute command on sidecar: error 503`);
  };
  const source: MeshSource = {
    kind: 'live',
    label: 'stub',
    listProxies: async () => summaries,
    proxyConfig: async (proxy) => {
      const d = docs(proxy);
      const config = loadProxyConfig(
        [
          { name: 'dump', data: d.configDump },
          { name: 'endpoints', data: d.endpoints },
          { name: 'camel', data: plantedCamelSecret() },
        ],
        proxy,
      );
      return { config, fetchedAt: 0 };
    },
    analyze: async (ns) => (ns === 'bookinfo' ? parseAnalyze(read('analyze.json')) : []),
    stats: async () => stats,
  };
  if (!raw) return source;
  return {
    ...source,
    context: 'kind-stub',
    rawProxyConfig: async (proxy) => docs(proxy),
    versions: async () => ({ istioctl: '1.24.2', istio: '1.24.1' }),
  };
}

describe('capturing a snapshot from a MeshSource', () => {
  let dir = '';
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'meshscope-capture-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  for (const raw of [true, false]) {
    const how = raw ? 'raw documents' : 'models only';
    it(`leaves no private key, certificate or secret payload in the file (${how})`, async () => {
      const { snapshot, redacted, failed } = await captureSnapshot(stubSource(raw), { selection: { proxies: [PP] }, now: new Date(0), capturedBy: 't' });
      assert.deepEqual(failed, []);
      assert.equal(snapshot.proxies.get(PP)!.error, undefined);
      assert.ok(redacted >= (raw ? 8 : 3), `${redacted} fields removed`);
      const file = path.join(dir, `planted-${raw}.json.gz`);
      await writeSnapshot(file, snapshot);
      assertNoSecrets(readFileSync(file));
      // The redacted capture still explains: secrets are not needed for routing.
      const { config } = await (await SnapshotSource.open(file)).proxyConfig(PP);
      assert.equal(explain(config, parseRequest('GET http://reviews:9080/reviews/0', ['end-user: jason'])).subset, 'v2');
      assert.ok(
        config.secrets.some((s) => s.name === 'planted-tls'),
        'the secret is still listed by name',
      );
    });

    it(`records a failing proxy with its error and goes on (${how})`, async () => {
      const events: CaptureEvent[] = [];
      const { snapshot, failed } = await captureSnapshot(stubSource(raw), {
        selection: { proxies: [BROKEN, GW] },
        now: new Date('2025-01-15T09:14:02Z'),
        capturedBy: 't',
        onEvent: (e) => events.push(e),
        concurrency: 1,
      });
      assert.deepEqual(failed, [BROKEN]);
      assert.match(snapshot.proxies.get(BROKEN)!.error!, /error 503/);
      assert.equal(snapshot.proxies.get(BROKEN)!.configDump, undefined);
      assert.ok(snapshot.proxies.get(GW)!.configDump);
      assert.deepEqual(
        events.map((e) => `${e.kind} ${'proxy' in e ? e.proxy : 'namespace' in e ? e.namespace : e.count}${'error' in e && e.error ? ' error' : ''}`),
        [`proxy-start ${BROKEN}`, `proxy-done ${BROKEN} error`, `proxy-start ${GW}`, `proxy-done ${GW}`, 'analyze bookinfo', 'analyze istio-system'],
      );
      assert.equal(snapshot.capturedAt, '2025-01-15T09:14:02.000Z');
    });
  }

  it('selects the proxies of a namespace and records analyze, stats, versions and context', async () => {
    const { snapshot } = await captureSnapshot(stubSource(true), { selection: { namespaces: ['istio-system'] }, now: new Date(0), capturedBy: 't' });
    assert.deepEqual([...snapshot.proxies.keys()], [GW]);
    assert.deepEqual([...snapshot.analyze.keys()], ['istio-system']);
    assert.deepEqual(snapshot.proxies.get(GW)!.stats, { counters: stats.counters, gauges: {}, histograms: {} });
    assert.deepEqual([snapshot.context, snapshot.istioctlVersion, snapshot.istioVersion], ['kind-stub', '1.24.2', '1.24.1']);
  });

  it('rebuilds proxy-status from summaries when the source has no raw documents', async () => {
    const source = stubSource(false);
    const summaries = await source.listProxies();
    assert.deepEqual(parseProxyStatus(syncDocumentsFromSummaries(summaries)), summaries);
    const { snapshot } = await captureSnapshot(source, { selection: { all: true }, now: new Date(0), capturedBy: 't' });
    assert.deepEqual([...snapshot.analyze.keys()], ['*']);
    assert.equal(snapshot.istioVersion, '1.24.2');
  });

  it('the committed bookinfo snapshot carries no certificate or key material', () => {
    assertNoSecrets(readFileSync(path.join(repoRoot, 'fixtures', 'snapshots', 'bookinfo.json.gz')));
  });
});

describe('meshscope snapshot', () => {
  let dir = '';
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'meshscope-snapshot-cli-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));
  const input = path.join('fixtures', 'snapshots', 'bookinfo.json.gz');

  it('re-captures some proxies of a snapshot, with progress on stderr, and keeps its capture time', async () => {
    const out = path.join(dir, 'pp.json.gz');
    const r = await runCli(['snapshot', '--snapshot', input, '-n', 'bookinfo', '-o', out]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, '');
    // The namespace's seven proxies of the demo snapshot (not the gateway in istio-system), and its objects.
    const bookinfo = [
      'details-v1-65cfcf56f9-q8w7m',
      'productpage-v1-7d6cfb7dfd-4xk2p',
      'ratings-v1-7c9bd4b87f-9v5lx',
      'reviews-v1-5896f547f5-mz4wq',
      'reviews-v2-5b667bcbf8-xq2lm',
      'reviews-v3-7886dd86b9-lc4jh',
      'waypoint-7b6f9d8c4d-p5x9v',
    ].map((pod) => `${pod}.bookinfo`);
    const progress = bookinfo.map((name, i) => `\\[${i + 1}\\/7\\] ${name.replaceAll('.', '\\.')}: ok\\n`).join('');
    assert.match(
      r.stderr,
      new RegExp(
        `^${progress}analyze bookinfo: ok\\nobjects: \\d+ recorded\\nwrote .*pp\\.json\\.gz \\(\\d+ bytes\\): 7 of 7 proxies, 0 secret fields removed\\n$`,
      ),
    );
    const source = await SnapshotSource.open(out);
    assert.deepEqual(source.proxyNames(), bookinfo);
    assert.equal(source.provenance.capturedAt, '2025-01-15T09:14:02.000Z');
  });

  it('refuses to overwrite without --force (exit 2) and overwrites with it', async () => {
    const out = path.join(dir, 'twice.json');
    assert.equal((await runCli(['snapshot', '--snapshot', input, PP, '-o', out])).code, 0);
    const again = await runCli(['snapshot', '--snapshot', input, PP, '-o', out]);
    assert.equal(again.code, 2);
    assert.match(again.stderr, /twice\.json already exists; pass --force to overwrite it/);
    assert.equal((await runCli(['snapshot', '--snapshot', input, GW, '-o', out, '--force'])).code, 0);
    assert.deepEqual((await SnapshotSource.open(out)).proxyNames(), [GW]);
  });

  const usage: [string, string[], RegExp][] = [
    ['no selection', ['-o', 'x.json'], /say what to capture: POD\.NAMESPACE\.\.\., -n NAMESPACE or -A/],
    ['no output', ['-A'], /needs -o FILE/],
    ['two selections', ['-A', '-n', 'x', '-o', 'x.json'], /not several/],
    ['a bad proxy name', ['Bad_Pod', '-o', 'x.json'], /"Bad_Pod" is not POD\.NAMESPACE/],
    ['a namespace with no proxy', ['--snapshot', input, '-n', 'nowhere', '-o', 'nowhere.json'], /no proxy matches namespace nowhere/],
    ['live flags with --snapshot', ['--snapshot', input, '--context', 'prod', '-A', '-o', 'x.json'], /--context reaches a cluster/],
  ];
  for (const [what, args, pattern] of usage) {
    it(`explains ${what} (exit 2)`, async () => {
      const r = await runCli(['snapshot', ...args.map((a) => (a.endsWith('.json') ? path.join(dir, a) : a))]);
      assert.equal(r.code, 2, r.stderr);
      assert.match(r.stderr, pattern);
    });
  }
});

describe('an interrupted capture', () => {
  it('rejects instead of returning half a snapshot', async () => {
    const controller = new AbortController();
    const source = stubSource(true);
    const slow: CaptureSource = {
      ...source,
      rawProxyConfig: async (proxy, signal) => {
        controller.abort(new Error('interrupted'));
        signal?.throwIfAborted();
        return source.rawProxyConfig!(proxy, signal);
      },
    };
    await assert.rejects(
      captureSnapshot(slow, { selection: { proxies: [PP, GW] }, now: new Date(0), capturedBy: 't', signal: controller.signal }),
      /interrupted/,
    );
  });
});
