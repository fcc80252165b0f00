import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { createFolderSource } from '../src/sources/folder-source.ts';
import { textFileWriter } from '../src/sources/save-file.ts';
import { KEY, press, type Rendered, renderApp, typeText, unmountLater, waitFor } from './helpers/ink.ts';
import { fixture } from './helpers/paths.ts';

/** Issue 14 item 5, the habits of k9s users, driven through the whole TUI (ink-testing-library). */
const T = { timeout: 30_000 };
const bookinfo = () => createFolderSource(fixture('bookinfo'), { label: 'folder fixtures/bookinfo' });
const now = () => Date.parse('2026-01-01T00:00:00Z');

async function withApp(app: Rendered, body: (app: Rendered) => Promise<void>): Promise<void> {
  try {
    await body(app);
  } finally {
    await unmountLater(app);
  }
}

async function openProductpage(app: Rendered): Promise<string> {
  await waitFor(app, 'productpage-v1-7d6cfb7dfd-4xk2p');
  await press(app, ['/']);
  await typeText(app, 'prodpage', '1 of 12 workloads');
  await press(app, [KEY.enter, KEY.enter]);
  return waitFor(app, 'jason-to-v2');
}

/** The table's row lines (selected or not), between the column header and the first empty line. */
function rowsOf(frame: string): string[] {
  const lines = frame.split('\n');
  const header = lines.findIndex((l) => /^\s+SERVICE[↑↓]?\s/.test(l));
  const out: string[] = [];
  for (const l of lines.slice(header + 1)) {
    if (l.trim() === '') break;
    out.push(l.slice(2).trimEnd());
  }
  return out;
}

describe('TUI k9s habits (issue 14 item 5)', () => {
  it('says so when a key does nothing, and the next key clears it', T, () =>
    withApp(renderApp({ source: bookinfo(), color: false, now }, { columns: 120, rows: 30 }), async (app) => {
      await waitFor(app, 'reviews-v3-7886dd86b9-lc4jh');
      let frame = await press(app, ['z'], 'unknown key z — ? for help');
      assert.match(frame, /reviews-v3-7886dd86b9-lc4jh/, 'the table stays');
      frame = await press(app, ['j'], (f) => !f.includes('unknown key'));
      await openProductpage(app);
      frame = await press(app, ['%'], 'unknown key % — ? for help');
      assert.match(frame, /jason-to-v2/);
    }),
  );

  it('filters with !text (rows without it) and ~regex (RE2), and shows an invalid regex in the filter line', T, () =>
    withApp(renderApp({ source: bookinfo(), color: false, now }, { columns: 160, rows: 40 }), async (app) => {
      await openProductpage(app);
      const all = rowsOf(await press(app, ['2'], 'SERVICE'));
      const reviews = all.filter((l) => l.includes('reviews'));
      assert.ok(reviews.length > 0 && reviews.length < all.length);
      await press(app, ['/']);
      let frame = await typeText(app, '!reviews', `${all.length - reviews.length} of ${all.length} clusters`);
      assert.deepEqual(
        rowsOf(frame),
        all.filter((l) => !l.includes('reviews')),
      );
      await press(app, [KEY.escape, '/']);
      frame = await typeText(app, '~^v[23]$', (f) => / of \d+ clusters/.test(f));
      const subsets = rowsOf(frame).map((l) => /:\d+\s+(\S+)/.exec(l)?.[1]);
      assert.ok(subsets.length >= 2, frame);
      assert.ok(
        subsets.every((s) => s === 'v2' || s === 'v3'),
        frame,
      );
      await press(app, [KEY.escape, '/']);
      frame = await typeText(app, '~(', 'regex: ');
      assert.match(frame, /missing/);
    }),
  );

  it('sorts by Shift+letter (the column initial), again descending, then the next column with the initial; the header marks it', T, () =>
    withApp(renderApp({ source: bookinfo(), color: false, now }, { columns: 160, rows: 40 }), async (app) => {
      await openProductpage(app);
      const before = rowsOf(await press(app, ['2'], 'SERVICE'));
      const eps = (rows: string[]) => rows.map((l) => Number(/\s(\d+)(?:\s\([^)]*\))?$/.exec(l)?.[1]));
      let frame = await press(app, ['E'], 'EPS↑');
      assert.match(frame, /sorted by EPS ascending/);
      let after = rowsOf(frame);
      assert.equal(after.length, before.length);
      assert.deepEqual(
        eps(after),
        [...eps(before)].sort((a, b) => a - b),
      );
      frame = await press(app, ['E'], 'EPS↓');
      after = rowsOf(frame);
      assert.deepEqual(
        eps(after),
        [...eps(before)].sort((a, b) => b - a),
      );
      frame = await press(app, ['S'], 'SERVICE↑');
      const services = rowsOf(frame).map((l) => l.split(/\s+/)[0]!.toLowerCase());
      assert.deepEqual(
        services,
        [...services].sort((a, b) => a.localeCompare(b, 'en', { numeric: true })),
      );
      await press(app, ['S'], 'SERVICE↓');
      frame = await press(app, ['S'], 'SUBSET↑');
      assert.doesNotMatch(frame, /SERVICE[↑↓]/);
      frame = await press(app, ['X'], 'no column starts with X');
      frame = await press(app, ['G']);
      assert.match(frame, /SUBSET↑/, 'G still goes to the last row and keeps the sort');
    }),
  );

  it('shows the selected cluster as YAML with y, as JSON with y again, scrolls and filters it; Esc goes back', T, () =>
    withApp(renderApp({ source: bookinfo(), color: false, now }, { columns: 120, rows: 30 }), async (app) => {
      await openProductpage(app);
      await press(app, ['2', '/'], 'SERVICE');
      await typeText(app, '~^reviews', (f) => / of \d+ clusters/.test(f));
      await press(app, [KEY.enter]);
      let frame = await press(app, ['y'], '(YAML)');
      assert.match(frame, /Clusters › reviews\.bookinfo:9080 v1 \(YAML\)/);
      assert.match(frame, /^\s+YAML\s*$/m);
      assert.match(frame, /^› altStatName: outbound\|9080\|v1\|reviews\.bookinfo\.svc\.cluster\.local/m, 'yaml.JSONToYAML sorts the keys');
      frame = await press(app, ['y'], '(JSON)');
      assert.match(frame, /"name": "outbound\|9080\|v1\|reviews\.bookinfo\.svc\.cluster\.local"/);
      await press(app, ['/']);
      frame = await typeText(app, 'outlier', (f) => / of \d+ lines/.test(f));
      assert.match(frame, /"outlierDetection": \{/);
      await press(app, [KEY.escape]);
      frame = await press(app, ['G'], (f) => /^› \}\s*$/m.test(f));
      frame = await press(app, [KEY.escape], (f) => !f.includes('(JSON)'));
      assert.match(frame, /\[2 Clusters 23\]/);
    }),
  );

  it('shows only error findings with o in the Findings tab, says how many are hidden, and all again with o', T, () =>
    withApp(renderApp({ source: bookinfo(), color: false, now }, { columns: 160, rows: 40 }), async (app) => {
      await openProductpage(app);
      let frame = await press(app, ['5'], 'SEVERITY');
      const total = Number(/\/\s+(\d+) findings/.exec(frame)?.[1]);
      const severities = (f: string) => [...f.matchAll(/^[› ] (error|warning|info)\s/gm)].map((m) => m[1]);
      const errors = severities(frame).filter((s) => s === 'error').length;
      assert.ok(errors > 0 && errors < total, frame);
      frame = await press(app, ['o'], 'errors only:');
      assert.match(frame, new RegExp(`errors only: ${total - errors} warning and info findings hidden \\(o shows all\\)`));
      assert.match(frame, new RegExp(`/\\s+${errors} error findings`));
      assert.deepEqual(severities(frame), Array(errors).fill('error'));
      frame = await press(app, ['o'], (f) => !f.includes('errors only:'));
      assert.equal(severities(frame).length, total);
      await press(app, ['2'], 'SERVICE');
      assert.match(await press(app, ['o'], 'unknown key o'), /unknown key o/, 'o belongs to the Findings tab');
    }),
  );

  it(
    ':save FILE writes the table as on screen (filter and sort, every column at full width), refuses to overwrite, :save! does; and the trace',
    T,
    async () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'meshscope-save-'));
      try {
        await withApp(renderApp({ source: bookinfo(), color: false, now, save: textFileWriter(dir) }, { columns: 100, rows: 30 }), async (app) => {
          await openProductpage(app);
          await press(app, ['2', '/'], 'SERVICE');
          await typeText(app, '~^reviews', (f) => / of \d+ clusters/.test(f));
          const frame = await press(app, [KEY.enter, 'E', 'E'], 'EPS↓');
          const eps = (l: string) => /\s(\d+)(?:\s\([^)]*\))?$/.exec(l)?.[1];
          const shown = rowsOf(frame).map(eps);
          await press(app, [':']);
          await typeText(app, 'save clusters.txt');
          await press(app, [KEY.enter], 'saved 5 lines to ./clusters.txt');
          const text = readFileSync(path.join(dir, 'clusters.txt'), 'utf8');
          const lines = text.trimEnd().split('\n');
          assert.match(
            lines[0]!,
            /^SERVICE\s+SUBSET\s+DIR\s+TYPE\s+LB\s+CIRCUIT BREAKER\s+OUTLIER\s+DESTINATIONRULE\s+EPS$/,
            'every column, also those the screen drops',
          );
          assert.deepEqual(lines.slice(1).map(eps), shown);
          assert.ok(
            lines.slice(1).every((l) => l.includes('outbound')),
            'the DIR column the 100-column screen dropped',
          );
          assert.equal(statSync(path.join(dir, 'clusters.txt')).mode & 0o777 & ~0o022, 0o644 & ~0o022);
          await press(app, [':']);
          await typeText(app, 'save clusters.txt');
          await press(app, [KEY.enter], 'not saved: ./clusters.txt: exists; :save! FILE overwrites it');
          await press(app, ['/', '\u0015']);
          await typeText(app, '~^v3$');
          await press(app, [KEY.enter, ':']);
          await typeText(app, 'save! clusters.txt');
          await press(app, [KEY.enter], 'saved 2 lines to ./clusters.txt');
          assert.equal(readFileSync(path.join(dir, 'clusters.txt'), 'utf8').trimEnd().split('\n').length, 2);
          await press(app, [':']);
          await typeText(app, 'x GET http://reviews.bookinfo:9080/');
          await press(app, [KEY.enter], (f) => f.includes('› Explain') && f.includes('weighted split'));
          await press(app, [':']);
          await typeText(app, 'w');
          const saved = await press(app, [KEY.enter], 'saved ');
          const file = /saved \d+ lines to \.\/(meshscope-explain-\d{8}-\d{6}\.txt)/.exec(saved)?.[1];
          assert.ok(file, saved);
          const trace = readFileSync(path.join(dir, file), 'utf8');
          assert.match(trace, /route\s+#2 reviews-canary/);
          assert.match(trace, /weighted split\s+v1 90%, v3 10%/);
        });
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );

  it('Ctrl-W (k9s Toggle Wide) keeps the columns a narrow terminal drops, within the width; again: normal', T, () =>
    withApp(renderApp({ source: bookinfo(), color: false, now }, { columns: 100, rows: 30 }), async (app) => {
      await openProductpage(app);
      const header = (f: string) =>
        f
          .split('\n')
          .find((l) => /^\s+SERVICE/.test(l))!
          .trim()
          .split(/\s{2,}/);
      let frame = await press(app, ['2'], 'SERVICE');
      const normal = header(frame);
      frame = await press(app, ['\u0017'], '23 clusters · wide');
      const wide = header(frame);
      assert.ok(wide.length > normal.length, `${normal} → ${wide}`);
      assert.ok(
        normal.every((c) => wide.some((w) => c.startsWith(w.replace(/…$/, '')))),
        `${normal} → ${wide}`,
      );
      assert.ok(
        frame.split('\n').every((l) => [...l].length <= 100),
        frame,
      );
      frame = await press(app, ['\u0017'], (f) => !f.includes('· wide'));
      assert.deepEqual(header(frame), normal);
    }),
  );
});
