import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runCli } from './helpers/cli.ts';

/**
 * VALID CERT is judged when the data was captured, not on the day meshscope runs: a snapshot's
 * capture time; a dump file's newest `last_updated` (it was captured at or after it). The demo's
 * workload certificate is valid from 2025-01-15T08:10:31Z to 2025-01-16T08:12:31Z.
 */
describe('secret validity is judged at capture time', () => {
  it('a dump file: at its newest last_updated, said on stderr', async () => {
    const r = await runCli(['pc', 'secret', '--file', 'fixtures/bookinfo/productpage/config_dump.json'], { MESHSCOPE_NOW: '' });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^default\s+Cert Chain\s+ACTIVE\s+true\s+/m);
    assert.match(r.stderr, /VALID CERT is judged at the dump's newest last_updated, 2025-01-15T09:12:31/);
  });

  it('a snapshot: at its capture time; certificates dropped at capture are unknown, not invalid', async () => {
    const r = await runCli(['pc', 'secret', '--snapshot', 'fixtures/snapshots/bookinfo.json.gz', '--from', 'productpage-v1-7d6cfb7dfd-4xk2p.bookinfo'], {
      MESHSCOPE_NOW: '',
    });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^default\s+ACTIVE\s+unknown/m);
    assert.doesNotMatch(r.stdout, /\sfalse\s/);
    assert.match(r.stderr, /judged at the capture time, 2025-01-15T09:14:02/);
  });

  it('MESHSCOPE_NOW still pins it (the istioctl goldens), with nothing on stderr', async () => {
    const r = await runCli(['pc', 'secret', '--file', 'fixtures/bookinfo/productpage/config_dump.json'], { MESHSCOPE_NOW: '2026-01-01T00:00:00Z' });
    assert.match(r.stdout, /^default\s+Cert Chain\s+ACTIVE\s+false\s+/m);
    assert.equal(r.stderr, '');
  });
});
