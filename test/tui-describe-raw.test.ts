import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import stringWidth from 'string-width';
import type { MeshSource } from '../src/app/mesh-source.ts';
import type { FindingRow } from '../src/core/browse/finding-rows.ts';
import type { AnalyzerMessage } from '../src/core/istio/analyze.ts';
import { createFolderSource } from '../src/sources/folder-source.ts';
import { kubeContextNames } from '../src/sources/kube-context.ts';
import { shifted } from '../src/ui/components/TableRow.tsx';
import { contextNameError } from '../src/ui/state/context-name.ts';
import { cellWidth } from '../src/ui/text.ts';
import { describeLines } from '../src/ui/views/describe-lines.ts';
import { lineWidth } from '../src/ui/views/lines.ts';
import { refreshMarker } from '../src/ui/views/refresh-marker.ts';
import { statusParts } from '../src/ui/views/StatusLine.tsx';
import { wordWrap } from '../src/ui/views/word-wrap.ts';
import { KEY, press, type Rendered, renderApp, typeText, unmountLater, waitFor } from './helpers/ink.ts';
import { miniMesh } from './helpers/mini-mesh.ts';
import { fixture } from './helpers/paths.ts';

/**
 * Issue 14 leftovers: a finding read whole (describe, k9s `d`), the raw view scrolled sideways,
 * `:ctx NAME` checked before switching, and the `--refresh` marker. Every screen rendered at 40 to
 * 200 columns: no line wider than the terminal (string-width, as Ink measures), header and status
 * rows present.
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

// Istio's analyzer IST0101 ReferencedResourceNotFound (galley/pkg/config/analysis/msg/messages.yaml:
// "Referenced %s not found: %q"); istioctl analyze -o json puts the docs link in documentationUrl
// (pkg/config/analysis/diag/message.go, `https://istio.io/v…/docs/reference/config/analysis/ist0101/`).
const LONG_HOSTS = Array.from({ length: 12 }, (_, i) => `reviews-canary-${i}.bookinfo-with-a-long-namespace.svc.cluster.local`).join(' ');
const LONG_MESSAGE = `Referenced host+subset in destinationrule not found: ${LONG_HOSTS} 評価サービス-end`;
const DOCS = `https://istio.io/v1.29/docs/reference/config/analysis/ist0101/?ref=istioctl&${'x'.repeat(150)}`;
const analyzerMessage: AnalyzerMessage = {
  code: 'IST0101',
  level: 'Error',
  message: LONG_MESSAGE,
  origin: 'VirtualService bookinfo/reviews-with-a-very-long-virtual-service-name-for-the-canary-rollout',
  documentationUrl: DOCS,
};

/** The bookinfo folder with one long analyzer message for its namespace. */
function longFindingSource(): MeshSource {
  const folder = createFolderSource(fixture('bookinfo'), { label: 'folder fixtures/bookinfo' });
  return {
    kind: folder.kind,
    label: folder.label,
    listProxies: (signal) => folder.listProxies(signal),
    proxyConfig: (proxy, signal) => folder.proxyConfig(proxy, signal),
    analyze: async () => [analyzerMessage],
  };
}

const lines = (frame: string) => frame.split('\n');
const RIGHT = '\u001b[C';
const LEFT = '\u001b[D';

function assertFits(frame: string, size: Size, screen: string, status: RegExp = /^\? help · /): void {
  const at = `${screen} at ${size.columns}×${size.rows}`;
  const rows = lines(frame);
  assert.equal(rows.length, size.rows - 1, `${at}: ${rows.length} rows drawn:\n${frame}`);
  for (const row of rows) assert.ok(stringWidth(row) <= size.columns, `${at}: a row of ${stringWidth(row)} cells:\n${row}\n\n${frame}`);
  assert.match(rows[0]!, /^meshscope /, `${at}: the title row:\n${frame}`);
  assert.match(rows.at(-1)!, status, `${at}: the status row:\n${frame}`);
}

async function withApp(app: Rendered, body: (app: Rendered) => Promise<void>): Promise<void> {
  try {
    await body(app);
  } finally {
    await unmountLater(app);
  }
}

const tableOf = (noun: string, size: Size) => (f: string) =>
  lines(f).length === size.rows - 1 && new RegExp(`^/\\S*\\s+\\d+( of \\d+)? ${noun}`).test(lines(f)[3] ?? '');

describe('the describe view (Enter or d on a finding): the whole finding, wrapped', () => {
  for (const size of SIZES) {
    it(`shows code, severity, objects, the whole message and the docs link at ${size.columns}×${size.rows}, Esc back`, T, () =>
      withApp(renderApp({ source: longFindingSource(), color: false, now, initialProxy: 'productpage-v1-7d6cfb7dfd-4xk2p.bookinfo' }, size), async (app) => {
        await waitFor(app, tableOf('routes', size));
        await press(app, ['5'], tableOf('findings', size));
        await press(app, ['/']);
        await typeText(app, 'IST0101', tableOf('findings', size));
        await press(app, [KEY.enter]);
        const frame = await press(app, ['d'], (f) => /Finding IST0101/.test(lines(f)[1] ?? '') && lines(f).length === size.rows - 1);
        assertFits(frame, size, 'describe');
        assert.match(lines(frame)[3]!, /^code {6}IST0101/, `the first body row is the code:\n${frame}`);
        assert.match(frame, /^severity {2}error/m);
        // Scroll to the end: the last line (after the docs link) is reachable, every frame fits.
        let seen = frame;
        for (let i = 0; i < 40 && !/Esc goes back/.test(app.lastFrame() ?? ''); i++) {
          const page = await press(app, [KEY.pageDown]);
          assertFits(page, size, 'describe paging');
          seen += page;
        }
        for (const block of ['Message', 'Documentation', 'Referenced host+subset']) assert.ok(seen.includes(block), `${block} shown at ${size.columns}`);
        assert.ok(/istio\.io/.test(app.lastFrame() ?? '') || size.rows < 20, 'the docs link is on the last page');
        assertFits(app.lastFrame() ?? '', size, 'describe scrolled to the end');
        assert.match(app.lastFrame() ?? '', /Esc goes back to the findings/, 'the last line is reachable');
        const back = await press(app, [KEY.escape], tableOf('findings', size));
        assert.match(lines(back)[1]!, /Findings$/, 'Esc goes back to the Findings tab');
        // Enter opens the same view.
        await press(app, [KEY.enter], (f) => /Finding IST0101/.test(lines(f)[1] ?? ''));
      }),
    );
  }

  it('describeLines wraps every field at word boundaries within the width, never wider (wide characters counted as 2)', () => {
    const finding: FindingRow = {
      id: 'x',
      severity: 'warning',
      code: 'MS104',
      from: 'meshscope',
      message: `${LONG_MESSAGE}\nsecond line \u001b[31mred`,
      objects: LONG_HOSTS,
      hint: `${'全角'.repeat(60)} ${'y'.repeat(300)}`,
    };
    for (let width = 20; width <= 200; width += 7) {
      const out = describeLines(finding, width);
      for (const line of out) assert.ok(lineWidth(line) <= width, `width ${width}: ${JSON.stringify(line)}`);
      const text = out.map((l) => l.map((s) => s.text).join('')).join('\n');
      // Nothing is cut: every word of the message, objects and hint is there (broken words rejoin).
      const flat = text.replace(/\s+/g, '');
      for (const part of [LONG_MESSAGE, LONG_HOSTS, finding.hint])
        assert.ok(flat.includes(part.replace(/\s+/g, '')), `width ${width}: ${part.slice(0, 30)}… whole`);
      assert.match(text, /^Fix$/m, 'a meshscope finding has a Fix block');
      assert.ok(!text.includes('\u001b'), 'control characters are shown as escapes, never sent');
      assert.match(text, /second line/, 'a line break in the message stays a break');
    }
  });

  it('wordWrap: lines of at most the width in cells, breaking at spaces, a long word broken by cells', () => {
    assert.deepEqual(wordWrap('aa bb cc', 5), ['aa bb', 'cc']);
    assert.deepEqual(wordWrap('abcdefgh', 3), ['abc', 'def', 'gh']);
    assert.deepEqual(wordWrap('全角全角全', 4), ['全角', '全角', '全']);
    assert.deepEqual(wordWrap('', 10), ['']);
    for (const text of [LONG_MESSAGE, DOCS, '🙂'.repeat(30)])
      for (let w = 2; w <= 90; w++) {
        const out = wordWrap(text, w);
        for (const l of out) assert.ok(cellWidth(l) <= w, `${w}: ${l}`);
        assert.equal(out.join(' ').replace(/ /g, ''), text.replace(/ /g, ''), 'nothing lost');
      }
  });
});

describe('the raw view (y) scrolls sideways: ←/→ and h/l, the offset marked', () => {
  for (const size of SIZES) {
    it(`fits ${size.columns}×${size.rows}, marks cut lines and the column shown from`, T, () =>
      withApp(
        renderApp(
          { source: createFolderSource(fixture('bookinfo'), { label: 'folder' }), color: false, now, initialProxy: 'productpage-v1-7d6cfb7dfd-4xk2p.bookinfo' },
          size,
        ),
        async (app) => {
          await waitFor(app, tableOf('routes', size));
          await press(app, ['2'], tableOf('clusters', size));
          await press(app, ['/']);
          await typeText(app, 'reviews', tableOf('clusters', size));
          await press(app, [KEY.enter]);
          const raw = await press(app, ['y'], tableOf('lines of', size));
          assertFits(raw, size, 'raw YAML');
          const json = await press(app, ['y'], (f) => tableOf('lines of', size)(f) && /JSON/.test(lines(f)[4] ?? ''));
          assertFits(json, size, 'raw JSON');
          const wide = lines(json)
            .slice(5, -2)
            .some((l) => l.endsWith('…'));
          if (wide) assert.match(lines(json)[4]!, /→ l shows the rest/, `the header says there is more:\n${json}`);
          const right = await press(app, ['l'], (f) => /‹ from column 9/.test(lines(f)[4] ?? ''));
          assertFits(right, size, 'raw scrolled right');
          const body = lines(right)
            .slice(5, -2)
            .filter((l) => l.trim() !== '');
          assert.ok(
            body.every((l) => /^[› ] ‹/.test(l)),
            `every line marks its cut start:\n${right}`,
          );
          const further = await press(app, [RIGHT], (f) => /‹ from column 17/.test(lines(f)[4] ?? ''));
          assertFits(further, size, 'raw scrolled right twice');
          const left = await press(app, ['h', LEFT], (f) => !/‹ from column/.test(lines(f)[4] ?? ''));
          assertFits(left, size, 'raw back at the left');
          assert.match(lines(left)[1]!, /JSON\)$/, 'h and ← scroll, they do not switch tabs');
          assert.match(await press(app, ['h']), /at the left edge/);
        },
      ),
    );
  }

  it('shifted() drops whole characters from the start by cells and marks the cut with ‹', () => {
    assert.deepEqual(shifted('abcdef', 0), ['abcdef', 0]);
    assert.deepEqual(shifted('abcdef', 2), ['‹cdef', 1]);
    assert.deepEqual(shifted('全角ab', 2), ['‹角ab', 0]);
    assert.deepEqual(shifted('ab', 9), ['‹', 1]);
  });
});

describe(':ctx NAME is checked before the switch', () => {
  it('refuses empty names, control characters and a leading -; without a kubeconfig list only the syntax', () => {
    assert.match(contextNameError('', undefined)!, /needs a kube context name/);
    assert.match(contextNameError('prod\u001b[2J', undefined)!, /control characters/);
    assert.ok(!contextNameError('prod\u001b[2J', undefined)!.includes('\u001b'), 'the name is shown sanitized');
    assert.match(contextNameError('--kubeconfig=/etc/x', undefined)!, /starts with -/);
    for (const ok of ['prod-eu', 'arn:aws:eks:eu-west-1:123456789012:cluster/prod', 'admin@kind-bookinfo', 'gke_proj_europe-west1_c'])
      assert.equal(contextNameError(ok, undefined), undefined, ok);
  });

  it('with the kubeconfig context list, refuses an unknown name naming the known ones (kubectl use-context)', () => {
    assert.equal(contextNameError('west', ['east', 'west']), undefined);
    assert.equal(contextNameError('south', ['east', 'west', 'north']), 'no kube context south (known: east, west, north)');
    assert.equal(contextNameError('south', []), 'no kube context south (none in the kubeconfig)');
  });

  it('kubeContextNames reads contexts[].name from --kubeconfig, else every $KUBECONFIG file merged, else undefined', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'meshscope-kubeconfig-'));
    const a = path.join(dir, 'a.yaml');
    const b = path.join(dir, 'b.yaml');
    writeFileSync(
      a,
      'apiVersion: v1\nkind: Config\ncurrent-context: east\ncontexts:\n- name: east\n  context: {cluster: e, user: u}\n- name: west\n  context: {cluster: w, user: u}\n',
    );
    writeFileSync(b, 'contexts:\n- name: west\n  context: {cluster: other}\n- name: kind-bookinfo\n  context: {cluster: k}\n');
    assert.deepEqual(await kubeContextNames({ kubeconfig: 'a.yaml', env: {}, cwd: dir }), ['east', 'west']);
    assert.deepEqual(await kubeContextNames({ env: { KUBECONFIG: [a, path.join(dir, 'missing'), b].join(path.delimiter) }, cwd: dir }), [
      'east',
      'west',
      'kind-bookinfo',
    ]);
    assert.equal(await kubeContextNames({ env: { HOME: path.join(dir, 'nohome') }, cwd: dir }), undefined);
  });

  it('in the TUI: an unknown context is refused on the status line and nothing is switched', T, async () => {
    const opened: string[] = [];
    const source: MeshSource = {
      kind: 'live',
      label: 'kube context east',
      async listProxies() {
        return [{ name: 'east-app-v1-abc.bookinfo', pod: 'east-app-v1-abc', namespace: 'bookinfo', sync: { CDS: 'SYNCED' } }];
      },
      async proxyConfig() {
        return { config: miniMesh(), fetchedAt: now() };
      },
      async analyze() {
        return [];
      },
    };
    const switchContext = (name: string) => {
      opened.push(name);
      return source;
    };
    await withApp(renderApp({ source, color: false, now, switchContext, kubeContexts: ['east', 'west'] }, { columns: 120, rows: 30 }), async (app) => {
      await waitFor(app, 'Routes');
      await press(app, [':']);
      await typeText(app, 'ctx south');
      const frame = await press(app, [KEY.enter], 'no kube context south (known: east, west)');
      assert.match(frame, /Routes/, 'still on the same screen');
      await press(app, [':']);
      await typeText(app, 'ctx -x');
      await press(app, [KEY.enter], 'starts with -');
      assert.deepEqual(opened, [], 'no source opened for a refused name');
      await press(app, [':']);
      await typeText(app, 'ctx west');
      await press(app, [KEY.enter], 'kube context west');
      assert.deepEqual(opened, ['west']);
    });
  });
});

describe('--refresh marker in the status line', () => {
  it('says the interval and the wait left, refreshing… during a fetch, shorter under 60 columns, nothing without --refresh', () => {
    const t = 1_000_000;
    assert.equal(refreshMarker({ every: 5000, dueAt: t + 3200, now: t, width: 80 }), '⟳ 5s next 4s');
    assert.equal(refreshMarker({ every: 5000, dueAt: undefined, now: t, width: 80 }), '⟳ 5s refreshing…');
    assert.equal(refreshMarker({ every: 90_000, dueAt: t - 5, now: t, width: 80 }), '⟳ 1m30s next 0s');
    assert.equal(refreshMarker({ every: 5000, dueAt: t + 3000, now: t, width: 50 }), '⟳ 3s');
    assert.equal(refreshMarker({ every: 5000, dueAt: undefined, now: t, width: 50 }), '⟳ …');
    assert.equal(refreshMarker({ every: undefined, dueAt: undefined, now: t, width: 200 }), '');
  });

  it('statusParts keeps the marker only when the left part keeps 20 cells, and the parts never pass the width', () => {
    for (let width = 40; width <= 200; width++) {
      const refresh = refreshMarker({ every: 5000, dueAt: undefined, now: 0, width });
      const parts = statusParts({ age: 'STALE data 12m old', stale: true, width, notInterpreted: 12, refresh });
      const used = parts.left + [parts.refresh, parts.warn, parts.right].filter((p) => p !== '').reduce((n, p) => n + cellWidth(p) + 1, 0);
      assert.ok(used <= width, `width ${width}: ${JSON.stringify(parts)}`);
      if (parts.refresh) assert.ok(parts.left >= 20, `width ${width}`);
    }
    assert.equal(statusParts({ age: undefined, stale: false, width: 80, refresh: '⟳ 5s next 5s' }).refresh, '⟳ 5s next 5s');
  });

  it('statusParts says the dump is still being checked (muted) until the load issues are counted, and fits the width', () => {
    for (let width = 40; width <= 200; width++) {
      const parts = statusParts({ age: 'data 5s old', stale: false, width, notInterpreted: 'checking' });
      assert.equal(parts.checking, true);
      assert.equal(parts.warn, width >= 70 ? 'checking the dump…' : '');
      const used = parts.left + [parts.warn, parts.right].filter((p) => p !== '').reduce((n, p) => n + cellWidth(p) + 1, 0);
      assert.ok(used <= width, `width ${width}`);
    }
    const counted = statusParts({ age: undefined, stale: false, width: 80, notInterpreted: 2 });
    assert.deepEqual([counted.warn, counted.checking], ['⚠ 2 not interpreted (W)', false]);
  });

  for (const size of SIZES) {
    it(`is on screen at ${size.columns}×${size.rows}, refreshing… while a fetch runs, then the wait`, T, async () => {
      let release: () => void = () => {};
      const gate = new Promise<void>((resolve) => {
        release = resolve;
      });
      const source: MeshSource = {
        kind: 'live',
        label: 'kube context test',
        async listProxies() {
          return [{ name: 'productpage-v1-abc.bookinfo', pod: 'productpage-v1-abc', namespace: 'bookinfo', sync: { CDS: 'SYNCED' } }];
        },
        async proxyConfig() {
          await gate;
          return { config: miniMesh(), fetchedAt: now() };
        },
        async analyze() {
          return [];
        },
      };
      await withApp(renderApp({ source, color: false, now, refreshEvery: 60_000 }, size), async (app) => {
        const busy = size.columns >= 60 ? '⟳ 1m refreshing…' : '⟳ …';
        // (The first frame may still be ink-testing-library's 100 columns, before the resize.)
        const resized = (f: string) => lines(f).length === size.rows - 1 && stringWidth(lines(f)[0]!) <= size.columns;
        const fetching = await waitFor(app, (f) => resized(f) && (lines(f).at(-1) ?? '').includes(busy));
        assertFits(fetching, size, 'refresh marker while fetching', /./);
        release();
        const waiting = size.columns >= 60 ? '⟳ 1m next 60s' : '⟳ 60s';
        const frame = await waitFor(app, (f) => tableOf('routes', size)(f) && (lines(f).at(-1) ?? '').includes(waiting));
        assertFits(frame, size, 'refresh marker while waiting');
      });
    });
  }
});
