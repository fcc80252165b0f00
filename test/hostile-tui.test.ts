import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createFileSource } from '../src/sources/file-source.ts';
import { hostileDump, hostileEndpoints, RAW_CONTROL } from './helpers/hostile-dump.ts';
import { KEY, press, type Rendered, renderApp, typeText, unmountLater, waitFor } from './helpers/ink.ts';

/**
 * Issue 13 part 1 in the TUI: the hostile productpage dump through every tab, the warnings screen,
 * an explain trace landing on the hostile subset, and the Markdown note `w` writes. Every frame
 * Ink rendered (ink-testing-library keeps them all) and the note are checked.
 */
const T = { timeout: 60_000 };
const now = () => Date.parse('2026-01-01T00:00:00Z');

function assertFrames(app: Rendered, where: string): void {
  for (const frame of app.frames) {
    const bad = RAW_CONTROL.exec(frame);
    assert.equal(bad, null, `${where}: raw U+${bad?.[0].charCodeAt(0).toString(16).padStart(4, '0')} in a frame:\n${frame}`);
    assert.ok(!frame.split('\n').some((l) => /^#+ heading|^- item/.test(l.trim())), `${where}: a line from the input in a frame:\n${frame}`);
  }
}

describe('a hostile dump in the TUI', () => {
  let dir = '';
  let dump = '';
  let endpoints = '';
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'meshscope-hostile-tui-'));
    dump = path.join(dir, 'config_dump.json');
    endpoints = path.join(dir, 'endpoints.json');
    writeFileSync(dump, JSON.stringify(hostileDump()));
    writeFileSync(endpoints, JSON.stringify(hostileEndpoints()));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('renders every tab, the warnings and an explain trace with visible escapes, and writes a safe note', T, async () => {
    const written: string[] = [];
    const notes = {
      write: async (name: string, text: string) => {
        written.push(text);
        return `./${name}`;
      },
      copy: () => null,
    };
    const app = renderApp(
      { source: createFileSource({ dump, endpoints }, { label: 'hostile' }), color: false, now, notes, sourceFlags: () => `--file ${dump}` },
      { columns: 200, rows: 40 },
    );
    try {
      await waitFor(app, 'productpage', 10_000);
      await press(app, [KEY.enter], (f) => f.includes('\\u001b'));
      for (const tab of ['1', '2', '3', '4', '5']) await press(app, [tab]);
      await press(app, ['W']);
      await press(app, [KEY.escape]);
      await press(app, ['1', 'e']);
      await typeText(app, 'GET http://reviews:9080/reviews/0');
      const trace = await press(app, [KEY.enter], (f) => f.includes('split') || f.includes('goes to'));
      assert.ok(trace.includes('\\u001b]52;c;aGVsbG8='), `the hostile subset is shown escaped:\n${trace}`);
      await press(app, ['w'], 'note written to');
      assertFrames(app, 'TUI');
      assert.equal(written.length, 1);
      const note = written[0]!;
      assert.equal(RAW_CONTROL.exec(note), null, 'no raw control in the note');
      assert.doesNotMatch(note.replace(/^(`{3,})[^\n]*\n[\s\S]*?\n\1$/gm, ''), /<script/i, 'no raw HTML in the note');
      assert.ok(!note.split('\n').some((l) => /^#+ heading|^- item/.test(l)), 'no block from the input in the note');
      assert.ok(note.includes('\\u001b]52;c;aGVsbG8='), 'the note shows the planted name escaped');
    } finally {
      await unmountLater(app);
    }
  });
});
