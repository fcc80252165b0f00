import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { JsonObject } from '../src/core/envoy/json.ts';
import { readSnapshot } from '../src/sources/snapshot/read.ts';
import { writeSnapshot } from '../src/sources/snapshot/write.ts';
import { runCli } from './helpers/cli.ts';
import { fixture, repoRoot } from './helpers/paths.ts';

const BEFORE = path.join(repoRoot, 'fixtures', 'snapshots', 'bookinfo.json.gz');
const PP = 'productpage-v1-7d6cfb7dfd-4xk2p.bookinfo';
const PP_RESTARTED = 'productpage-v1-7d6cfb7dfd-9zq7w.bookinfo';

/** The bookinfo snapshot twenty minutes later: the canary moved to 50/50, the productpage pod restarted, the ejection ended, an analyzer message went away. */
async function after20Minutes(file: string): Promise<void> {
  const s = await readSnapshot(BEFORE);
  const pp = s.proxies.get(PP)!;
  s.proxies.delete(PP);
  s.proxies.set(PP_RESTARTED, pp);
  const routes = (pp.configDump as JsonObject).configs as JsonObject[];
  const rds = routes.filter((c) => String(c['@type']).endsWith('RoutesConfigDump')).at(-1)!;
  const vh = (((rds.dynamic_route_configs as JsonObject[])[0]!.route_config as JsonObject).virtual_hosts as JsonObject[]).find((v) =>
    String(v.name).startsWith('reviews'),
  )!;
  const split = (((vh.routes as JsonObject[])[2]!.route as JsonObject).weighted_clusters as JsonObject).clusters as JsonObject[];
  split[0]!.weight = 50;
  split[1]!.weight = 50;
  for (const status of pp.endpoints as JsonObject[])
    for (const h of (status.hostStatuses as JsonObject[] | undefined) ?? []) delete (h.healthStatus as JsonObject).failedOutlierCheck;
  s.analyze.set('bookinfo', s.analyze.get('bookinfo')!.slice(1));
  s.capturedAt = '2025-01-15T09:34:10.000Z';
  await writeSnapshot(file, s);
}

describe('meshscope diff', () => {
  let dir = '';
  let later = '';
  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'meshscope-diff-'));
    later = path.join(dir, 'later.json.gz');
    await after20Minutes(later);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('exits 0 and says so when nothing changed', async () => {
    const r = await runCli(['diff', BEFORE, BEFORE]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /\nno differences\n$/);
  });

  it('lists the changes per proxy, pairing the restarted pod, and exits 1', async () => {
    const r = await runCli(['diff', BEFORE, later]);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stdout, new RegExp(`${PP.replace(/\./g, '\\.')} → ${PP_RESTARTED.replace(/\./g, '\\.')}: 2 changes`));
    assert.match(
      r.stdout,
      / {2}routes\n {4}~ 9080\/reviews\.bookinfo\.svc\.cluster\.local:9080\/reviews-canary: weights changed: outbound\|9080\|v1\|reviews\.bookinfo\.svc\.cluster\.local 90 → 50/,
    );
    assert.match(
      r.stdout,
      / {2}endpoints\n {4}~ 10\.244\.1\.10:9080 in outbound\|9080\|v1\|reviews\.bookinfo\.svc\.cluster\.local: 10\.244\.1\.10:9080 no longer ejected/,
    );
    assert.match(r.stdout, /istio-ingressgateway-6b8f4c7d9b-wq5tz\.istio-system: no changes/);
    assert.match(r.stdout, /istioctl analyze\n {4}- Error IST0173 went away on DestinationRule bookinfo\/details/);
  });

  it('writes Markdown for an incident note', async () => {
    const r = await runCli(['diff', BEFORE, later, '-o', 'markdown']);
    assert.equal(r.code, 1);
    assert.match(
      r.stdout,
      /^## What changed between `.*bookinfo\.json\.gz \(2025-01-15T09:14:02\.000Z\)` and `.*later\.json\.gz \(2025-01-15T09:34:10\.000Z\)`\n/,
    );
    assert.match(
      r.stdout,
      /#### Routes\n\n\| {2}\| Object \| Change \|\n\|---\|---\|---\|\n\| ~ \| `9080\/reviews\.bookinfo\.svc\.cluster\.local:9080\/reviews-canary` \| weights changed:/,
    );
  });

  it('prints JSON with stable change kinds', async () => {
    const r = await runCli(['diff', BEFORE, later, '-o', 'json', '--from', PP]);
    assert.equal(r.code, 1);
    const doc = JSON.parse(r.stdout);
    assert.equal(doc.equal, false);
    assert.deepEqual(
      doc.proxies.map((p: { a: string; b: string }) => [p.a, p.b]),
      [[PP, PP_RESTARTED]],
    );
    assert.deepEqual(
      doc.proxies[0].changes.map((c: { kind: string }) => c.kind),
      ['weight-changed', 'ejection-changed'],
    );
  });

  it('compares a config dump with a snapshot', async () => {
    const dump = path.join(dir, 'dump.json');
    const s = await readSnapshot(later);
    writeFileSync(dump, JSON.stringify(s.proxies.get(PP_RESTARTED)!.configDump));
    const r = await runCli(['diff', fixture('bookinfo', 'productpage', 'config_dump.json'), dump, '-o', 'json']);
    assert.equal(r.code, 1, r.stderr);
    assert.deepEqual(
      JSON.parse(r.stdout).proxies[0].changes.map((c: { kind: string }) => c.kind),
      ['weight-changed'],
    );
    const mixed = await runCli(['diff', dump, BEFORE, '--from', PP]);
    assert.equal(mixed.code, 1, mixed.stderr);
  });

  const usage: [string, string[], RegExp][] = [
    ['one capture', ['diff', BEFORE], /diff takes two captures, A and B \(got 1\)/],
    ['a missing file', ['diff', BEFORE, 'nope.json'], /nope\.json: no such file/],
    [
      'a dump that matches no proxy of the snapshot',
      ['diff', fixture('bookinfo', 'productpage', 'endpoints.json'), BEFORE],
      /cannot tell which proxy of the snapshot the dump is; pick one with --from POD.NAMESPACE/,
    ],
    ['an unknown --from', ['diff', BEFORE, BEFORE, '--from', 'x-1.ns'], /has no proxy "x-1\.ns"/],
  ];
  for (const [what, argv, pattern] of usage) {
    it(`refuses ${what} (exit 2)`, async () => {
      const r = await runCli(argv);
      assert.equal(r.code, 2, r.stdout);
      assert.match(r.stderr, pattern);
    });
  }
});
