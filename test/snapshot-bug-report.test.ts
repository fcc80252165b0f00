import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { loadProxyConfig } from '../src/core/envoy/load.ts';
import { explain } from '../src/core/explain/explain.ts';
import { parseAnalyzeText } from '../src/core/istio/analyze-text.ts';
import { parseRequest } from '../src/core/router/request.ts';
import { parseClustersText } from '../src/core/snapshot/clusters-text.ts';
import { readProxyConfig } from '../src/sources/files.ts';
import { SnapshotSource } from '../src/sources/snapshot-source.ts';
import { runCli } from './helpers/cli.ts';
import { fixture } from './helpers/paths.ts';
import { clustersText, tarArchive } from './helpers/snapshot-files.ts';

const PP = 'productpage-v1-7d6cfb7dfd-4xk2p';
const GW = 'istio-ingressgateway-6b8f4c7d9b-wq5tz';
const analyzeJson = JSON.parse(readFileSync(fixture('bookinfo', 'analyze.json'), 'utf8')) as { code: string; level: string; message: string; origin: string }[];

/** The files `istioctl bug-report` writes for the bookinfo demo (the ones meshscope reads, plus noise). */
async function bugReportFiles(): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for (const [ns, pod, dir] of [
    ['bookinfo', PP, 'productpage'],
    ['istio-system', GW, 'ingressgateway'],
  ] as const) {
    const base = `bug-report/proxies/${ns}/${pod}`;
    files[`${base}/config_dump?include_eds`] = readFileSync(fixture('bookinfo', dir, 'config_dump.json'), 'utf8');
    const endpoints = await readProxyConfig({ dump: fixture('bookinfo', dir, 'endpoints.json') });
    files[`${base}/clusters`] = clustersText(endpoints);
    files[`${base}/istio-proxy.log`] = '2025-01-15T09:00:00.000Z\tinfo\tEnvoy proxy is ready\n';
    files[`${base}/stats/prometheus`] = '# TYPE envoy_cluster_upstream_rq_total counter\n';
  }
  files['bug-report/proxies/istio-system/ztunnel-abcde/istio-proxy.log'] = 'ztunnel log\n';
  files['bug-report/analyze/allNamespaces/allNamespaces'] = `${analyzeJson.map((m) => `${m.level} [${m.code}] (${m.origin}) ${m.message}`).join('\n')}\n`;
  files['bug-report/cluster/cluster-context'] = 'kind-bookinfo\nhttps://127.0.0.1:6443\n';
  files['bug-report/versions'] =
    'CLI version:\nversion.BuildInfo{Version:"1.24.2", GitRevision:"abc", GolangVersion:"go1.23.4", Status:"Clean", Tag:"1.24.2"}\n\nThe following Istio control plane revisions/versions were found in the cluster:\nRevision default:\n&version.MeshInfo{{Component:"pilot", Revision:"default", Info:version.BuildInfo{Version:"1.24.1"}}}\n';
  files['bug-report/istio/istio-system/istiod-7c9d8f6b5-2xk8q/debug/syncz'] =
    `${readFileSync(fixture('bookinfo', 'proxy-status.json'), 'utf8').split('\n}\n')[0]}\n}\n`;
  return files;
}

const MTIME = Date.parse('2025-01-15T09:20:00Z');

describe('an istioctl bug-report as a snapshot', () => {
  let dir = '';
  let folder = '';
  let archive = '';
  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'meshscope-bugreport-'));
    folder = path.join(dir, 'extracted');
    const files = await bugReportFiles();
    for (const [name, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(folder, name)), { recursive: true });
      writeFileSync(path.join(folder, name), text);
    }
    archive = path.join(dir, 'bug-report.tar.gz');
    writeFileSync(archive, gzipSync(tarArchive(Object.entries(files).map(([name, data]) => ({ name, data, mtimeMs: MTIME })))));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  for (const which of ['folder', 'archive'] as const) {
    it(`reads the ${which}: proxies, context, versions, analysis`, async () => {
      const source = await SnapshotSource.open(which === 'folder' ? folder : archive);
      assert.deepEqual(source.proxyNames(), [`${GW}.istio-system`, `${PP}.bookinfo`]);
      const p = source.provenance;
      assert.equal(p.context, 'kind-bookinfo');
      assert.equal(p.istioctlVersion, '1.24.2');
      assert.equal(p.istioVersion, '1.24.1');
      assert.equal(p.capturedBy, 'istioctl bug-report');
      if (which === 'archive') assert.equal(p.capturedAt, '2025-01-15T09:20:00Z');
      const messages = await source.analyze('bookinfo');
      assert.deepEqual(
        messages.map((m) => [m.code, m.level, m.kind, m.name]),
        analyzeJson.map((m) => [m.code, m.level, m.origin.split(' ')[0], m.origin.split('/')[1]]),
      );
      const status = await source.listProxies();
      assert.equal(status.find((s) => s.pod === PP)?.sync.CDS, 'SYNCED');
    });

    it(`explains from the ${which} as from the dump and /clusters JSON, ejection included`, async () => {
      const source = await SnapshotSource.open(which === 'folder' ? folder : archive);
      const { config } = await source.proxyConfig(`${PP}.bookinfo`);
      const files = await readProxyConfig({
        dump: fixture('bookinfo', 'productpage', 'config_dump.json'),
        endpoints: fixture('bookinfo', 'productpage', 'endpoints.json'),
      });
      const request = parseRequest('GET http://reviews:9080/reviews/0');
      const a = explain(config, request, { randomValue: 1n });
      const b = explain(files, request, { randomValue: 1n });
      assert.deepEqual(a.endpoints, b.endpoints);
      assert.ok(
        a.endpoints.some((e) => e.ejected),
        'the ejected reviews-v1 host',
      );
      assert.deepEqual({ ...a, proxy: null }, { ...b, proxy: null });
    });
  }

  it('works for explain on the command line', async () => {
    const r = await runCli(['explain', '--snapshot', archive, '--from', `${PP}.bookinfo`, '-o', 'json', 'GET http://details:9080/details/0']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(JSON.parse(r.stdout).subset, 'v1');
  });

  it('refuses a folder that is not a bug report', async () => {
    const r = await runCli(['explain', '--snapshot', `${dir}/extracted/bug-report/cluster`, 'GET http://x/']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /is a folder without proxies\/<namespace>\/<pod>\/config_dump/);
  });
});

describe('Envoy /clusters text', () => {
  it('reads host health, ejection, locality, weight and counters, IPv6 included', () => {
    const text = [
      'outbound|80||a.ns.svc.cluster.local::outlier::success_rate_average::-1',
      'outbound|80||a.ns.svc.cluster.local::default_priority::max_connections::4294967295',
      'outbound|80||a.ns.svc.cluster.local::added_via_api::true',
      'outbound|80||a.ns.svc.cluster.local::10.0.0.1:80::cx_active::2',
      'outbound|80||a.ns.svc.cluster.local::10.0.0.1:80::rq_error::7',
      'outbound|80||a.ns.svc.cluster.local::10.0.0.1:80::hostname::',
      'outbound|80||a.ns.svc.cluster.local::10.0.0.1:80::health_flags::/failed_outlier_check',
      'outbound|80||a.ns.svc.cluster.local::10.0.0.1:80::weight::3',
      'outbound|80||a.ns.svc.cluster.local::10.0.0.1:80::region::r1',
      'outbound|80||a.ns.svc.cluster.local::10.0.0.1:80::zone::z1',
      'outbound|80||a.ns.svc.cluster.local::10.0.0.1:80::priority::1',
      'outbound|80||a.ns.svc.cluster.local::10.0.0.1:80::success_rate::-1',
      'outbound|80||a.ns.svc.cluster.local::[fd00::2]:80::health_flags::/failed_active_hc/failed_eds_health',
      'outbound|80||a.ns.svc.cluster.local::[fd00::3]:80::health_flags::healthy',
    ].join('\n');
    const config = loadProxyConfig([{ name: 'clusters', data: parseClustersText(text) }], 'x');
    const status = config.hostStatus[0]!;
    assert.equal(status.addedViaApi, true);
    const [a, b, c] = status.hosts;
    assert.deepEqual(
      [a!.address, a!.outlierEjected, a!.healthStatus, a!.weight, a!.priority, a!.locality, a!.stats],
      [{ address: '10.0.0.1', port: 80 }, true, 'HEALTHY', 3, 1, { region: 'r1', zone: 'z1' }, { cx_active: 2, rq_error: 7 }],
    );
    assert.deepEqual([b!.address.address, b!.failedActiveHealthCheck, b!.healthStatus], ['fd00::2', true, 'UNHEALTHY']);
    assert.deepEqual([c!.outlierEjected, c!.healthStatus], [false, 'HEALTHY']);
    assert.deepEqual(
      config.issues.value.filter((i) => i.severity !== 'info').map((i) => i.message),
      [],
    );
  });
});

describe('istioctl analyze log output', () => {
  it('reads level, code, origin, reference and message, and skips banners', () => {
    const text = [
      'Error [IST0101] (VirtualService bookinfo/reviews bookinfo.yaml:12) Referenced host not found: "reviews2"',
      'Warning [IST0130] [cluster-east] (VirtualService bookinfo/reviews) VirtualService rule "a" not used.',
      "Info [IST0118] (Service default/x) Port name y (port: 80, targetPort: 80) doesn't follow the naming convention.",
      '✔ No validation issues found when analyzing namespace: default.',
    ].join('\n');
    assert.deepEqual(parseAnalyzeText(text), [
      {
        code: 'IST0101',
        level: 'Error',
        message: 'Referenced host not found: "reviews2"',
        origin: 'VirtualService bookinfo/reviews',
        reference: 'bookinfo.yaml:12',
      },
      { code: 'IST0130', level: 'Warning', message: 'VirtualService rule "a" not used.', origin: 'VirtualService bookinfo/reviews' },
      { code: 'IST0118', level: 'Info', message: "Port name y (port: 80, targetPort: 80) doesn't follow the naming convention.", origin: 'Service default/x' },
    ]);
  });
});
