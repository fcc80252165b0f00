import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { MeshSource } from '../src/app/mesh-source.ts';
import { runCli } from './helpers/cli.ts';
import { type Rendered, renderApp, unmountLater, waitFor } from './helpers/ink.ts';
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
