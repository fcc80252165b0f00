/**
 * Regenerates the golden files in test/golden/ (incident notes and paths from the demo snapshot,
 * explain on fixtures/failover) — only on purpose:
 *
 *   npx tsc -p . && node dist/scripts/golden-notes.js --update
 *
 * Without --update it only says which notes differ from what meshscope renders now. Review the
 * diff (`git diff test/golden`) before committing regenerated notes.
 */
import { readFileSync } from 'node:fs';
import { EXPLAIN_SCENARIOS, goldenPath, NOTE_SCENARIOS, PATH_SCENARIOS, pathGoldenPath, renderNote, updateGoldenNotes } from '../test/helpers/golden-notes.ts';

if (process.argv.includes('--update')) {
  const changed = await updateGoldenNotes();
  process.stdout.write(changed.length ? `rewrote ${changed.join(', ')}\n` : 'every golden note is up to date\n');
} else {
  let stale = 0;
  for (const s of [
    ...NOTE_SCENARIOS.map((n) => ({ ...n, file: goldenPath(n.name) })),
    ...[...PATH_SCENARIOS, ...EXPLAIN_SCENARIOS].map((n) => ({ ...n, file: pathGoldenPath(n.file) })),
  ]) {
    const { stdout } = await renderNote(s.argv);
    let old = '';
    try {
      old = readFileSync(s.file, 'utf8');
    } catch {
      // missing
    }
    if (old !== stdout) {
      stale++;
      process.stdout.write(`differs: ${s.file}\n`);
    }
  }
  process.stdout.write(stale ? `${stale} note(s) differ; rerun with --update to rewrite them\n` : 'every golden note is up to date\n');
  process.exitCode = stale ? 1 : 0;
}
