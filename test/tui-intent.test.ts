import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import stringWidth from 'string-width';
import { explainRequestLine } from '../src/app/explain-line.ts';
import type { ConfigSet } from '../src/core/config/objects.ts';
import { intentForExplain, intentForProxy } from '../src/core/intent/reconcile.ts';
import { readConfigPaths } from '../src/sources/config-files.ts';
import { createFileSource } from '../src/sources/file-source.ts';
import { intentTable, NO_CONFIG_HINT } from '../src/ui/tables/intent-table.ts';
import { describeIntentLines } from '../src/ui/views/describe-lines.ts';
import { explainLines, intentLines } from '../src/ui/views/explain-lines.ts';
import { lineWidth } from '../src/ui/views/lines.ts';
import { KEY, press, type Rendered, renderApp, typeText, unmountLater, waitFor } from './helpers/ink.ts';
import { fixture } from './helpers/paths.ts';

/**
 * Issue 15 part 4: the TUI's Intent tab (every `--config` object judged from the open proxy by
 * intentForProxy; Enter shows the object's YAML, d its verdict) and the explain panel's "Istio
 * config for this request". Objects: fixtures/bookinfo/istio plus one VirtualService with a very
 * long name in a long namespace that `exportTo: ['.']` hides from bookinfo (Istio's exportTo rule,
 * pilot/pkg/model/push_context.go `initVirtualServices`, restated in core/config/services.ts visibleFrom),
 * and one document that is not an object. Dump: fixtures/bookinfo/productpage/config_dump.json.
 * Every screen at 40 to 200 columns: no line wider than the terminal, header and status present.
 */

const T = { timeout: 120_000 };
const now = () => Date.parse('2026-01-01T00:00:00Z');
const SIZES = [
  { columns: 40, rows: 10 },
  { columns: 60, rows: 20 },
  { columns: 80, rows: 24 },
  { columns: 120, rows: 40 },
  { columns: 200, rows: 50 },
];
type Size = (typeof SIZES)[number];

const LONG_NS = 'bookinfo-with-a-long-namespace-for-the-canary-rollout';
const LONG_NAME = 'reviews-with-a-very-long-virtual-service-name-for-the-canary-rollout-評価';
const DUMP = fixture('bookinfo', 'productpage', 'config_dump.json');

function longObjectsFile(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'meshscope-intent-tui-'));
  const file = path.join(dir, 'long.yaml');
  writeFileSync(
    file,
    [
      'apiVersion: networking.istio.io/v1',
      'kind: VirtualService',
      'metadata:',
      `  name: ${LONG_NAME}`,
      `  namespace: ${LONG_NS}`,
      '  managedFields: [{manager: kubectl}]',
      'spec:',
      '  hosts: [reviews.bookinfo.svc.cluster.local]',
      "  exportTo: ['.']",
      '  http:',
      '  - route:',
      '    - destination: {host: reviews.bookinfo.svc.cluster.local, subset: v2}',
      '---',
      'just a string',
      '',
    ].join('\n'),
  );
  return file;
}

let objectsOnce: Promise<ConfigSet> | undefined;
const objects = () => {
  objectsOnce ??= readConfigPaths([fixture('bookinfo', 'istio'), longObjectsFile()]);
  return objectsOnce;
};
const source = () => createFileSource({ dump: DUMP, endpoints: fixture('bookinfo', 'productpage', 'endpoints.json') }, { label: `file ${DUMP}` });

const dumpConfig = async () => (await source().proxyConfig('productpage-v1-7d6cfb7dfd-4xk2p.bookinfo')).config;

const lines = (frame: string) => frame.split('\n');

function assertFits(frame: string, size: Size, screen: string, options: { table?: boolean } = {}): void {
  const at = `${screen} at ${size.columns}×${size.rows}`;
  const rows = lines(frame);
  assert.equal(rows.length, size.rows - 1, `${at}: ${rows.length} rows drawn:\n${frame}`);
  for (const row of rows) assert.ok(stringWidth(row) <= size.columns, `${at}: a row of ${stringWidth(row)} cells:\n${row}\n\n${frame}`);
  assert.match(rows[0]!, /^meshscope /, `${at}: the title row:\n${frame}`);
  assert.ok(rows.at(-1)!.trim() !== '', `${at}: the status row:\n${frame}`);
  if (options.table) {
    assert.match(rows[3]!, /^\/\S*\s+\d+( of \d+)? Istio/, `${at}: the filter row with its count:\n${frame}`);
    // The table's note (caveats, documents not used) sits between the filter row and the header.
    const header = /^ {2}KIND/.test(rows[4]!) ? rows[4]! : rows[5]!;
    assert.match(header, /^ {2}KIND +NAMESPACE\/NAME +VERDICT/, `${at}: the column header row:\n${frame}`);
  }
}

async function withApp(app: Rendered, body: (app: Rendered) => Promise<void>): Promise<void> {
  try {
    await body(app);
  } finally {
    await unmountLater(app);
  }
}

const intentTab = (size: Size) => (f: string) => lines(f).length === size.rows - 1 && /Istio objects/.test(lines(f)[3] ?? '');

describe('the Intent tab: the --config objects judged from this proxy', () => {
  for (const size of SIZES) {
    it(`lists kind, name, verdict and why at ${size.columns}×${size.rows}; Enter: the YAML; d: the verdict in full`, T, async () => {
      const set = await objects();
      await withApp(renderApp({ source: source(), color: false, now, objects: set }, size), async (app) => {
        await waitFor(app, (f) => /routes/.test(lines(f)[3] ?? ''));
        const frame = await press(app, ['6'], intentTab(size));
        assertFits(frame, size, 'Intent tab', { table: true });
        const total = intentForProxy(set, await dumpConfig()).verdicts.length;
        assert.ok(total > 0);
        assert.match(lines(frame)[3]!, new RegExp(`\\b${total} Istio objects`), `all ${total} objects counted:\n${frame}`);
        // The first rows (Istio's order: Sidecar first) are shown with their verdicts.
        assert.match(frame, /Sidecar +bookinfo\/def\S* +applied/, `the Sidecar applies:\n${frame}`);
        // The long, hidden VirtualService: filter to it, its verdict is the reason code.
        await press(app, ['/']);
        // An RE2 filter (~re) on the long namespace: exactly the hidden VirtualService.
        const filtered = await typeText(app, '~long-namespace', (f) => /^\/~long-namespace\s+1 of \d+ Istio/.test(lines(f)[3] ?? ''));
        assertFits(filtered, size, 'Intent tab filtered', { table: true });
        assert.ok(
          lines(filtered).some((l) => /^› .*not-exp/.test(l)),
          `the reason code in VERDICT:\n${filtered}`,
        );
        await press(app, [KEY.enter]);
        // Enter: the object's YAML, cleaned of managed fields, in the raw view.
        const yaml = await press(app, [KEY.enter], (f) => /^ {2}YAML/.test(lines(f)[4] ?? ''));
        assertFits(yaml, size, 'Intent object YAML');
        assert.match(lines(yaml)[1]!, /VirtualService/, `the breadcrumb names the object:\n${yaml}`);
        assert.match(yaml, /apiVersion: networking\.istio\.io\/v1/);
        assert.doesNotMatch(yaml, /managedFields/);
        // Esc back; d: the verdict in full, wrapped.
        await press(app, [KEY.escape], intentTab(size));
        const described = await press(app, ['d'], (f) => /Intent VirtualService/.test(lines(f)[1] ?? ''));
        assertFits(described, size, 'Intent describe');
        assert.match(described, /^kind {6}VirtualService|^kind\n/m);
        let seen = described;
        for (let i = 0; i < 40 && !/Esc goes back to the objects/.test(app.lastFrame() ?? ''); i++) {
          const page = await press(app, [KEY.pageDown]);
          assertFits(page, size, 'Intent describe paging');
          seen += page;
        }
        for (const text of ['not-exported', 'Reason', 'Produced (0)', 'long.yaml'])
          assert.ok(seen.replace(/\s+/g, ' ').includes(text) || seen.includes(text), `${text} shown at ${size.columns}:\n${seen}`);
        assert.match(app.lastFrame() ?? '', /Esc goes back to the objects/);
      });
    });
  }

  it('sorts with Shift+letter (VERDICT)', T, async () => {
    const set = await objects();
    const size = { columns: 160, rows: 40 };
    await withApp(renderApp({ source: source(), color: false, now, objects: set }, size), async (app) => {
      await waitFor(app, (f) => /routes/.test(lines(f)[3] ?? ''));
      await press(app, ['6'], (f) => /Istio objects/.test(f));
      const sorted = await press(app, ['V'], (f) => /sorted by VERDICT ascending/.test(f));
      const plain = sorted;
      const verdicts = lines(plain)
        .slice(5)
        .map((l) => /^. +\S+(?: \(Gateway API\))? +\S+ +(\S+)/.exec(l)?.[1])
        .filter((v): v is string => v !== undefined && /^[a-z-]+$/.test(v));
      assert.ok(verdicts.length >= 3, plain);
      assert.deepEqual(verdicts, [...verdicts].sort(), `VERDICT ascending:\n${plain}`);
    });
  });

  it('without --config the tab says how to get it, in one line', T, async () => {
    for (const size of [SIZES[0]!, SIZES[2]!]) {
      await withApp(renderApp({ source: source(), color: false, now }, size), async (app) => {
        await waitFor(app, (f) => /routes/.test(lines(f)[3] ?? ''));
        const frame = await press(app, ['6'], (f) => /Istio objects/.test(lines(f)[3] ?? ''));
        assertFits(frame, size, 'Intent tab without --config', { table: true });
        assert.match(frame, /start with --config PATH/, frame);
        assert.equal(lines(frame).filter((l) => /--config/.test(l)).length, 1);
        // y and d say there is nothing behind the empty tab, rather than failing.
        await press(app, ['d']);
        assert.match(lines(app.lastFrame() ?? '')[1]!, /Intent$/);
      });
    }
  });

  it('a document that is not an object: said in the status line and listed by W, never on stderr', T, async () => {
    const set = await objects();
    assert.equal(set.problems.filter((p) => p.severity === 'skipped').length, 1);
    const size = { columns: 120, rows: 30 };
    await withApp(renderApp({ source: source(), color: false, now, objects: set }, size), async (app) => {
      const start = await waitFor(app, (f) => /routes/.test(lines(f)[3] ?? '') && /1 --config document not used: W lists them/.test(f));
      assertFits(start, size, 'start with a bad document');
      const tab = await press(app, ['6'], (f) => /Istio objects/.test(lines(f)[3] ?? ''));
      assert.match(lines(tab)[4]!, /⚠ 1 --config document not used \(W lists them\)/, `the table's note:\n${tab}`);
      const warnings = await press(app, ['W'], (f) => /Not interpreted/.test(lines(f)[1] ?? ''));
      assertFits(warnings, size, 'warnings with a bad document');
      assert.match(warnings, /⚠ +(skipped +)?config +\S*long\.yaml \(do\S* +not a Kubernetes object/, warnings);
    });
  });

  it('the model: one row per verdict, Enter opens the raw YAML of the object, d the describe view', async () => {
    const set = await objects();
    const report = intentForProxy(set, await dumpConfig());
    const model = intentTable(report, set.objects, set.problems);
    assert.equal(model.rows.length, report.verdicts.length);
    for (const row of model.rows) {
      assert.equal(row.open?.kind, 'view');
      assert.ok(row.open?.kind === 'view' && row.open.view.kind === 'raw');
      assert.equal(row.describe?.kind, 'describe-intent');
      assert.ok(row.raw !== undefined && typeof row.raw.kind === 'string');
    }
    // Colour like the other tables' status: applied rows green (good), the others red (bad).
    report.verdicts.forEach((v, i) => {
      assert.equal(model.rows[i]!.tone, v.applies ? 'good' : 'bad', `${v.kind} ${v.name}`);
    });
    assert.ok(report.verdicts.some((v) => v.applies) && report.verdicts.some((v) => !v.applies));
    assert.deepEqual(intentTable(undefined, [], []).empty, NO_CONFIG_HINT);
    const long = report.verdicts.find((v) => v.name === LONG_NAME);
    assert.ok(long);
    for (const width of [20, 40, 60, 80, 120, 200])
      for (const l of describeIntentLines(long, width)) assert.ok(lineWidth(l) <= width, `describe at ${width}: ${l.map((s) => s.text).join('')}`);
  });
});

describe('the explain panel: "Istio config for this request" when --config was given', () => {
  const REQUEST = 'GET http://reviews.bookinfo.svc.cluster.local:9080/reviews/1';

  it('renders one compact line per object, clipped to every width', async () => {
    const set = await objects();
    const config = await dumpConfig();
    const explained = explainRequestLine(config, REQUEST);
    assert.ok(explained.result, explained.error);
    const result = explained.result;
    const report = intentForExplain(set, config, result);
    const reviews = report.verdicts.find((v) => v.kind === 'VirtualService' && v.name === 'reviews');
    assert.ok(reviews?.applies, 'the reviews VirtualService applies to this request');
    for (const width of [40, 60, 80, 120, 200]) {
      const section = intentLines(report, width);
      for (const l of section) assert.ok(lineWidth(l) <= width, `at ${width}: ${l.map((s) => s.text).join('')}`);
      const text = section.map((l) => l.map((s) => s.text).join(''));
      assert.match(text[0]!, /^Istio config for this request/);
      if (width >= 60) {
        assert.ok(
          text.some((t) => /^ {2}✓ VirtualService bookinfo\/reviews applied/.test(t)),
          text.join('\n'),
        );
        assert.ok(
          text.some((t) => /^ {2}✗ VirtualService bookinfo-with-a-long-namespace/.test(t)),
          text.join('\n'),
        );
      }
      const all = explainLines(result, { width, unfolded: false, endpointsOf: () => [], intent: report });
      assert.ok(all.some((l) => /Istio config for this request/.test(l.map((s) => s.text).join(''))));
      const without = explainLines(result, { width, unfolded: false, endpointsOf: () => [] });
      assert.ok(!without.some((l) => /Istio config for this request/.test(l.map((s) => s.text).join(''))), 'no section without objects');
    }
  });

  for (const size of [SIZES[1]!, SIZES[3]!]) {
    it(`shows the section in the TUI at ${size.columns}×${size.rows}`, T, async () => {
      const set = await objects();
      await withApp(renderApp({ source: source(), color: false, now, objects: set }, size), async (app) => {
        await waitFor(app, (f) => /routes/.test(lines(f)[3] ?? ''));
        await press(app, ['e'], (f) => /request /.test(f));
        await typeText(app, REQUEST);
        let frame = await press(app, [KEY.enter], (f) => /Trace/.test(f));
        for (let i = 0; i < 40 && !/Istio config for this request/.test(frame); i++) frame = await press(app, [KEY.pageDown]);
        assertFits(frame, size, 'explain with intent');
        assert.match(frame, /Istio config for this request/);
        for (let i = 0; i < 10 && !/✓ VirtualService bookinfo\/reviews applied/.test(frame); i++) frame = await press(app, ['j']);
        assert.match(frame, /✓ VirtualService bookinfo\/reviews applied/, frame);
      });
    });
  }
});
