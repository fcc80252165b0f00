import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import stringWidth from 'string-width';
import type { MeshSource } from '../src/app/mesh-source.ts';
import { createFolderSource } from '../src/sources/folder-source.ts';
import { fieldLine } from '../src/ui/components/field-window.ts';
import { cellWidth, fit } from '../src/ui/text.ts';
import { helpLines } from '../src/ui/views/help-lines.ts';
import { fitLine, lineWidth } from '../src/ui/views/lines.ts';
import { KEY, press, type Rendered, renderApp, resize, typeText, unmountLater, waitFor } from './helpers/ink.ts';
import { fixture } from './helpers/paths.ts';
import { warningMesh } from './helpers/warning-mesh.ts';

/**
 * Issue 14 item 3, "a TUI that fits": every screen rendered with ink-testing-library at 40, 60,
 * 80, 120 and 200 columns with a long source path, long host names and a long request. No line
 * may be wider than the terminal (measured with string-width, the function Ink itself measures
 * with), and the header, breadcrumb, status and (on tables) column header rows must all be there:
 * a row that wraps makes Yoga shrink another row to nothing, which is how they used to vanish.
 */

const T = { timeout: 120_000 };
const now = () => Date.parse('2026-01-01T00:00:00Z');
const LONG_PATH = `folder /home/an-sre-with-a-long-home/captures/2026-01-01/production-eu-west-1-cluster-a/${'nested/'.repeat(6)}fixtures/bookinfo`;
const LONG_REQUEST = 'GET http://reviews.bookinfo.svc.cluster.local:9080/reviews/1?page=2&sort=rating -H end-user:jason -H x-request-id:0f8e6a2c-1b3d-4e5f';
const LONG_POD = 'reviews-v1-7d6cfb7dfd-4xk2p-canary-with-an-unusually-long-generated-pod-name';
const SIZES = [
  { columns: 40, rows: 10 },
  { columns: 60, rows: 20 },
  { columns: 80, rows: 24 },
  { columns: 120, rows: 40 },
  { columns: 200, rows: 50 },
];

const bookinfo = () => createFolderSource(fixture('bookinfo'), { label: LONG_PATH });

function warningSource(): MeshSource {
  return {
    kind: 'live',
    label: `kube context arn:aws:eks:eu-west-1:123456789012:cluster/${'very-long-cluster-name-'.repeat(4)}prod`,
    async listProxies() {
      return [{ name: `${LONG_POD}.bookinfo-with-a-long-namespace`, pod: LONG_POD, namespace: 'bookinfo-with-a-long-namespace', sync: { CDS: 'SYNCED' } }];
    },
    async proxyConfig() {
      return { config: warningMesh(), fetchedAt: now() - 5000 };
    },
    async analyze() {
      return [];
    },
  };
}

interface Size {
  columns: number;
  rows: number;
}

const lines = (frame: string) => frame.split('\n');

/** The checks every frame must pass; `table` adds the filter and column header rows. */
function assertFits(frame: string, size: Size, screen: string, options: { table?: boolean; status?: RegExp } = {}): void {
  const at = `${screen} at ${size.columns}×${size.rows}`;
  const rows = lines(frame);
  assert.equal(rows.length, size.rows - 1, `${at}: ${rows.length} rows drawn, expected ${size.rows - 1}:\n${frame}`);
  for (const row of rows) assert.ok(stringWidth(row) <= size.columns, `${at}: a row of ${stringWidth(row)} cells:\n${row}\n\n${frame}`);
  assert.match(rows[0]!, /^meshscope /, `${at}: the title row:\n${frame}`);
  assert.match(rows[0]!, /\? help\s*(q quit)?$/, `${at}: the title row keeps the help key:\n${frame}`);
  assert.match(rows.at(-1)!, options.status ?? /^\? help · /, `${at}: the status row:\n${frame}`);
  if (options.table) {
    assert.match(rows[3]!, /^\/\S*\s+\d+( of \d+)? \w/, `${at}: the filter row with its count:\n${frame}`);
    assert.match(rows[4]!, /^ {2}[A-Z#]{2,}/, `${at}: the column header row:\n${frame}`);
  }
}

async function withApp(app: Rendered, body: (app: Rendered) => Promise<void>): Promise<void> {
  try {
    await body(app);
  } finally {
    await unmountLater(app);
  }
}

/** Waits for a frame with `rows - 1` rows whose filter row counts `noun` (the table is drawn). */
const tableOf = (noun: string, size: Size) => (f: string) =>
  lines(f).length === size.rows - 1 && new RegExp(`^/\\S*\\s+\\d+( of \\d+)? ${noun}`).test(lines(f)[3] ?? '');

describe('TUI widths: every screen fits 40 to 200 columns', () => {
  for (const size of SIZES) {
    it(`picker, the five tabs, drill-down, explain (typing and traced) and help fit ${size.columns}×${size.rows}`, T, () =>
      withApp(renderApp({ source: bookinfo(), color: false, now }, size), async (app) => {
        assertFits(await waitFor(app, tableOf('workloads', size)), size, 'picker', { table: true });
        await press(app, ['/']);
        await typeText(app, 'prodpage', '1 of 12 workloads');
        await press(app, [KEY.enter, KEY.enter]);
        assertFits(await waitFor(app, tableOf('routes', size)), size, 'Routes', { table: true });
        for (const [key, noun] of [
          ['2', 'clusters'],
          ['3', 'endpoints'],
          ['4', 'listeners'],
          ['5', 'findings'],
        ] as const) {
          assertFits(await press(app, [key], tableOf(noun, size)), size, `tab ${noun}`, { table: true });
        }
        await press(app, ['1'], tableOf('routes', size));
        await press(app, ['/']);
        await typeText(app, 'canary', tableOf('routes', size));
        const drilled = await press(app, [KEY.enter, KEY.enter], (f) => /reviews-canary/.test(lines(f)[1] ?? '') && tableOf('clusters', size)(f));
        assertFits(drilled, size, 'drill-down to clusters', { table: true });
        assertFits(await press(app, [KEY.enter], tableOf('endpoints', size)), size, 'drill-down to endpoints', { table: true });

        await press(app, ['e'], 'request ');
        assertFits(app.lastFrame() ?? '', size, 'explain, the placeholder');
        const typing = await typeText(app, LONG_REQUEST);
        assertFits(typing, size, 'explain while typing');
        const requestRow = lines(typing)[3]!;
        // The end of what was typed (where the cursor is) stays on screen; the start gives way.
        assert.match(requestRow, /^request /, `the request row:\n${typing}`);
        const visibleTail = LONG_REQUEST.slice(-Math.min(LONG_REQUEST.length, size.columns - 12));
        assert.ok(requestRow.trimEnd().endsWith(visibleTail), `the typed end is visible at ${size.columns}:\n${requestRow}`);
        if (size.columns - 9 < LONG_REQUEST.length) assert.match(requestRow, /^request …/, 'the cut start is marked');
        const traced = await press(app, [KEY.enter], 'goes to subset');
        assertFits(traced, size, 'explain with a trace');
        assert.match(lines(traced)[4]!, /^w writes a Markdown note/, `the hint row under the request row:\n${traced}`);
        assert.match(lines(traced)[5]!, /^goes to subset/, `the decision line right under the hint:\n${traced}`);
        assertFits(await press(app, [KEY.pageDown]), size, 'explain scrolled');

        const help = await press(app, ['?'], (f) => /^Help /.test(lines(f)[3] ?? ''));
        assertFits(help, size, 'help overlay');
        assertFits(await press(app, [KEY.pageDown]), size, 'help overlay scrolled');

        await press(app, [KEY.escape, ':']);
        // Pasted in one write, as a terminal delivers a paste.
        const command = await press(app, [`explain ${LONG_REQUEST}`], (f) => lines(f).at(-1)!.includes('x-request-id'));
        assertFits(command, size, 'the : command line while typing', { status: /^:/ });
        const typed = `explain ${LONG_REQUEST}`;
        assert.ok(
          lines(command)
            .at(-1)!
            .includes(typed.slice(-Math.floor(size.columns / 2))),
          `the typed end is on the command line:\n${command}`,
        );
        await press(app, [KEY.escape]);
      }),
    );

    it(`the warnings screen with a long pod name and context fits ${size.columns}×${size.rows}`, T, () =>
      withApp(renderApp({ source: warningSource(), color: false, now }, size), async (app) => {
        assertFits(await waitFor(app, tableOf('routes', size)), size, 'Routes of a long-named pod', { table: true });
        const warnings = await press(app, ['W'], (f) => /Not interpreted/.test(lines(f)[1] ?? '') && lines(f).length === size.rows - 1);
        assertFits(warnings, size, 'warnings screen');
        assert.match(lines(warnings)[1]!, /Not interpreted$/, 'the breadcrumb keeps its tail');
      }),
    );
  }

  it('holds from 40×10 to 250×70 and back across resizes, on a table and on the explain panel', T, () =>
    withApp(renderApp({ source: bookinfo(), color: false, now }, { columns: 80, rows: 24 }), async (app) => {
      const steps: Size[] = [{ columns: 40, rows: 10 }, ...SIZES, { columns: 250, rows: 70 }, { columns: 41, rows: 11 }, { columns: 100, rows: 30 }];
      await waitFor(app, tableOf('workloads', { columns: 80, rows: 24 }));
      await press(app, ['/']);
      await typeText(app, 'prodpage', '1 of 12 workloads');
      await press(app, [KEY.enter, KEY.enter]);
      for (const size of steps) {
        resize(app, size.columns, size.rows);
        assertFits(await waitFor(app, tableOf('routes', size)), size, 'Routes after a resize', { table: true });
      }
      await press(app, ['e'], 'request ');
      await typeText(app, LONG_REQUEST);
      await press(app, [KEY.enter], 'goes to subset');
      for (const size of steps) {
        resize(app, size.columns, size.rows);
        const frame = await waitFor(app, (f) => lines(f).length === size.rows - 1 && /^goes to subset/.test(lines(f)[5] ?? ''));
        assertFits(frame, size, 'explain after a resize');
      }
    }),
  );
});

describe('TUI widths: the pieces that cut and scroll one row', () => {
  const value = 'GET http://ratings.bookinfo.svc.cluster.local:9080/ratings/0 -H 終端:幅 -H e\u0301moji:🙂';

  it('cellWidth counts terminal cells as string-width (Ink measures with it) does', () => {
    for (const text of [value, 'plain ascii', '全角テキスト', '🙂👍 ok', 'e\u0301\u0301', '…›⚠✗▶█░', ''])
      assert.equal(cellWidth(text), stringWidth(text), text);
  });

  it('a focused field keeps its cursor on screen at every cursor position and width, cut text marked …', () => {
    for (let width = 3; width <= 90; width++) {
      for (let cursor = 0; cursor <= value.length; cursor++) {
        if (cursor > 0 && /[\udc00-\udfff]/.test(value[cursor]!)) continue; // inside a surrogate pair
        const line = fieldLine({ value, cursor }, { focused: true, width });
        const at = `width ${width}, cursor ${cursor}: ${JSON.stringify(line)}`;
        assert.ok(lineWidth(line) <= width, at);
        const cursors = line.filter((s) => s.inverse);
        assert.equal(cursors.length, 1, at);
        assert.equal(cursors[0]!.text, [...value.slice(cursor)][0] ?? ' ', at);
        const shown = line.map((s) => s.text).join('');
        const inner = shown.replace(/^…/, '').replace(/…$/, '');
        assert.ok(`${value} `.includes(inner), at);
        // Under 4 cells there is room for the cursor cell only.
        if (inner.length < value.length && width >= 4) assert.ok(shown !== inner, `something is cut, so a … says so: ${at}`);
      }
    }
  });

  it('a field that fits is shown whole; an unfocused one is cut at the end', () => {
    assert.equal(
      fieldLine({ value: 'GET /', cursor: 5 }, { focused: true, width: 10 })
        .map((s) => s.text)
        .join(''),
      'GET / ',
    );
    assert.equal(
      fieldLine({ value, cursor: 0 }, { focused: false, width: 12 })
        .map((s) => s.text)
        .join(''),
      'GET http://…',
    );
  });

  it('fitLine cuts toned segments to the width with one …, in the tone of the segment it cuts', () => {
    const line = fitLine(
      [
        { text: 'meshscope', tone: 'title' },
        { text: ' 全角 source', tone: 'muted' },
      ],
      14,
    );
    assert.deepEqual(line, [
      { text: 'meshscope', tone: 'title' },
      { text: ' 全…', tone: 'muted' },
    ]);
    assert.ok(lineWidth(line) <= 14);
  });

  it("the help overlay's key column is as wide as the longest key and no line passes the width", () => {
    for (const width of [40, 60, 80, 120, 200]) {
      const help = helpLines(width);
      const columns = new Set<number>();
      for (const line of help) {
        assert.ok(lineWidth(line) <= width, `help at ${width}: ${JSON.stringify(line)}`);
        const text = line.map((s) => s.text).join('');
        if (/^Commands/.test(text)) break;
        const m = /^( {2}\S.*?\s{2,}| {3,})\S/.exec(text);
        if (m) columns.add(m[1]!.length);
      }
      assert.equal(columns.size, 1, `one description column at ${width}: ${[...columns]}`);
    }
  });
});

describe('TUI widths: table cells', () => {
  it('fit pads and cuts to exactly the width in cells, wide characters included', () => {
    for (const text of ['reviews.bookinfo.svc.cluster.local', '評価サービス.bookinfo', '🙂🙂🙂🙂', 'e\u0301e\u0301', '']) {
      for (let width = 1; width <= 40; width++) {
        for (const right of [false, true]) assert.equal(stringWidth(fit(text, width, right)), width, `${JSON.stringify(text)} at ${width}`);
      }
    }
  });
});
