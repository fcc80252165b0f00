import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runCli } from './helpers/cli.ts';
import { miniClusters, miniDump, type miniRoutes } from './helpers/mini-mesh.ts';

describe('meshscope explain (CLI)', () => {
  let dir = '';
  let dump = '';
  let clusters = '';
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'meshscope-explain-'));
    dump = path.join(dir, 'dump.json');
    clusters = path.join(dir, 'clusters.json');
    writeFileSync(dump, JSON.stringify(miniDump));
    writeFileSync(clusters, JSON.stringify(miniClusters));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('prints the JSON contract with stable field names and exits 0 for a served request', async () => {
    const r = await runCli(['explain', '--file', dump, '--endpoints', clusters, '-o', 'json', 'GET http://reviews:9080/reviews/1', '-H', 'end-user: jason']);
    assert.equal(r.code, 0, r.stderr);
    const j = JSON.parse(r.stdout);
    for (const key of [
      'outcome',
      'listener',
      'routeConfig',
      'virtualHost',
      'route',
      'virtualService',
      'destinations',
      'cluster',
      'subset',
      'destinationRule',
      'endpoints',
      'policies',
      'steps',
      'notTaken',
    ]) {
      assert.ok(key in j, `missing ${key}`);
    }
    assert.equal(j.outcome, 'route');
    assert.equal(j.subset, 'v2');
    assert.deepEqual(Object.keys(j.destinations[0]).sort(), ['cluster', 'destinationRule', 'known', 'probability', 'subset', 'weight']);
    assert.deepEqual(Object.keys(j.endpoints[0]).sort(), [
      'address',
      'ejected',
      'health',
      'locality',
      'namespace',
      'port',
      'priority',
      'share',
      'shareReason',
      'weight',
      'workload',
    ]);
    assert.deepEqual(Object.keys(j.steps[0]).sort(), ['reason', 'result', 'stage']);
  });

  it('exits 1 when the request would fail (503 UH from the ejected canary endpoint)', async () => {
    const r = await runCli(['explain', '--file', dump, '--endpoints', clusters, '--random', '95', 'GET http://reviews:9080/']);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /503 UH/);
    assert.match(r.stdout, /EJECTED/);
  });

  it('writes a Markdown note with the command to reproduce it', async () => {
    const r = await runCli(['explain', '--file', dump, '-o', 'markdown', 'GET http://reviews:9080/reviews/1', '-H', 'end-user: jason']);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /### Trace/);
    assert.match(r.stdout, /meshscope explain --file .* 'GET http:\/\/reviews:9080\/reviews\/1' -H 'end-user: jason'/);
  });

  it('answers --why-not with what the request lacks', async () => {
    const r = await runCli(['explain', '--file', dump, '--why-not', 'v2', 'GET http://reviews:9080/reviews/1']);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /Why not v2\?/);
    assert.match(r.stdout, /needs header end-user/);
  });

  it('takes the connection from --ip, --sni and --alpn and reports it in JSON', async () => {
    const r = await runCli(['explain', '--file', dump, '-o', 'json', '--ip', '10.96.0.7', 'GET http://reviews:9080/reviews/1']);
    const j = JSON.parse(r.stdout);
    assert.equal(j.connection.destinationIp, '10.96.0.7');
    assert.match(j.connection.how, /10\.96\.0\.7 \(--ip\)/);
    assert.equal(j.connection.tls, null);
    const t = await runCli(['explain', '--file', dump, '-o', 'json', '--sni', 'reviews.example', '--alpn', 'http/1.1', 'GET http://reviews:9080/reviews/1']);
    const k = JSON.parse(t.stdout);
    assert.deepEqual(k.connection.tls, { serverName: 'reviews.example', alpn: ['http/1.1'] });
    // The sidecar's 9080 chain reads plaintext HTTP: a TLS client is not routed there.
    assert.equal(k.destinations.length, 0);
    assert.equal(t.code, 1);
  });

  const bad: [string, string[], RegExp][] = [
    ['a bad --ip', ['--ip', 'reviews', 'GET http://reviews:9080/'], /--ip reviews is not an IP address/],
    ['--sni with --log', ['--sni', 'a', '--log', '[2024-01-01T00:00:00.000Z] "GET / HTTP/1.1" 200'], /cannot be combined with .*--sni/],
    ['an unparseable URL', ['GET reviews/1'], /URL "reviews\/1" is not an absolute http\(s\) URL/],
    ['a header without a colon', ['GET http://reviews:9080/', '-H', 'end-user jason'], /header "end-user jason" has no colon/],
    ['an unknown --from', ['--from', 'ratings-v1-x.bookinfo', 'GET http://reviews:9080/'], /--from ratings-v1-x.bookinfo is unknown/],
    ['a bad --random', ['--random', '-3', 'GET http://reviews:9080/'], /--random|needs a value/],
    ['an unknown flag', ['--frobnicate', 'GET http://reviews:9080/'], /unknown flag --frobnicate/],
    ['a missing file', ['GET http://reviews:9080/'], /no such file/],
  ];
  for (const [what, args, message] of bad) {
    it(`rejects ${what} with one line and exit 2`, async () => {
      const file = what === 'a missing file' ? path.join(dir, 'nope.json') : dump;
      const r = await runCli(['explain', '--file', file, ...args]);
      assert.equal(r.code, 2);
      assert.match(r.stderr, message);
      assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
      assert.doesNotMatch(r.stderr, /at .*\.ts:\d+/);
    });
  }

  it('rejects a route regex RE2 cannot compile, naming the file (exit 2)', async () => {
    const broken = structuredClone(miniDump) as { configs: { dynamic_route_configs?: { route_config: typeof miniRoutes }[] }[] };
    const routes = broken.configs.find((c) => c.dynamic_route_configs)!.dynamic_route_configs![0]!.route_config as { virtual_hosts: { routes: unknown[] }[] };
    routes.virtual_hosts[0]!.routes.unshift({ match: { safe_regex: { regex: '/(a+' } }, route: { cluster: 'x' } });
    const file = path.join(dir, 'broken.json');
    writeFileSync(file, JSON.stringify(broken));
    const r = await runCli(['explain', '--file', file, 'GET http://reviews:9080/']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /broken\.json: .*invalid RE2 pattern "\/\(a\+"/);
  });
});
