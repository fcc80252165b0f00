import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { PATH_SCENARIOS, pathGoldenPath, renderNote } from './helpers/golden-notes.ts';

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
