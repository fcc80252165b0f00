import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { EXPLAIN_SCENARIOS, PATH_SCENARIOS, pathGoldenPath, renderNote } from './helpers/golden-notes.ts';

describe('explain --path through the demo snapshot (golden text and JSON; regenerate with scripts/golden-notes.ts --update)', () => {
  for (const s of PATH_SCENARIOS) {
    it(`${s.name}: ${s.what}`, async () => {
      const { code, stdout, stderr } = await renderNote(s.argv);
      assert.equal(code, s.exit, stderr);
      assert.equal(stderr, '');
      assert.equal(stdout, readFileSync(pathGoldenPath(s.file), 'utf8'));
    });
  }

  it('the JSON goldens carry the hops contract: proxy, direction, outcome, cluster, endpoint, status, responseFlag, reason', () => {
    for (const s of PATH_SCENARIOS.filter((p) => p.file.endsWith('.json'))) {
      const doc = JSON.parse(readFileSync(pathGoldenPath(s.file), 'utf8')) as { hops: Record<string, unknown>[]; failedAt: number | null };
      assert.ok(doc.hops.length >= 2, s.file);
      for (const hop of doc.hops)
        for (const key of ['proxy', 'direction', 'outcome', 'cluster', 'endpoint', 'status', 'responseFlag', 'reason'])
          assert.ok(key in hop, `${s.file}: ${key}`);
      assert.equal(doc.failedAt === null, s.exit === 0, s.file);
    }
  });
});

describe('explain goldens: the two-zone failover and the demo reviews-v1 ejection (JSON and text; regenerate with scripts/golden-notes.ts --update)', () => {
  for (const s of EXPLAIN_SCENARIOS) {
    it(`${s.name}: ${s.what}`, async () => {
      const { code, stdout, stderr } = await renderNote(s.argv);
      assert.equal(code, s.exit, stderr);
      assert.equal(stderr, '');
      assert.equal(stdout, readFileSync(pathGoldenPath(s.file), 'utf8'));
    });
  }

  it('the JSON goldens carry the endpoints contract: address, port, workload, locality, health, ejected, share', () => {
    for (const s of EXPLAIN_SCENARIOS.filter((f) => f.file.endsWith('.json'))) {
      const doc = JSON.parse(readFileSync(pathGoldenPath(s.file), 'utf8')) as { endpoints: Record<string, unknown>[]; outcome: string };
      assert.equal(doc.outcome, 'route', s.file);
      assert.equal(doc.endpoints.length, s.file.includes('failover') ? 5 : 2, s.file);
      for (const e of doc.endpoints)
        for (const key of ['address', 'port', 'workload', 'locality', 'health', 'ejected', 'share']) assert.ok(key in e, `${s.file}: ${key}`);
    }
  });

  it('the reviews-v1 golden carries failure: {retried, attempts, ejectionCounted, clientSees}', () => {
    const doc = JSON.parse(readFileSync(pathGoldenPath('explain-reviews-v1-ejection.json'), 'utf8')) as {
      endpoints: { address: string; share: number; shareReason: string | null }[];
      failure: { retried: boolean; attempts: number; ejectionCounted: boolean; clientSees: { status: number } };
    };
    assert.deepEqual(
      doc.endpoints.map((e) => [e.address, e.share, e.shareReason]),
      [
        ['10.244.1.10', 0, 'ejected by outlier detection'],
        ['10.244.2.11', 1, null],
      ],
    );
    assert.deepEqual([doc.failure.retried, doc.failure.attempts, doc.failure.ejectionCounted, doc.failure.clientSees.status], [false, 1, true, 503]);
  });
});
