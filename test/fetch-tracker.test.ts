import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { newFetchTracker, track } from '../src/ui/hooks/fetch-tracker.ts';

/**
 * The TUI's count of fetches in flight, which `--refresh` reads when its timer fires (a render
 * not yet drawn cannot hide a running fetch from it).
 */
describe('fetch tracker', () => {
  it('counts a fetch from its start until it settles', async () => {
    const t = newFetchTracker();
    let resolve!: (v: number) => void;
    const work = track(t, new AbortController().signal, new Promise<number>((r) => (resolve = r)));
    assert.equal(t.inFlight, 1);
    resolve(7);
    assert.equal(await work, 7);
    await Promise.resolve();
    assert.equal(t.inFlight, 0);
  });

  it('stops counting an aborted fetch at once, and only once when it later settles or fails', async () => {
    const t = newFetchTracker();
    const c = new AbortController();
    let reject!: (e: Error) => void;
    const work = track(t, c.signal, new Promise<number>((_r, j) => (reject = j)));
    track(t, new AbortController().signal, new Promise(() => {}));
    assert.equal(t.inFlight, 2);
    c.abort();
    assert.equal(t.inFlight, 1);
    reject(new Error('aborted'));
    await assert.rejects(work);
    assert.equal(t.inFlight, 1);
  });
});
