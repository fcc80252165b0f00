import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ProxySummary } from '../src/app/mesh-source.ts';
import { type Action, appReducer } from '../src/ui/state/app-reducer.ts';
import { type AppState, initialState, type ReduceContext } from '../src/ui/state/app-state.ts';
import { ProxyTables, tableFor } from '../src/ui/tables/catalog.ts';
import { breadcrumbs } from '../src/ui/views/chrome.ts';

const proxy = (pod: string, namespace: string): ProxySummary => ({ name: `${pod}.${namespace}`, pod, namespace, sync: {} });
const PROXIES = [proxy('productpage-v1-abc', 'bookinfo'), proxy('reviews-v1-def', 'bookinfo'), proxy('istio-ingressgateway-xyz', 'istio-system')];
const proxyTables = new ProxyTables(PROXIES);
const ctx: ReduceContext = {
  rows: (view, namespace, filter) => {
    const e = view.kind === 'picker' ? tableFor(view, namespace, proxyTables, undefined) : undefined;
    return e && { rows: e.model.rows, matches: e.index.matches(filter) };
  },
  pageSize: 5,
  explainLines: 40,
  explainPage: 10,
  helpLines: 30,
  helpPage: 10,
  proxies: PROXIES,
};
const NAMES: Record<string, string> = { '\r': 'enter', '\u001b': 'escape', '↓': 'down' };
function keys(state: AppState, text: string): AppState {
  const presses = [...text].map((ch) => (NAMES[ch] ? { name: NAMES[ch]!, text: '' } : { name: ch, text: ch }));
  return appReducer(state, { type: 'keys', keys: presses, ctx } as Action);
}
const start = () => appReducer(initialState(), { type: 'proxies', proxies: PROXIES });

describe(':x on the workload picker', () => {
  it('explains through the row under the cursor, not the workload opened last, and the breadcrumb names it', () => {
    // Open productpage, go back to the picker, move the cursor to reviews, then :x.
    let s = keys(start(), '\r');
    assert.equal(s.workload, 'productpage-v1-abc.bookinfo');
    s = keys(s, '\u001b↓');
    s = keys(s, ':x GET http://reviews:9080/\r');
    assert.equal(s.workload, 'reviews-v1-def.bookinfo');
    assert.equal(s.explain.submitted, 'GET http://reviews:9080/');
    assert.deepEqual(breadcrumbs(s, s.workload), ['Workloads', 'reviews-v1-def.bookinfo', 'Routes', 'Explain']);
  });

  it('refuses, saying how to pick one, when no workload is under the cursor', () => {
    let s = keys(start(), '/nothing-matches\r');
    s = keys(s, ':x\r');
    assert.equal(s.workload, null);
    assert.match(s.message?.text ?? '', /no workload under the cursor/);
    assert.ok(!s.stack.some((v) => v.kind === 'explain'));
  });

  it('names the proxy in the breadcrumb of an explain pushed straight on the picker', () => {
    const s: AppState = { ...start(), workload: 'reviews-v1-def.bookinfo', stack: [{ kind: 'picker' }, { kind: 'explain' }] };
    assert.deepEqual(breadcrumbs(s, s.workload), ['Workloads', 'reviews-v1-def.bookinfo', 'Explain']);
  });
});
