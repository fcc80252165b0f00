import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { render } from 'ink-testing-library';
import { createElement } from 'react';
import stringWidth from 'string-width';
import { TopPoller } from '../src/app/top-poller.ts';
import { TopApp } from '../src/ui/top/TopApp.tsx';
import { PRODUCTPAGE, productpageConfig } from './helpers/bookinfo-config.ts';
import { KEY, press, resize, typeText, unmountLater, waitFor } from './helpers/ink.ts';
import { ratings, reviews } from './helpers/top-samples.ts';
import { TopStubSource } from './helpers/top-stub-source.ts';

/**
 * Issue 14 item 3 for meshtop, which shares the TUI's text field and scrolling text: at 40 to 200
 * columns no row is wider than the terminal (string-width) and the header and footer rows stay.
 */
const T = { timeout: 60_000 };
const SIZES = [
  { columns: 40, rows: 10 },
  { columns: 60, rows: 20 },
  { columns: 80, rows: 24 },
  { columns: 120, rows: 40 },
  { columns: 200, rows: 50 },
];

describe('TUI widths: meshtop fits 40 to 200 columns', () => {
  for (const size of SIZES) {
    it(`table, filter, explain and help fit ${size.columns}×${size.rows}`, T, async () => {
      const config = await productpageConfig();
      const clock = { now: 1_736_930_000_000 };
      const source = new TopStubSource(
        config,
        [],
        {
          [reviews('v1')]: { rps: 90, errorShare: 0.1, ejected: 1, endpoints: ['10.244.1.10:9080'] },
          [ratings('v1')]: { rps: 30, endpoints: ['10.244.1.9:9080'] },
        },
        () => clock.now,
      );
      const poller = new TopPoller({ source, selection: { kind: 'named', proxies: [PRODUCTPAGE] }, intervalMs: 60_000, now: () => clock.now });
      const watching = `${PRODUCTPAGE} and ${'a-very-long-selector-name,'.repeat(5)}`;
      const app = render(createElement(TopApp, { poller, watching, source: `${source.label} ${'/long/path'.repeat(8)}`, now: () => clock.now }));
      resize(app, size.columns, size.rows);
      const check = (frame: string, screen: string) => {
        const rows = frame.split('\n');
        assert.ok(rows.length <= size.rows, `${screen} at ${size.columns}: ${rows.length} rows\n${frame}`);
        for (const row of rows) assert.ok(stringWidth(row) <= size.columns, `${screen} at ${size.columns}: ${stringWidth(row)} cells\n${row}\n\n${frame}`);
        assert.match(rows[0]!, /^meshtop /, `${screen}: the header row\n${frame}`);
      };
      try {
        await waitFor(app, 'last sample');
        await waitFor(app, () => poller.snapshot.polls === 1 && !poller.snapshot.polling);
        clock.now += 2000;
        await poller.pollNow();
        check(await waitFor(app, (f) => /\b90\b/.test(f)), 'table');
        await press(app, ['/']);
        const typing = await typeText(app, 'outbound|9080|v1|reviews.bookinfo.svc.cluster.local-and-more-text');
        check(typing, 'filter while typing');
        assert.match(typing.split('\n').at(-1)!, /^\//, `the footer row is the filter\n${typing}`);
        await press(app, [KEY.escape, KEY.escape]);
        check(await press(app, ['e'], 'explain '), 'explain');
        check(await press(app, [KEY.escape, '?'], (f) => !f.includes('▼')), 'help');
      } finally {
        poller.stop();
        await unmountLater(app);
      }
    });
  }
});
