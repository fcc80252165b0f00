import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { MeshSource } from '../src/app/mesh-source.ts';
import { runCli } from './helpers/cli.ts';
import { KEY, press, type Rendered, renderApp, typeText, unmountLater, waitFor } from './helpers/ink.ts';
import { miniMesh } from './helpers/mini-mesh.ts';
import { fixture } from './helpers/paths.ts';

/** `--refresh DURATION` (issue 14 item 5: k9s refreshes its views at an interval, `k9s --refresh`). */
const T = { timeout: 30_000 };
const now = () => Date.parse('2026-01-01T00:00:00Z');

async function withApp(app: Rendered, body: (app: Rendered) => Promise<void>): Promise<void> {
  try {
    await body(app);
  } finally {
    await unmountLater(app);
  }
}

describe('TUI --refresh', () => {
  it('--refresh fetches the data again at the interval, and skips a tick while a fetch is running', T, async () => {
    let lists = 0;
    let configs = 0;
    let inFlight = 0;
    let overlapped = false;
    const slow = () => new Promise((resolve) => setTimeout(resolve, 120));
    const source: MeshSource = {
      kind: 'live',
      label: 'kube context test',
      async listProxies() {
        lists++;
        return [{ name: 'productpage-v1-abc.bookinfo', pod: 'productpage-v1-abc', namespace: 'bookinfo', sync: { CDS: 'SYNCED' } }];
      },
      async proxyConfig() {
        configs++;
        if (inFlight > 0) overlapped = true;
        inFlight++;
        await slow();
        inFlight--;
        return { config: miniMesh(), fetchedAt: now() };
      },
      async analyze() {
        return [];
      },
    };
    await withApp(renderApp({ source, color: false, now, refreshEvery: 50 }, { columns: 120, rows: 30 }), async (app) => {
      await waitFor(app, 'Routes');
      const deadline = Date.now() + 10_000;
      while (configs < 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      assert.ok(configs >= 3, `${configs} config fetches`);
      assert.ok(lists >= 3, `${lists} proxy lists`);
      assert.equal(overlapped, false, 'no tick while a fetch runs (a new fetch would abort it)');
    });
  });

  it('keeps refreshing when a fetch is too quick to be seen running', T, async () => {
    let fetches = 0;
    const source: MeshSource = {
      kind: 'live',
      label: 'kube context test',
      async listProxies() {
        fetches++;
        return [{ name: 'productpage-v1-abc.bookinfo', pod: 'productpage-v1-abc', namespace: 'bookinfo', sync: { CDS: 'SYNCED' } }];
      },
      async proxyConfig() {
        return { config: miniMesh(), fetchedAt: now() };
      },
      async analyze() {
        return [];
      },
    };
    await withApp(renderApp({ source, color: false, now, refreshEvery: 30 }, { columns: 120, rows: 30 }), async (app) => {
      await waitFor(app, 'Routes');
      const deadline = Date.now() + 10_000;
      while (fetches < 5 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      assert.ok(fetches >= 5, `${fetches} proxy lists`);
    });
  });

  it('refuses --refresh below 1s or not a duration, in one line, exit 2', async () => {
    for (const [flag, message] of [
      ['500ms', /--refresh 500ms is too often: at least 1s/],
      ['soon', /--refresh soon is not a positive duration/],
    ] as const) {
      const r = await runCli(['--file', fixture('bookinfo', 'productpage', 'config_dump.json'), '--refresh', flag]);
      assert.equal(r.code, 2, r.stderr);
      assert.match(r.stderr, message);
    }
  });
});

/** A live source over the mini mesh whose one proxy is named after its context. */
function contextSource(context: string, closed: string[]): MeshSource {
  return {
    kind: 'live',
    label: `kube context ${context}`,
    async listProxies() {
      return [
        { name: `${context}-app-v1-abc.bookinfo`, pod: `${context}-app-v1-abc`, namespace: 'bookinfo', sync: { CDS: 'SYNCED' } },
        { name: `${context}-other-v1-abc.bookinfo`, pod: `${context}-other-v1-abc`, namespace: 'bookinfo', sync: { CDS: 'SYNCED' } },
      ];
    },
    async proxyConfig() {
      return { config: miniMesh(), fetchedAt: now() };
    },
    async analyze() {
      return [];
    },
    close() {
      closed.push(context);
    },
  };
}

describe('TUI :ctx NAME (k9s :ctx)', () => {
  it('switches the live source to another kube context, back to its workloads, closing the old one', T, async () => {
    const closed: string[] = [];
    const opened: string[] = [];
    const switchContext = (name: string) => {
      opened.push(name);
      return contextSource(name, closed);
    };
    await withApp(renderApp({ source: contextSource('east', closed), color: false, now, switchContext }, { columns: 120, rows: 30 }), async (app) => {
      await waitFor(app, 'east-app-v1-abc');
      await press(app, [KEY.enter], 'Routes');
      await press(app, [':']);
      await typeText(app, 'ctx west');
      const frame = await press(app, [KEY.enter], 'west-app-v1-abc');
      assert.match(frame, /kube context west/);
      assert.match(frame, /^Workloads\s*$/m, 'back to the workload list of the new context');
      assert.doesNotMatch(frame, /east-/);
      assert.deepEqual(opened, ['west']);
      assert.deepEqual(closed, ['east']);
      await press(app, [':']);
      await typeText(app, 'ctx');
      assert.match(await press(app, [KEY.enter], ':ctx needs a kube context name'), /kubectl config get-contexts/);
    });
  });

  it('says :ctx needs a live source when the source reads files', T, () =>
    withApp(renderApp({ source: contextSource('x', []), color: false, now }, { columns: 120, rows: 30 }), async (app) => {
      await waitFor(app, 'x-app-v1-abc');
      await press(app, [':']);
      await typeText(app, 'ctx west');
      await press(app, [KEY.enter], ':ctx switches the kube context of a live source');
    }),
  );
});

describe('--refresh without a terminal', () => {
  it('prints the overview as without it (nothing refreshes there)', async () => {
    const dump = fixture('bookinfo', 'productpage', 'config_dump.json');
    const plain = await runCli(['--file', dump]);
    const refreshed = await runCli(['--file', dump, '--refresh', '5s']);
    assert.equal(refreshed.code, plain.code, refreshed.stderr);
    assert.equal(refreshed.stdout, plain.stdout);
  });
});
