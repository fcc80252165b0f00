import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import stringWidth from 'string-width';
import type { MeshSource } from '../src/app/mesh-source.ts';
import { pathStepsFor } from '../src/app/path-steps.ts';
import { type PathTrace, tracePathFrom } from '../src/app/path-trace.ts';
import { parseRequest } from '../src/core/router/request.ts';
import { createFileSource } from '../src/sources/file-source.ts';
import { SnapshotSource } from '../src/sources/snapshot-source.ts';
import { helpSections } from '../src/ui/keymap.ts';
import { appReducer } from '../src/ui/state/app-reducer.ts';
import { type AppState, initialState, type ReduceContext } from '../src/ui/state/app-state.ts';
import { PATH_NEEDS_MESH, pathCursor } from '../src/ui/state/path-keys.ts';
import { lineWidth } from '../src/ui/views/lines.ts';
import { pathLines } from '../src/ui/views/path-lines.ts';
import { KEY, press, type Rendered, renderApp, typeText, unmountLater, waitFor } from './helpers/ink.ts';
import { fixture } from './helpers/paths.ts';

/**
 * Issue 16 item 6: the explain panel's path view. `p` follows the explained request through every
 * proxy of the source (app/path-trace.ts with app/path-steps.ts), the failing hop first; ↑/↓
 * select a hop, Enter opens that proxy's own trace, Esc and `p` go back. On the demo snapshot,
 * `POST http://details:9080/details/0` from productpage is denied (403) by the details sidecar's
 * RBAC filter (AuthorizationPolicy bookinfo/details-viewer allows GET only).
 */

const T = { timeout: 60_000 };
const now = () => Date.parse('2026-01-01T00:00:00Z');
const SNAPSHOT = fixture('snapshots', 'bookinfo.json.gz');
const PRODUCTPAGE = 'productpage-v1-7d6cfb7dfd-4xk2p.bookinfo';
const DETAILS = 'details-v1-65cfcf56f9-q8w7m.bookinfo';
const POST_DETAILS = 'POST http://details:9080/details/0';
const lines = (frame: string) => frame.split('\n');

async function withApp(app: Rendered, body: (app: Rendered) => Promise<void>): Promise<void> {
  try {
    await body(app);
  } finally {
    await unmountLater(app);
  }
}

/** Opens productpage's explain panel and explains `request` there. */
async function explainOnProductpage(app: Rendered, request = POST_DETAILS): Promise<string> {
  await waitFor(app, '[1 Routes');
  await press(app, ['e'], 'request ');
  await typeText(app, request);
  return press(app, [KEY.enter], 'w writes a Markdown note');
}

/** The hop row of `proxy` in a frame (the line carrying its pod name and a hop number). */
const hopRow = (frame: string, n: number) => lines(frame).find((l) => new RegExp(`^[› ] ${n}  `).test(l));

/**
 * A source that passes on to the snapshot, except: while `hold` is set, config reads wait for
 * `release()` (and record the signal they got); `failList` makes the proxy list fail;
 * `failProxy` makes that proxy's config unreadable.
 */
function gatedSource(snapshot: SnapshotSource) {
  let open: () => void = () => {};
  let gate: Promise<void> | undefined;
  const signals: AbortSignal[] = [];
  const control = {
    hold() {
      gate = new Promise((resolve) => {
        open = resolve;
      });
    },
    release() {
      gate = undefined;
      open();
    },
    failList: false,
    failProxy: undefined as string | undefined,
    signals,
  };
  const source: MeshSource = {
    kind: 'snapshot',
    label: 'snapshot bookinfo.json.gz',
    async listProxies() {
      if (control.failList) throw new Error('istioctl proxy-status failed: connection refused');
      return snapshot.listProxies();
    },
    async proxyConfig(proxy, signal) {
      if (gate && signal) {
        signals.push(signal);
        await gate;
      }
      if (proxy === control.failProxy) throw new Error(`${proxy}: its config dump was not captured`);
      return snapshot.proxyConfig(proxy);
    },
    analyze: (namespace) => snapshot.analyze(namespace),
  };
  return { source, control };
}

describe('TUI path view (ink-testing-library)', () => {
  it('p follows POST details through the snapshot: the failing hop first, 403 at the details sidecar', T, async () => {
    const source = await SnapshotSource.open(SNAPSHOT);
    await withApp(renderApp({ source, color: false, now, initialProxy: PRODUCTPAGE }, { columns: 120, rows: 40 }), async (app) => {
      await explainOnProductpage(app);
      const frame = await press(app, ['p'], 'fails at hop 2');
      const rows = lines(frame);
      assert.match(rows[1]!, /Explain › Path$/, `the breadcrumb:\n${frame}`);
      assert.match(rows[3]!, new RegExp(`^path POST http://details:9080/details/0 from ${PRODUCTPAGE}`));
      assert.match(rows[5]!, new RegExp(`^fails at hop 2 \\(${DETAILS}, inbound\\) with 403: no ALLOW policy of envoy\\.filters\\.http\\.rbac`));
      assert.ok(
        rows.some((l) => /^ {2}#\s+PROXY\s+DIRECTION\s+OUTCOME\s+CLUSTER\s+ENDPOINT\s+STATUS$/.test(l)),
        `the column header:\n${frame}`,
      );
      assert.match(hopRow(frame, 1)!, /^ {2}1\s+productpage-v1\S*\s+outbound\s+forwarded\s+outbound\|9080\|v1\|details\S*\s+10\.244\.1\.8:9080\s+-$/);
      // The failing hop is under the cursor first, and its facts are shown.
      assert.match(hopRow(frame, 2)!, /^› 2\s+details-v1\S*\s+inbound\s+failed\s+-\s+-\s+403$/);
      assert.match(frame, new RegExp(`hop 2 {2}${DETAILS} \\(inbound, failed\\)`));
      assert.match(frame, /authorization DENIED: no ALLOW policy of envoy\.filters\.http\.rbac matches/);
      assert.match(frame, /bookinfo\/details-viewer\): "RBAC: access denied"/);
      assert.match(frame, /connection {4}mtls as spiffe:\/\/cluster\.local\/ns\/bookinfo\/sa\/bookinfo-productpage/);
    });
  });

  it('↑/↓ select a hop, Enter opens its own trace, Esc returns to the path, p to the trace', T, async () => {
    const source = await SnapshotSource.open(SNAPSHOT);
    await withApp(renderApp({ source, color: false, now, initialProxy: PRODUCTPAGE }, { columns: 120, rows: 40 }), async (app) => {
      await explainOnProductpage(app);
      await press(app, ['p'], 'fails at hop 2');
      let frame = await press(app, [KEY.up], (f) => /^› 1/.test(hopRow(f, 1) ?? ''));
      assert.match(frame, new RegExp(`hop 1 {2}${PRODUCTPAGE} \\(outbound, forwarded\\)`));
      assert.match(frame, /timeout {7}10000 ms/);
      assert.match(frame, /retries {7}3 retries on gateway-error,connect-failure,refused-stream, 2000 ms per try/);
      assert.doesNotMatch(frame, /authorization DENIED/);

      frame = await press(app, [KEY.enter], 'hop 1 of 2');
      assert.match(lines(frame)[1]!, /Path › hop 1 outbound$/, `the breadcrumb names the hop:\n${frame}`);
      assert.match(lines(frame)[3]!, new RegExp(`^hop 1 of 2 ${PRODUCTPAGE} · outbound · forwarded`));
      assert.match(frame, /goes to subset v1/);
      // The hop's endpoints come from that hop's own proxy config.
      assert.match(frame, /Endpoints of outbound\|9080\|v1\|details\.bookinfo\.svc\.cluster\.local/);
      assert.match(frame, /10\.244\.1\.8:9080/);

      frame = await press(app, [KEY.escape], (f) => /^› 1/.test(hopRow(f, 1) ?? ''));
      assert.match(lines(frame)[1]!, /Explain › Path$/, 'Esc: back to the path, the cursor on the hop it came from');
      frame = await press(app, [KEY.down, KEY.enter], 'hop 2 of 2');
      assert.match(lines(frame)[3]!, new RegExp(`^hop 2 of 2 ${DETAILS} · inbound · failed 403`));
      assert.match(frame, /inbound port 9080 \(STRICT\), mtls peer: 403/);
      assert.match(frame, /▶ authorization +envoy\.filters\.http\.rbac/, `the deciding stage, its label apart from its result:\n${frame}`);

      frame = await press(app, [KEY.escape, 'p'], 'w writes a Markdown note');
      assert.match(lines(frame)[1]!, /› Explain$/);
      assert.match(frame, /goes to subset v1/, 'the trace of the request on productpage again');
      // Esc leaves the path view as p does; e there goes back to this panel, not a second one.
      await press(app, ['p'], 'fails at hop 2');
      frame = await press(app, [KEY.escape], 'w writes a Markdown note');
      assert.match(lines(frame)[1]!, /› Explain$/);
      await press(app, ['p'], 'fails at hop 2');
      frame = await press(app, ['e'], (f) => /› Explain$/.test(lines(f)[1] ?? ''));
      assert.match(lines(frame)[4]!, /^Enter explains/, `e from the path view edits the request in the same panel:\n${frame}`);
    });
  });

  it('says how far the reading got while the path is followed, keeps taking keys, and aborts the reading on Esc', T, async () => {
    const { source, control } = gatedSource(await SnapshotSource.open(SNAPSHOT));
    await withApp(renderApp({ source, color: false, now, initialProxy: PRODUCTPAGE }, { columns: 120, rows: 40 }), async (app) => {
      await explainOnProductpage(app);
      control.hold();
      let frame = await press(app, ['p'], 'following the request through 8 proxies');
      assert.match(frame, /0 of 8 read/);
      // app/path-trace.ts reads four configs at once (a live source runs one istioctl per proxy).
      await waitFor(app, () => control.signals.length >= 4);
      assert.equal(control.signals.length, 4, 'four config reads wait, and no fifth starts meanwhile');
      frame = await press(app, [KEY.escape], 'w writes a Markdown note');
      assert.ok(
        control.signals.every((s) => s.aborted),
        'leaving the path view aborts the readings in flight',
      );
      control.release();
      // Following it again (a new reading) completes.
      frame = await press(app, ['p'], 'fails at hop 2');
      assert.match(hopRow(frame, 2)!, /403$/);
    });
  });

  it('says in the status line (and the view) when the path cannot be followed, and does not crash', T, async () => {
    const { source, control } = gatedSource(await SnapshotSource.open(SNAPSHOT));
    await withApp(renderApp({ source, color: false, now, initialProxy: PRODUCTPAGE }, { columns: 120, rows: 40 }), async (app) => {
      await explainOnProductpage(app);
      control.failList = true;
      const frame = await press(app, ['p'], (f) => f.includes('the path could not be followed') && /^path: /.test(lines(f).at(-1)!));
      assert.match(lines(frame).at(-1)!, /^path: istioctl proxy-status failed: connection refused/, `the status line:\n${frame}`);
      assert.match(frame, /the path could not be followed: istioctl proxy-status failed: connection refused/);
      control.failList = false;
      // The screen still answers keys: r follows it again.
      await press(app, ['r'], 'fails at hop 2');
    });
  });

  it('names the proxies it could not read when the path stops at one of them', T, async () => {
    const { source, control } = gatedSource(await SnapshotSource.open(SNAPSHOT));
    control.failProxy = DETAILS;
    await withApp(renderApp({ source, color: false, now, initialProxy: PRODUCTPAGE }, { columns: 120, rows: 40 }), async (app) => {
      await explainOnProductpage(app);
      const frame = await press(app, ['p'], 'unread:');
      assert.match(frame, new RegExp(`unread: +${DETAILS} \\(${DETAILS}: its config dump was not captured\\)`));
      assert.match(frame, /stopped:/);
    });
  });

  it('writes the path as explain --path prints it with :save', T, async () => {
    const source = await SnapshotSource.open(SNAPSHOT);
    const saved: { file: string; text: string }[] = [];
    const save = async (file: string, text: string) => {
      saved.push({ file, text });
      return file;
    };
    await withApp(renderApp({ source, color: false, now, initialProxy: PRODUCTPAGE, save }, { columns: 120, rows: 40 }), async (app) => {
      await explainOnProductpage(app);
      await press(app, ['p'], 'fails at hop 2');
      await press(app, [':']);
      await typeText(app, 'save');
      await press(app, [KEY.enter], () => saved.length === 1);
      assert.match(saved[0]!.file, /^meshscope-path-/);
      assert.match(saved[0]!.text, new RegExp(`^Path: POST http://details:9080/details/0 from ${PRODUCTPAGE}\nfails at hop 2`));
      assert.match(saved[0]!.text, /hop 2 {2}details-v1-65cfcf56f9-q8w7m\.bookinfo \(inbound, failed\)/);
    });
  });

  it('with one --file dump, p says plainly that the path needs a snapshot or a live mesh', T, () => {
    const dump = fixture('bookinfo', 'productpage', 'config_dump.json');
    const source = createFileSource({ dump, endpoints: fixture('bookinfo', 'productpage', 'endpoints.json') }, { label: 'file config_dump.json' });
    return withApp(renderApp({ source, color: false, now }, { columns: 160, rows: 30 }), async (app) => {
      await explainOnProductpage(app, 'GET http://reviews:9080/reviews/1');
      const frame = await press(app, ['p'], 'the path needs a snapshot or a live mesh');
      assert.match(lines(frame).at(-1)!, /^the path needs a snapshot or a live mesh: this source holds one proxy/);
      assert.match(lines(frame)[1]!, /› Explain$/, 'the panel stays open');
    });
  });

  for (const size of [
    { columns: 60, rows: 20 },
    { columns: 80, rows: 24 },
    { columns: 120, rows: 40 },
  ]) {
    it(`the path view and a hop's trace fit ${size.columns}×${size.rows}`, T, async () => {
      const source = await SnapshotSource.open(SNAPSHOT);
      await withApp(renderApp({ source, color: false, now, initialProxy: PRODUCTPAGE }, size), async (app) => {
        await explainOnProductpage(app);
        const fits = (frame: string, screen: string) => {
          const rows = lines(frame);
          assert.equal(rows.length, size.rows - 1, `${screen}: ${rows.length} rows:\n${frame}`);
          for (const row of rows)
            assert.ok(stringWidth(row) <= size.columns, `${screen} at ${size.columns}: a row of ${stringWidth(row)} cells:\n${row}\n\n${frame}`);
          assert.match(rows[0]!, /^meshscope /, `${screen}: the title row:\n${frame}`);
        };
        const path = await press(app, ['p'], (f) => hopRow(f, 2) !== undefined);
        fits(path, 'path view');
        // The columns shrink and drop, never the status: the 403 stays on the failing hop's row.
        assert.match(hopRow(path, 2)!, /^› 2\s+details-v1\S*\s.*\s403$/, `the failing hop's row:\n${path}`);
        assert.ok(
          lines(path).some((l) => /^ {2}#\s+PROXY\s.*STATUS$/.test(l)),
          `the column header:\n${path}`,
        );
        fits(await press(app, [KEY.up]), 'path view, hop 1');
        fits(await press(app, [KEY.enter], 'hop 1 of 2'), 'hop 1 trace');
        fits(await press(app, [KEY.pageDown]), 'hop 1 trace scrolled');
        fits(await press(app, [KEY.escape, KEY.down, KEY.enter], 'hop 2 of 2'), 'hop 2 trace');
      });
    });
  }
});

describe('path view lines and keys (pure)', () => {
  let trace: PathTrace | undefined;
  const demoTrace = async () => {
    trace ??= await tracePathFrom(await SnapshotSource.open(SNAPSHOT), PRODUCTPAGE, parseRequest(POST_DETAILS), pathStepsFor());
    return trace;
  };

  it('lays the hops out for 60, 80 and 120 columns: no line wider, the status column kept, the endpoint dropped first', async () => {
    const t = await demoTrace();
    for (const width of [60, 80, 120]) {
      const { lines: out, selectedLine } = pathLines(t, 1, width);
      for (const line of out) assert.ok(lineWidth(line) <= width, `${width}: ${line.map((s) => s.text).join('')}`);
      const text = out.map((l) => l.map((s) => s.text).join(''));
      assert.match(text[selectedLine]!, /^› 2 .*403$/, `${width}: ${text[selectedLine]}`);
      const header = text.find((l) => l.includes('PROXY'))!;
      // The endpoint is shown whole or not at all; the direction goes at 60 columns.
      assert.equal(header.includes('ENDPOINT'), width >= 120, `${width}: ${header}`);
      assert.equal(header.includes('DIRECTION'), width >= 80, `${width}: ${header}`);
      if (header.includes('ENDPOINT')) assert.match(text[selectedLine - 1]!, /\s10\.244\.1\.8:9080\s/);
      assert.ok(header.includes('STATUS') && header.includes('OUTCOME'), `${width}: ${header}`);
    }
  });

  it('sanitizes cluster text in the hop rows and facts', async () => {
    const t = await demoTrace();
    const hostile: PathTrace = {
      ...t,
      path: { ...t.path, hops: t.path.hops.map((h, i) => (i === 0 ? { ...h, cluster: 'evil\u001b[2J|cluster', reason: 'boom\u001b]0;title\u0007' } : h)) },
    };
    const text = pathLines(hostile, 0, 120)
      .lines.flat()
      .map((s) => s.text)
      .join('\n');
    assert.doesNotMatch(text, /\u001b|\u0007/);
    assert.match(text, /evil\\u001b\[2J\|cluster/);
  });

  const ctx = (over: Partial<ReduceContext> = {}): ReduceContext => ({
    rows: () => undefined,
    pageSize: 10,
    explainLines: 0,
    explainPage: 10,
    helpLines: 0,
    helpPage: 10,
    proxies: [
      { name: PRODUCTPAGE, pod: 'productpage-v1-7d6cfb7dfd-4xk2p', namespace: 'bookinfo', sync: {} },
      { name: DETAILS, pod: 'details-v1-65cfcf56f9-q8w7m', namespace: 'bookinfo', sync: {} },
    ],
    ...over,
  });
  const explaining = (submitted: string | null): AppState => {
    const s = initialState();
    return { ...s, workload: PRODUCTPAGE, stack: [{ kind: 'tab', tab: 'routes' }, { kind: 'explain' }], explain: { ...s.explain, submitted, editing: false } };
  };
  const key = (state: AppState, name: string, c = ctx()) => appReducer(state, { type: 'keys', keys: [{ name, text: name.length === 1 ? name : '' }], ctx: c });

  it('p needs an explained request and more than one proxy', () => {
    assert.match(key(explaining(null), 'p').message!.text, /^explain a request first/);
    const one = key(explaining(POST_DETAILS), 'p', ctx({ proxies: ctx().proxies.slice(0, 1) }));
    assert.equal(one.message!.text, PATH_NEEDS_MESH);
    assert.equal(one.stack.at(-1)!.kind, 'explain');
    assert.deepEqual(key(explaining(POST_DETAILS), 'p').stack.at(-1), { kind: 'path', request: POST_DETAILS, hop: null });
  });

  it('starts on the failing hop, moves within the hops, and opens a hop only once the path is there', () => {
    const hops = [
      { proxy: PRODUCTPAGE, direction: 'outbound' },
      { proxy: DETAILS, direction: 'inbound' },
    ];
    const withPath = ctx({ path: { hops, failedAt: 1 } });
    const opened = key(explaining(POST_DETAILS), 'p');
    const view = opened.stack.at(-1) as Extract<AppState['stack'][number], { kind: 'path' }>;
    assert.equal(pathCursor(view, withPath.path), 1, 'the failing hop first');
    assert.equal(pathCursor(view, { hops, failedAt: null }), 0, 'else the first');
    assert.match(key(opened, 'enter').message!.text, /still being followed/);
    const down = key(opened, 'down', withPath);
    assert.equal((down.stack.at(-1) as typeof view).hop, 1, 'clamped at the last hop');
    const top = key(opened, 'g', withPath);
    assert.equal((top.stack.at(-1) as typeof view).hop, 0);
    const hop = key(top, 'enter', withPath);
    assert.deepEqual(hop.stack.at(-1), { kind: 'hop-trace', hop: 0, title: 'hop 1 outbound', scroll: 0 });
    const back = key(hop, 'escape', withPath);
    assert.deepEqual(back.stack.at(-1), { kind: 'path', request: POST_DETAILS, hop: 0 });
  });

  it('lists p in the help under the explain panel, and the path view its own keys', () => {
    const sections = helpSections();
    const explain = sections.find((s) => s.title.startsWith('Explain panel (reading'))!;
    assert.ok(explain.rows.some(([keys, what]) => keys === 'p' && /follow the request through every proxy/.test(what)));
    const path = sections.find((s) => s.title.startsWith('Path view'))!;
    assert.ok(path.rows.some(([keys]) => keys === 'Enter'));
    assert.ok(path.rows.some(([keys]) => keys === 'p Esc'));
    const hop = sections.find((s) => s.title.startsWith("A hop's own trace"))!;
    assert.ok(hop.rows.some(([keys, what]) => keys === 'Esc' && /back to the path/.test(what)));
  });
});
