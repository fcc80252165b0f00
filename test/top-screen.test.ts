import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { render } from 'ink-testing-library';
import { createElement } from 'react';
import { TopPoller } from '../src/app/top-poller.ts';
import type { ProxyConfig } from '../src/core/envoy/types.ts';
import { TopApp } from '../src/ui/top/TopApp.tsx';
import { PRODUCTPAGE, productpageConfig } from './helpers/bookinfo-config.ts';
import { KEY, press, type Rendered, resize, typeText, unmountLater, waitFor } from './helpers/ink.ts';
import { ratings, reviews } from './helpers/top-samples.ts';
import { TopStubSource } from './helpers/top-stub-source.ts';

const T = { timeout: 30_000 };
let config: ProxyConfig;
before(async () => {
  config = await productpageConfig();
});

/**
 * meshtop's screen on the stub source with a clock the test moves: the screen starts the poller
 * (first sample, rates "—"), the test takes the second sample one "interval" later.
 */
async function screen(size = { columns: 140, rows: 30 }): Promise<{ app: Rendered; poller: TopPoller; source: TopStubSource; clock: { now: number } }> {
  const clock = { now: 1_736_930_000_000 };
  const source = new TopStubSource(
    config,
    [],
    {
      [reviews('v1')]: { rps: 90, errorShare: 0.1, ejected: 1, endpoints: ['10.244.1.10:9080', '10.244.2.11:9080'] },
      [reviews('v3')]: { rps: 10, endpoints: ['10.244.2.12:9080'] },
      [ratings('v1')]: { rps: 30, retryShare: 0.1, endpoints: ['10.244.1.9:9080'] },
    },
    () => clock.now,
  );
  const poller = new TopPoller({ source, selection: { kind: 'named', proxies: [PRODUCTPAGE] }, intervalMs: 60_000, now: () => clock.now });
  clock.now += 10_000;
  const app = render(createElement(TopApp, { poller, watching: PRODUCTPAGE, source: source.label, now: () => clock.now }));
  resize(app, size.columns, size.rows);
  await waitFor(app, 'last sample');
  return { app, poller, source, clock };
}

async function secondSample(s: { app: Rendered; poller: TopPoller; clock: { now: number } }): Promise<string> {
  await waitFor(s.app, () => s.poller.snapshot.polls === 1 && !s.poller.snapshot.polling);
  s.clock.now += 2000;
  await s.poller.pollNow();
  return waitFor(s.app, (f) => /v1\s+90\b/.test(f));
}

async function using(body: (s: Awaited<ReturnType<typeof screen>>) => Promise<void>): Promise<void> {
  const s = await screen();
  try {
    await body(s);
  } finally {
    await unmountLater(s.app);
  }
}

const selected = (frame: string) =>
  frame
    .split('\n')
    .find((l) => l.startsWith('› '))
    ?.slice(2)
    .trim()
    .split(/\s+/)[0];

describe('meshtop screen (ink-testing-library)', () => {
  it('shows the header, "—" before the second sample, then the tree with rates, weights and sparklines', T, () =>
    using(async (s) => {
      const first = await waitFor(s.app, (f) => f.includes('rates need a second sample'));
      assert.match(first, /meshtop productpage-v1-7d6cfb7dfd-4xk2p\.bookinfo\s+stub mesh\s+every 60s/);
      assert.match(first, /▾ reviews\.bookinfo:9080\s+—/);
      const frame = await secondSample(s);
      assert.match(frame, /last sample \d\d:\d\d:\d\d UTC, 0\.0s ago/);
      assert.match(frame, /▸ v1\s+90\s+\S*\s+90%\s+9\b/, 'RPS, sparkline, success, 5xx/s');
      assert.match(frame, /90%→90%/);
      assert.match(frame, /10%→10%/);
      assert.match(frame, /▼RPS/, 'sorted by RPS, descending');
      assert.ok(frame.indexOf('reviews.bookinfo') < frame.indexOf('ratings.bookinfo'), 'busiest service first');
    }),
  );

  it('moves the selection with j/k and sorts with < > and I', T, () =>
    using(async (s) => {
      await secondSample(s);
      assert.equal(selected(s.app.lastFrame()!), '▾');
      let frame = await press(s.app, ['j']);
      assert.match(frame, /› +▸ v1/);
      frame = await press(s.app, ['>'], '▼SUCCESS');
      frame = await press(s.app, ['I'], '▲SUCCESS');
      frame = await press(s.app, ['<', '<'], 'NAME▲');
      assert.ok(frame.indexOf('ratings.bookinfo') < frame.indexOf('reviews.bookinfo'), 'by name, ascending');
      frame = await press(s.app, ['I'], 'NAME▼');
      assert.ok(frame.indexOf('reviews.bookinfo') < frame.indexOf('ratings.bookinfo'), 'by name, descending');
    }),
  );

  it('filters with / and clears with Esc', T, () =>
    using(async (s) => {
      await secondSample(s);
      await press(s.app, ['/']);
      let frame = await typeText(s.app, 'ratings', '2 of 5 rows');
      assert.ok(!frame.includes('reviews.bookinfo'));
      frame = await press(s.app, [KEY.enter], '(Esc clears)');
      frame = await press(s.app, [KEY.escape], (f) => f.includes('reviews.bookinfo'));
      assert.match(frame, /\? help/);
    }),
  );

  it('drills into a cluster with Enter: its endpoints, the ejected one marked; Esc goes back', T, () =>
    using(async (s) => {
      await secondSample(s);
      let frame = await press(s.app, ['j', KEY.enter], 'EJECTED');
      assert.match(frame, /› +▾ v1/);
      assert.match(frame, /10\.244\.1\.10:9080 EJECTED/);
      assert.match(frame, /10\.244\.2\.11:9080\s+45\b/);
      assert.ok(!frame.includes('ratings.bookinfo'), 'only the drilled cluster');
      frame = await press(s.app, [KEY.escape], 'ratings.bookinfo');
      assert.match(frame, /› +▸ v1/, 'back on the cluster');
    }),
  );

  it('explains the busiest route with e and closes the panel with Esc', T, () =>
    using(async (s) => {
      await secondSample(s);
      let frame = await press(s.app, ['e'], 'reviews-canary');
      assert.match(frame, /explain productpage-v1-7d6cfb7dfd-4xk2p\.bookinfo: GET http:\/\/reviews\.bookinfo\.svc\.cluster\.local:9080\//);
      assert.match(frame, /split v1 90% \/ v3 10% via route #2 "reviews-canary"/);
      frame = await press(s.app, [KEY.escape], (f) => !f.includes('reviews-canary'));
      assert.match(frame, /\? help/);
    }),
  );

  it('pauses with Space and changes the interval with + and -', T, () =>
    using(async (s) => {
      await secondSample(s);
      let frame = await press(s.app, [' '], 'PAUSED');
      assert.equal(s.poller.snapshot.paused, true);
      frame = await press(s.app, [' '], (f) => !f.includes('PAUSED'));
      frame = await press(s.app, ['+'], 'sampling every 30s');
      assert.equal(s.poller.snapshot.intervalMs, 30_000);
      frame = await press(s.app, ['-', '-'], 'every 60s');
      assert.equal(s.poller.snapshot.intervalMs, 60_000);
      assert.ok(frame);
    }),
  );

  it('shows help generated from the keymap, and quits with q, stopping the poller', T, () =>
    using(async (s) => {
      await secondSample(s);
      let frame = await press(s.app, ['?'], 'sort by the next column');
      assert.match(frame, /Space\s+pause or resume sampling/);
      frame = await press(s.app, ['?'], '▼RPS');
      s.poller.setIntervalMs(500);
      await press(s.app, ['q']);
      const calls = s.source.calls.stats;
      await new Promise((r) => setTimeout(r, 1200));
      assert.equal(s.source.calls.stats, calls, 'no polls after quitting (the 0.5 s interval would have polled twice)');
      assert.equal(s.poller.snapshot.polling, false);
    }),
  );

  it('fits 80 columns by dropping the least important columns', T, async () => {
    const s = await screen({ columns: 80, rows: 24 });
    try {
      const frame = await secondSample(s);
      const header = frame.split('\n').find((l) => l.includes('RPS'))!;
      assert.ok(header.length <= 80, header);
      assert.match(header, /SUCCESS/);
      assert.match(header, /WEIGHT/);
      assert.ok(!header.includes('P50'), 'p50 goes first');
    } finally {
      await unmountLater(s.app);
    }
  });
});
