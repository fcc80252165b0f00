import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GOLDEN_CASES, lineDiff, PINNED_NOW, runGoldenCase } from '../scripts/conformance/istioctl-cases.ts';
import { runCli } from './helpers/cli.ts';
import { conformance, conformanceDir, fixture, needsConformance, repoRoot } from './helpers/paths.ts';

const T = (...p: string[]): string => conformance('istioctl-configdump/istioctl/pkg/writer/envoy/configdump/testdata', ...p);
const ALL_DUMP = conformance('istioctl-configdump/istioctl/pkg/proxyconfig/testdata/config_dump.json');

describe('istioctl proxy-config goldens, byte for byte', { skip: needsConformance }, () => {
  for (const c of GOLDEN_CASES) {
    it(`${c.name}: meshscope ${c.argv.join(' ')}`, async () => {
      const out = await runGoldenCase(c, conformanceDir, repoRoot);
      assert.equal(out.stderr, '');
      assert.equal(out.code, 0);
      assert.ok(out.stdout === out.expected, `output differs from ${c.golden}\n${lineDiff(out.expected, out.stdout)}`);
    });
  }
});

describe('the table commands', () => {
  it('refuses an unknown flag, naming it (exit 2)', async () => {
    const r = await runCli(['routes', '--file', T('routes/empty-gateway/configdump.json'), '--bogus']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--bogus/);
    assert.equal(r.stdout, '');
  });

  it('refuses a flag istioctl does not have for that view', async () => {
    const r = await runCli(['clusters', '--file', ALL_DUMP, '--name', 'x']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--name/);
  });

  it('takes a pod name as a live proxy, read through istioctl', async () => {
    const r = await runCli(['proxy-config', 'routes', 'productpage-v1-abc.bookinfo'], { PATH: '' });
    assert.equal(r.code, 3);
    assert.match(r.stderr, /istioctl not found on PATH/);
  });

  it('refuses an unknown view and an unknown -o', async () => {
    const view = await runCli(['pc', 'logs', '--file', ALL_DUMP]);
    assert.equal(view.code, 2);
    assert.match(view.stderr, /unknown view "logs"/);
    const output = await runCli(['pc', 'secret', '--file', ALL_DUMP, '-o', 'wide']);
    assert.equal(output.code, 2);
    assert.match(output.stderr, /-o wide/);
  });

  it('takes --verbose=false as istioctl does', { skip: needsConformance }, async () => {
    const r = await runCli(['listeners', '--file', ALL_DUMP, '--verbose=false']);
    assert.equal(r.code, 0);
    assert.equal(r.stdout, 'ADDRESSES PORT  TYPE\n          0     HTTP+TCP\n0.0.0.0   15021 HTTP\n');
    const bad = await runCli(['listeners', '--file', ALL_DUMP, '--verbose=maybe']);
    assert.equal(bad.code, 2);
  });

  it('filters listeners by port and routes by name', { skip: needsConformance }, async () => {
    const listeners = await runCli(['pc', 'listener', '-f', ALL_DUMP, '--port', '15021']);
    assert.equal(listeners.stdout, 'ADDRESSES PORT  MATCH DESTINATION\n0.0.0.0   15021 ALL   Inline Route: /healthz/ready*\n');
    const routes = await runCli(['routes', '-f', T('routes/istio-gateway-http-route-prefix/configdump.json'), '--name', 'nope']);
    assert.equal(routes.stdout, 'NAME     VHOST NAME     DOMAINS     MATCH     VIRTUAL SERVICE\n');
    const port = await runCli(['clusters', '-f', ALL_DUMP, '--port', 'eighty']);
    assert.equal(port.code, 2);
    assert.match(port.stderr, /--port/);
  });

  it('prints /clusters health when there is /clusters data, the EDS table otherwise', async () => {
    const dump = fixture('bookinfo/productpage/config_dump.json');
    const live = await runCli(['endpoints', '--file', dump, '--endpoints', fixture('bookinfo/productpage/endpoints.json')]);
    assert.equal(live.code, 0);
    assert.match(live.stdout, /^ENDPOINT {5,}STATUS {5,}OUTLIER CHECK {5,}CLUSTER\n/);
    const eds = await runCli(['pc', 'ep', '--file', dump]);
    assert.match(eds.stdout, /^NAME {5,}STATUS {5,}LOCALITY {5,}CLUSTER\n/);
  });

  it('says which section is missing (exit 2)', { skip: needsConformance }, async () => {
    const r = await runCli(['clusters', '--file', T('ecds/configdump.json')]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /no clusters found/);
  });

  it('prints the whole dump for all -o json', { skip: needsConformance }, async () => {
    const r = await runCli(['pc', 'all', '-f', T('configdump.json'), '-o', 'json']);
    const { readFile } = await import('node:fs/promises');
    assert.equal(r.stdout, `${await readFile(T('configdump.json'), 'utf8')}\n`);
  });

  it('judges VALID CERT at MESHSCOPE_NOW, and refuses a malformed one', { skip: needsConformance }, async () => {
    const before = await runCli(['pc', 'secret', '-f', T('secret/istio/config_dump.json')], { MESHSCOPE_NOW: '2023-05-15T12:00:00Z' });
    assert.match(before.stdout, /\ndefault +Cert Chain +ACTIVE +true /);
    const pinned = await runCli(['pc', 'secret', '-f', T('secret/istio/config_dump.json')], { MESHSCOPE_NOW: PINNED_NOW });
    assert.match(pinned.stdout, /\ndefault +Cert Chain +ACTIVE +false /);
    const bad = await runCli(['pc', 'secret', '-f', T('secret/istio/config_dump.json')], { MESHSCOPE_NOW: 'tomorrow' });
    assert.equal(bad.code, 2);
  });

  it('lists the views in proxy-config --help', async () => {
    const r = await runCli(['proxy-config', '--help']);
    assert.equal(r.code, 0);
    for (const view of ['all', 'bootstrap', 'cluster', 'listener', 'route', 'endpoint', 'eds', 'secret', 'ecds'])
      assert.match(r.stdout, new RegExp(`\\b${view}\\b`));
  });
});
