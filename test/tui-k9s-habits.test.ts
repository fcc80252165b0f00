import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createFolderSource } from '../src/sources/folder-source.ts';
import { KEY, press, type Rendered, renderApp, typeText, unmountLater, waitFor } from './helpers/ink.ts';
import { fixture } from './helpers/paths.ts';

/** Issue 14 item 5, the habits of k9s users, driven through the whole TUI (ink-testing-library). */
const T = { timeout: 30_000 };
const bookinfo = () => createFolderSource(fixture('bookinfo'), { label: 'folder fixtures/bookinfo' });
const now = () => Date.parse('2026-01-01T00:00:00Z');

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

describe('TUI k9s habits (issue 14 item 5)', () => {
  it('says so when a key does nothing, and the next key clears it', T, () =>
    withApp(renderApp({ source: bookinfo(), color: false, now }, { columns: 120, rows: 30 }), async (app) => {
      await waitFor(app, 'reviews-v3-7886dd86b9-lc4jh');
      let frame = await press(app, ['z'], 'unknown key z — ? for help');
      assert.match(frame, /reviews-v3-7886dd86b9-lc4jh/, 'the table stays');
      frame = await press(app, ['j'], (f) => !f.includes('unknown key'));
      await openProductpage(app);
      frame = await press(app, ['Z'], 'unknown key Z — ? for help');
      assert.match(frame, /jason-to-v2/);
    }),
  );
});
