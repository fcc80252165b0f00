import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { MeshSource, ProxySummary } from '../src/app/mesh-source.ts';
import { createFolderSource } from '../src/sources/folder-source.ts';
import { KEY, press, type Rendered, renderApp, resize, typeText, unmountLater, waitFor } from './helpers/ink.ts';
import { miniMesh } from './helpers/mini-mesh.ts';
import { fixture } from './helpers/paths.ts';

const T = { timeout: 30_000 };
const bookinfo = () => createFolderSource(fixture('bookinfo'), { label: 'folder fixtures/bookinfo' });
const now = () => Date.parse('2026-01-01T00:00:00Z');

/** An in-memory source over the mini mesh; `fail` makes the next config fetches fail. */
function fakeSource(options: { proxies?: ProxySummary[]; fail?: number } = {}): MeshSource & { fetches: number } {
  let failures = options.fail ?? 0;
  const source = {
    kind: 'live' as const,
    label: 'kube context test',
    fetches: 0,
    async listProxies() {
      return options.proxies ?? [{ name: 'productpage-v1-abc.bookinfo', pod: 'productpage-v1-abc', namespace: 'bookinfo', sync: { CDS: 'SYNCED' } }];
    },
    async proxyConfig() {
      source.fetches++;
      if (failures-- > 0) throw new Error('istioctl proxy-config failed: connection refused; check `kubectl config current-context`');
      return { config: miniMesh(), fetchedAt: now() - 5000 };
    },
    async analyze() {
      return [];
    },
  };
  return source;
}

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

describe('TUI views (ink-testing-library)', () => {
  it('lists every proxy of the capture in the workload picker', T, () =>
    withApp(renderApp({ source: bookinfo(), color: false, now }), async (app) => {
      const frame = await waitFor(app, 'reviews-v3-7886dd86b9-lc4jh');
      assert.match(frame, /12 workloads/);
      assert.match(frame, /istio-ingressgateway-6b8f4c7d9b-wq5tz\s+istio-system\s+router\s+1\.24\.2\s+SYNCED/);
      assert.match(frame, /› api-v1/, 'the first row is selected');
    }),
  );

  it('filters the picker as you type and opens the workload with Enter', T, () =>
    withApp(renderApp({ source: bookinfo(), color: false, now }, { columns: 160, rows: 30 }), async (app) => {
      const frame = await openProductpage(app);
      assert.match(frame, /Workloads › productpage-v1-7d6cfb7dfd-4xk2p\.bookinfo › Routes/);
      assert.match(frame, /\[1 Routes 13\]/);
      assert.match(frame, /jason-to-v2\s+prefix \/ & end-user=jason\s+v2 · reviews\.bookinfo:9080/);
    }),
  );

  it('drills from a route to its clusters and a cluster to its endpoints; Esc goes back, then clears the filter', T, () =>
    withApp(renderApp({ source: bookinfo(), color: false, now }), async (app) => {
      await openProductpage(app);
      await press(app, ['/']);
      await typeText(app, 'canary', '1 of 13 routes');
      let frame = await press(app, [KEY.enter, KEY.enter], '2 clusters of reviews-canary');
      assert.match(frame, /Routes › reviews-canary/);
      assert.match(frame, /reviews\.bookinfo:9080\s+v1 .*2 \(1 ejected\)/);
      frame = await press(app, [KEY.enter], 'endpoints of reviews.bookinfo v1');
      assert.match(frame, /reviews-canary › reviews\.bookinfo v1/);
      assert.match(frame, /10\.244\.1\.10:9080\s.*HEALTHY\s+yes/);
      assert.match(frame, /10\.244\.2\.11:9080\s.*HEALTHY\s+no/);
      frame = await press(app, [KEY.escape], '2 clusters of reviews-canary');
      frame = await press(app, [KEY.escape], '1 of 13 routes');
      assert.match(frame, /\/canary/);
      frame = await press(app, [KEY.escape], (f) => /\/\s+13 routes/.test(f));
      assert.doesNotMatch(frame, /canary\s+1 of/);
    }),
  );

  it('explains the jason request: the deciding route, subset v2 and its endpoint', T, () =>
    withApp(renderApp({ source: bookinfo(), color: false, now }), async (app) => {
      await openProductpage(app);
      await press(app, ['e'], 'request ');
      await typeText(app, 'GET http://reviews:9080/reviews/1 -H end-user:jason');
      const frame = await press(app, [KEY.enter], 'goes to subset v2');
      assert.match(frame, /▶ route\s+#0 jason-to-v2\s+first match/);
      assert.match(frame, /Productpage|› Explain/);
      const end = await press(app, [KEY.pageDown], 'Endpoints of outbound|9080|v2|reviews');
      assert.match(end, /10\.244\.1\.11:9080\s+reviews-v2/);
    }),
  );

  it('folds the routes not taken with their failing predicate, unfolds with n, and draws weight bars', T, () =>
    withApp(renderApp({ source: bookinfo(), color: false, now }, { columns: 120, rows: 40 }), async (app) => {
      await openProductpage(app);
      await press(app, ['e']);
      await typeText(app, "GET http://reviews:9080/reviews/0 -H 'end-user: Jason'");
      const frame = await press(app, [KEY.enter], 'Routes not taken (2)');
      assert.match(frame, /✗ #0 jason-to-v2: .*"Jason"/);
      assert.match(frame, /v1\s+█+░*\s+90%/);
      assert.match(frame, /v3\s+█*░+\s+10%/);
      const unfolded = await press(app, ['n'], 'n folds');
      assert.match(unfolded, /✗ #1 jason-to-v3/);
    }),
  );

  it('recalls earlier requests with up and down, and says what is wrong with a bad line', T, () =>
    withApp(renderApp({ source: bookinfo(), color: false, now }), async (app) => {
      await openProductpage(app);
      await press(app, ['e']);
      await typeText(app, 'GET http://ratings:9080/ratings/0');
      await press(app, [KEY.enter], 'ratings-faults');
      await press(app, ['i']);
      for (let i = 0; i < 40; i++) app.stdin.write(KEY.backspace);
      await typeText(app, 'reviews', (f) => /request reviews/.test(f));
      let frame = await press(app, [KEY.enter], 'is not an absolute http(s) URL');
      frame = await press(app, [KEY.up], 'request GET http://ratings:9080/ratings/0');
      frame = await press(app, [KEY.down], 'request reviews');
      assert.ok(frame.includes('request reviews'));
    }),
  );

  it('writes the explain note through the note sink with w', T, async () => {
    const written: { name: string; text: string }[] = [];
    const notes = {
      write: async (name: string, text: string) => {
        written.push({ name, text });
        return `./${name}`;
      },
      copy: () => null,
    };
    await withApp(
      renderApp({ source: bookinfo(), color: false, now, notes, sourceFlags: (w) => `--file ${w.config.source}` }, { columns: 160, rows: 30 }),
      async (app) => {
        await openProductpage(app);
        await press(app, ['e']);
        await typeText(app, 'GET http://reviews:9080/reviews/1 -H end-user:jason');
        await press(app, [KEY.enter], 'goes to subset v2');
        const frame = await press(app, ['w'], 'note written to');
        assert.match(frame, /no clipboard available/);
        assert.equal(written.length, 1);
        assert.match(written[0]!.name, /^meshscope-20260101-000000Z-reviews-9080-reviews-1\.md$/);
        assert.match(written[0]!.text, /## Why `GET http:\/\/reviews:9080\/reviews\/1` goes to v2/);
        assert.match(written[0]!.text, /meshscope explain --file \S+config_dump\.json/);
      },
    );
  });

  it('shows help generated from the keymap with ? and closes it with Esc', T, () =>
    withApp(renderApp({ source: bookinfo(), color: false, now }, { columns: 100, rows: 60 }), async (app) => {
      await waitFor(app, 'details-v1');
      const frame = await press(app, ['?'], 'Help');
      assert.match(frame, /Tables/);
      assert.match(frame, /PgDn Ctrl-F\s+next page/);
      const end = await press(app, ['G'], ':ns NAME|all');
      assert.match(end, /:wl NAME\s+open a workload/);
      const closed = await press(app, [KEY.escape], (f) => !f.includes('Commands (type :'));
      assert.match(closed, /12 workloads/);
    }),
  );

  it('switches tabs by number and shows findings with istioctl analyze messages of the namespace', T, () =>
    withApp(renderApp({ source: bookinfo(), color: false, now }, { columns: 140, rows: 30 }), async (app) => {
      await openProductpage(app);
      let frame = await press(app, ['2'], /\[2 Clusters/.test.bind(/\[2 Clusters/));
      assert.match(frame, /reviews\.bookinfo:9080\s+v2/);
      frame = await press(app, ['5'], 'IST0173');
      assert.match(frame, /error\s+IST0173\s+The Subset v2 defined in the DestinationRule does not select any pod/);
      assert.match(frame, /MS101/);
    }),
  );

  it('runs : commands (:ns, :wl, :clusters) and rejects unknown ones', T, () =>
    withApp(renderApp({ source: bookinfo(), color: false, now }), async (app) => {
      await waitFor(app, 'details-v1');
      await press(app, [':']);
      let frame = await typeText(app, 'ns istio-system');
      frame = await press(app, [KEY.enter], 'namespace istio-system: 1 workload');
      assert.doesNotMatch(frame, /details-v1/);
      await press(app, [':']);
      await typeText(app, 'wl productpage');
      frame = await press(app, [KEY.enter], 'jason-to-v2');
      await press(app, [':']);
      await typeText(app, 'clusters');
      frame = await press(app, [KEY.enter], '[2 Clusters');
      await press(app, [':']);
      await typeText(app, 'bogus');
      frame = await press(app, [KEY.enter], 'unknown command :bogus');
    }),
  );

  it('fits 80×24, drops columns when narrower, and says when the terminal is too small', T, () =>
    withApp(renderApp({ source: bookinfo(), color: false, now }, { columns: 80, rows: 24 }), async (app) => {
      let frame = await openProductpage(app);
      const lines = frame.split('\n');
      assert.ok(lines.length <= 23, `${lines.length} lines`);
      for (const line of lines) assert.ok([...line].length <= 80, `too wide: ${line}`);
      assert.match(frame, /DESTINATIONS/);
      resize(app, 50, 20);
      frame = await waitFor(app, (f) => !f.includes('MATCH'));
      for (const line of frame.split('\n')) assert.ok([...line].length <= 50, `too wide at 50: ${line}`);
      assert.match(frame, /NAME\s+DESTINATIONS/);
      resize(app, 30, 8);
      await waitFor(app, 'terminal too small (30×8)');
      resize(app, 80, 24);
      await waitFor(app, 'jason-to-v2');
    }),
  );

  it('opens the only proxy of a source directly; Esc at the top says how to quit', T, () =>
    withApp(renderApp({ source: fakeSource(), color: false, now }), async (app) => {
      let frame = await waitFor(app, 'canary');
      assert.match(frame, /productpage-v1-abc\.bookinfo › Routes/);
      assert.doesNotMatch(frame, /Workloads ›/);
      frame = await press(app, [KEY.escape], 'at the top: q quits');
    }),
  );

  it('shows a failed fetch with its remedy, retries with r, and marks data stale when a refresh fails', T, async () => {
    const source = fakeSource({ fail: 1 });
    await withApp(renderApp({ source, color: false, now }), async (app) => {
      let frame = await waitFor(app, 'connection refused');
      assert.match(frame, /r retries/);
      frame = await press(app, ['r'], 'canary');
      assert.match(frame, /data 5s old/);
      assert.doesNotMatch(frame, /STALE/);
    });
    const flaky = fakeSource();
    await withApp(renderApp({ source: flaky, color: false, now }), async (app) => {
      await waitFor(app, 'canary');
      (flaky as { proxyConfig: MeshSource['proxyConfig'] }).proxyConfig = async () => {
        throw new Error('istioctl: context deadline exceeded');
      };
      const frame = await press(app, ['r'], 'refresh failed');
      assert.match(frame, /STALE data 5s old/);
      assert.match(frame, /canary/, 'the older data stays on screen');
    });
  });

  it('shows control characters and escape sequences of cluster text as visible escapes', T, () =>
    withApp(
      renderApp({
        source: fakeSource({
          proxies: [
            { name: 'evil\u001b]0;pwned\u0007-pod.ns', pod: 'evil\u001b]0;pwned\u0007-pod\u001b[2J', namespace: 'ns', sync: {} },
            { name: 'b.ns', pod: 'b', namespace: 'ns', sync: {} },
          ],
        }),
        color: false,
        now,
      }),
      async (app) => {
        const frame = await waitFor(app, 'evil');
        assert.ok(!frame.includes('\u001b'), 'no escape character reaches the terminal');
        assert.ok(frame.includes('evil\\u001b]0;pwned\\u0007-pod'), frame);
      },
    ),
  );

  it('quits with q: Ink lets go of stdin', T, async () => {
    const app = renderApp({ source: bookinfo(), color: false, now });
    await waitFor(app, 'details-v1');
    assert.ok(app.stdin.listenerCount('readable') > 0);
    await press(app, ['q']);
    const deadline = Date.now() + 5000;
    while (app.stdin.listenerCount('readable') > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    assert.equal(app.stdin.listenerCount('readable'), 0);
    app.cleanup();
  });
});
