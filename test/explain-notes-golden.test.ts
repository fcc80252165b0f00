import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { goldenPath, NOTE_SCENARIOS, renderNote } from './helpers/golden-notes.ts';

describe('incident notes of the demo scenarios (golden Markdown; regenerate with scripts/golden-notes.ts --update)', () => {
  for (const s of NOTE_SCENARIOS) {
    it(`${s.name}: ${s.what}`, async () => {
      const { code, stdout, stderr } = await renderNote(s.argv);
      assert.equal(code, s.exit, stderr);
      assert.equal(stderr, '');
      assert.equal(stdout, readFileSync(goldenPath(s.name), 'utf8'));
    });
  }

  it('every note names its provenance and how to reproduce it', () => {
    for (const s of NOTE_SCENARIOS) {
      const note = readFileSync(goldenPath(s.name), 'utf8');
      assert.match(note, /^## /, s.name);
      assert.match(
        note,
        /- \*\*Captured:\*\* 2025-01-15T09:14:02\.000Z\n- \*\*Cluster context:\*\* `gke_meshscope-demo_us-east1_bookinfo`\n- \*\*Istio:\*\* 1\.24\.2 \(istioctl 1\.24\.2\)/,
        s.name,
      );
      assert.match(note, /### Reproduce\n\n```sh\nmeshscope explain --snapshot fixtures\/snapshots\/bookinfo\.json\.gz --from /, s.name);
    }
  });
});
