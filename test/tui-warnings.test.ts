import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { MeshSource } from '../src/app/mesh-source.ts';
import type { ProxyConfig } from '../src/core/envoy/types.ts';
import { createFileSource } from '../src/sources/file-source.ts';
import { KEY, press, type Rendered, renderApp, typeText, unmountLater, waitFor } from './helpers/ink.ts';
import { conformance, needsConformance } from './helpers/paths.ts';
import { warningMesh } from './helpers/warning-mesh.ts';

const T = { timeout: 30_000 };
const now = () => Date.parse('2026-01-01T00:00:00Z');
const scout = conformance('istio-real', 'u06-scout-gateway.json');

function sourceOf(config: ProxyConfig): MeshSource {
  return {
    kind: 'live',
    label: 'kube context test',
    async listProxies() {
      return [{ name: 'reviews-v1-abc.bookinfo', pod: 'reviews-v1-abc', namespace: 'bookinfo', sync: { CDS: 'SYNCED' } }];
    },
    async proxyConfig() {
      return { config, fetchedAt: now() - 5000 };
    },
    async analyze() {
      return [];
    },
  };
}

async function withApp(app: Rendered, body: (app: Rendered) => Promise<void>): Promise<void> {
  try {
    await body(app);
  } finally {
    await unmountLater(app);
  }
}

const widest = (frame: string): number => Math.max(...frame.split('\n').map((l) => [...l].length));

describe('TUI: what meshscope did not interpret', () => {
  it('counts it in the status line and lists it on the W screen, those that count first', T, () =>
    withApp(renderApp({ source: sourceOf(warningMesh()), color: false, now }, { columns: 100, rows: 24 }), async (app) => {
      // The first frame does not wait for the load issues (read in the background: app/background-issues.ts); the count follows.
      let frame = await waitFor(app, (f) => f.includes('canary') && f.includes('not interpreted'));
      assert.match(frame, /⚠ 2 not interpreted \(W\)/);
      assert.ok(!frame.includes('checking the dump'));
      frame = await press(app, ['W'], 'Not interpreted');
      assert.match(frame, /reviews-v1-abc\.bookinfo › Routes › Not interpreted/);
      assert.match(frame, /⚠ 2 things meshscope did not interpret can change answers/);
      // At 100 columns the SEVERITY column gives way first; ⚠ marks what can change an answer.
      const rows = frame.split('\n').filter((l) => /^[› ] [⚠ ] +(unsupported|unknown-field) /.test(l));
      assert.equal(rows.length, 3);
      assert.match(rows[0]!, /^› ⚠ +unsupported +routes\[9080\]/);
      assert.match(rows[1]!, /⚠ +unknown-field +clusters\[outbound\|9080\|v1\|/);
      assert.match(rows[2]!, /^ {3} +unknown-field +routes\[9080\]/, 'the header field steers nothing: last, unmarked');
      assert.ok(widest(frame) <= 100, 'fits the terminal');
      frame = await press(app, [KEY.escape], (f) => !f.includes('Not interpreted'));
      assert.match(frame, /canary/);
    }),
  );

  it('opens the same screen with :warnings, fits a narrow terminal, and strips control characters', T, () => {
    const config = warningMesh();
    config.issues.value.push({
      severity: 'warning',
      code: 'bad-value',
      message: 'lb_policy \u001b[31mRED\u001b[0m is not one of …',
      where: 'clusters[evil\u0007]',
    });
    return withApp(renderApp({ source: sourceOf(config), color: false, now }, { columns: 60, rows: 20 }), async (app) => {
      await waitFor(app, 'canary');
      await press(app, [':']);
      await typeText(app, 'warnings', ':warnings');
      const shown = await press(app, [KEY.enter], 'Not interpreted');
      assert.ok(!shown.includes('\u001b[31m') && !shown.includes('\u0007'));
      assert.match(shown, /⚠ 3 not interpreted/);
      assert.ok(widest(shown) <= 60, 'fits 60 columns');
    });
  });

  it("shows a skipped never-matching route in the explain panel's caveats, with its place", T, () =>
    withApp(renderApp({ source: sourceOf(warningMesh()), color: false, now }, { columns: 120, rows: 60 }), async (app) => {
      await waitFor(app, 'canary');
      await press(app, ['e']);
      await typeText(app, 'GET http://reviews:9080/reviews/1 -H "end-user: jason"');
      const frame = await press(app, [KEY.enter, 'G'], 'Caveats');
      const caveats = frame.slice(frame.indexOf('Caveats')).replace(/\s+/g, ' ');
      assert.match(
        caveats,
        /- path_match_policy type\.googleapis\.com\/acme\.path\.match\.glob\.v3\.GlobMatchConfig is not evaluated; the route never matches \(at routes\[9080\]\.virtual_hosts\[reviews\.bookinfo\.svc\.cluster\.local:9080\]\.routes\[0\]\.match\)/,
      );
      assert.ok(widest(frame) <= 120);
    }),
  );
});

// Envoy's v2 API was removed in Envoy 1.18: the file source refuses such a dump whole (v2-api.ts).
describe('TUI: a real Envoy v2 gateway dump (u06-scout-gateway)', { skip: needsConformance }, () => {
  it('says the one-line refusal instead of counting its v2 regex routes, with no stack trace', T, () =>
    withApp(renderApp({ source: createFileSource({ dump: scout }), color: false, now }, { columns: 200, rows: 30 }), async (app) => {
      const frame = await waitFor(app, 'Envoy v2 API');
      assert.match(frame.replace(/\s+/g, ' '), /u06-scout-gateway\.json: an Envoy v2 API config dump/);
      assert.ok(!/^\s+at /m.test(frame), 'no stack trace');
      assert.ok(!frame.includes('not interpreted'), 'nothing of it is counted');
    }),
  );
});
