import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runCli } from './helpers/cli.ts';
import { createFakeIstioctl, type FakeIstioctl } from './helpers/fake-istioctl.ts';

const PRODUCTPAGE = 'productpage-v1-7d6cfb7dfd-4xk2p.bookinfo';

/**
 * Issue 13 part 6: an istioctl that answers exit 0 with nothing, with JSON of the wrong shape,
 * cut-off JSON, a table or a failure gives exit 3 and says what failed, on stderr, for every
 * live command; never "no proxy matches" and never a table with the errors on stdout.
 */
describe('live commands when istioctl answers badly (fake istioctl modes)', { timeout: 120_000 }, () => {
  let fake: FakeIstioctl;
  let out: string;
  before(() => {
    fake = createFakeIstioctl();
    out = mkdtempSync(path.join(tmpdir(), 'meshscope-fault-'));
  });
  after(() => {
    fake.dispose();
    rmSync(out, { recursive: true, force: true });
  });

  const commands: { name: string; argv: () => string[] }[] = [
    { name: 'meshtop --once POD', argv: () => ['top', '--once', PRODUCTPAGE, '-i', '0.5'] },
    { name: 'meshtop --once -n NS', argv: () => ['top', '--once', '-n', 'bookinfo', '-i', '0.5'] },
    { name: 'meshtop --once -o json POD', argv: () => ['top', '--once', '-o', 'json', PRODUCTPAGE, '-i', '0.5'] },
    { name: 'snapshot POD', argv: () => ['snapshot', PRODUCTPAGE, '-o', path.join(out, 'pod.json'), '--force'] },
    { name: 'snapshot -n NS', argv: () => ['snapshot', '-n', 'bookinfo', '-o', path.join(out, 'ns.json'), '--force'] },
    { name: 'explain POD', argv: () => ['explain', PRODUCTPAGE, 'GET http://reviews:9080/'] },
    { name: 'routes POD', argv: () => ['routes', PRODUCTPAGE] },
  ];
  const modes: { mode: string; says: RegExp }[] = [
    { mode: 'empty', says: /printed nothing; expected JSON/ },
    { mode: 'wrongshape', says: /expected .*; found an object with keys kind, items, configs/ },
    { mode: 'malformed', says: /printed invalid JSON/ },
    { mode: 'table', says: /did not print JSON: it starts with "NAME/ },
    { mode: 'fail', says: /failed \(exit 1\)/ },
  ];
  for (const { mode, says } of modes) {
    for (const command of commands) {
      it(`${command.name} with FAKE_ISTIOCTL_MODE=${mode}: exit 3, what failed on stderr, nothing on stdout`, async () => {
        const result = await runCli(command.argv(), fake.env({ FAKE_ISTIOCTL_MODE: mode }));
        assert.equal(result.code, 3, result.stderr);
        assert.equal(result.stdout, '');
        const last = result.stderr.trimEnd().split('\n').at(-1) ?? '';
        assert.match(last, /^meshscope: /);
        assert.match(last, says);
        assert.doesNotMatch(result.stderr, /no proxy matches/);
      });
    }
  }

  it('meshtop --once: a partial failure (stats of the wrong shape, endpoints fine) goes to stderr, the table to stdout, exit 0', async () => {
    const result = await runCli(
      ['top', '--once', PRODUCTPAGE, '-i', '0.5'],
      fake.env({ FAKE_ISTIOCTL_MODE: 'wrongshape', FAKE_ISTIOCTL_ONLY: 'proxy-config all' }),
    );
    assert.equal(result.code, 0, result.stderr);
    assert.doesNotMatch(result.stdout, /error/);
    assert.match(result.stdout, /^meshtop: productpage/);
    assert.match(result.stderr, /^meshtop: productpage-v1-7d6cfb7dfd-4xk2p\.bookinfo: config: .*found an object with keys kind, items, configs$/m);
  });

  it('meshtop --once -n NS: proxy-status with no proxies (a DiscoveryResponse without resources, as protojson prints it) is "no proxy matches", exit 1', async () => {
    const fixtures = mkdtempSync(path.join(tmpdir(), 'meshscope-ps-'));
    const { writeFileSync } = await import('node:fs');
    writeFileSync(path.join(fixtures, 'proxy-status.json'), '{"versionInfo":"2025-01-15T09:12:31Z/58","typeUrl":"istio.io/debug/syncz"}\n');
    try {
      const result = await runCli(['top', '--once', '-n', 'bookinfo', '-i', '0.5'], fake.env({ FAKE_ISTIOCTL_FIXTURES: fixtures }));
      assert.equal(result.code, 1, result.stderr);
      assert.equal(result.stderr, 'meshtop: no proxy matches namespace bookinfo\n');
    } finally {
      rmSync(fixtures, { recursive: true, force: true });
    }
  });
});
