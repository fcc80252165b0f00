import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ProxySummary } from '../src/app/mesh-source.ts';
import type { Workload } from '../src/app/workload.ts';
import { type Action, appReducer } from '../src/ui/state/app-reducer.ts';
import { type AppState, initialState, type ReduceContext, tableOf, topView } from '../src/ui/state/app-state.ts';
import { tableKey } from '../src/ui/state/views.ts';
import { ProxyTables, tableFor, WorkloadTables } from '../src/ui/tables/catalog.ts';
import { miniMesh } from './helpers/mini-mesh.ts';

const proxy = (pod: string, namespace: string): ProxySummary => ({ name: `${pod}.${namespace}`, pod, namespace, sync: {} });
const PROXIES = [proxy('productpage-v1-abc', 'bookinfo'), proxy('reviews-v1-def', 'bookinfo'), proxy('istio-ingressgateway-xyz', 'istio-system')];
const workload: Workload = { proxy: 'productpage-v1-abc.bookinfo', config: miniMesh(), fetchedAt: 0, findings: [], analyzer: [] };
const proxyTables = new ProxyTables(PROXIES);
const workloadTables = new WorkloadTables(workload);

const ctx: ReduceContext = {
  rows: (view, namespace, filter) => {
    const e = view.kind === 'explain' ? undefined : tableFor(view, namespace, proxyTables, workloadTables);
    return e && { rows: e.model.rows, matches: e.index.matches(filter) };
  },
  pageSize: 5,
  explainLines: 40,
  explainPage: 10,
  helpLines: 30,
  helpPage: 10,
  proxies: PROXIES,
};

const NAMES: Record<string, string> = { '\r': 'enter', '\u001b': 'escape', '\t': 'tab', '\u0003': 'ctrl+c', '↓': 'down', '↑': 'up', '⌫': 'backspace' };
/** Types keys: printable characters as themselves; ↓ ↑ ⌫ and control characters as their key names. */
function keys(state: AppState, text: string): AppState {
  const presses = [...text].map((ch) => (NAMES[ch] ? { name: NAMES[ch]!, text: '' } : { name: ch, text: ch }));
  return appReducer(state, { type: 'keys', keys: presses, ctx } as Action);
}
const start = () => appReducer(initialState(), { type: 'proxies', proxies: PROXIES });
const table = (s: AppState) => tableOf(s, tableKey(topView(s), s.workload, s.namespace));

describe('TUI state machine (pure, without Ink)', () => {
  it('opens the only proxy directly, and an initial proxy on top of the picker', () => {
    const single = appReducer(initialState(), { type: 'proxies', proxies: [PROXIES[0]!] });
    assert.deepEqual(single.stack, [{ kind: 'tab', tab: 'routes' }]);
    assert.equal(single.single, true);
    const wanted = appReducer(initialState(), { type: 'proxies', proxies: PROXIES, initialProxy: 'reviews-v1-def' });
    assert.equal(wanted.workload, 'reviews-v1-def.bookinfo');
    assert.equal(wanted.stack[0]!.kind, 'picker');
    const unknown = appReducer(initialState(), { type: 'proxies', proxies: PROXIES, initialProxy: 'nope.x' });
    assert.match(unknown.message!.text, /no proxy nope\.x in 3 proxies/);
  });

  it('filters the picker, keeps the filter with Enter and opens the selection with Enter', () => {
    let s = keys(start(), '/rev');
    assert.equal(s.mode, 'filter');
    assert.equal(table(s).filter.value, 'rev');
    s = keys(s, '\r');
    assert.equal(s.mode, 'normal');
    s = keys(s, '\r');
    assert.equal(s.workload, 'reviews-v1-def.bookinfo');
    assert.deepEqual(
      s.stack.map((v) => v.kind),
      ['picker', 'tab'],
    );
  });

  it('moves with j/k, G/g and pages, within the rows', () => {
    let s = keys(start(), 'jj');
    assert.equal(table(s).cursor, 2);
    s = keys(s, 'j');
    assert.equal(table(s).cursor, 2, 'stops at the last workload');
    s = keys(s, 'gG');
    assert.equal(table(s).cursor, 2);
    s = keys(s, 'k↑');
    assert.equal(table(s).cursor, 0);
  });

  it('drills from a route to its clusters and a cluster to its endpoints; Esc pops, after clearing a filter', () => {
    let s = keys(start(), '\r');
    assert.equal(s.workload, 'productpage-v1-abc.bookinfo');
    s = keys(s, '/canary\r\r');
    assert.deepEqual(topView(s), {
      kind: 'route-clusters',
      title: 'canary',
      clusters: ['outbound|9080|v1|reviews.bookinfo.svc.cluster.local', 'outbound|9080|v3|reviews.bookinfo.svc.cluster.local'],
    });
    s = keys(s, 'j\r');
    assert.deepEqual(topView(s), { kind: 'cluster-endpoints', title: 'reviews.bookinfo v3', cluster: 'outbound|9080|v3|reviews.bookinfo.svc.cluster.local' });
    s = keys(s, '\u001b\u001b');
    assert.equal(topView(s).kind, 'tab');
    assert.equal(table(s).filter.value, 'canary', 'the filter is still there when coming back');
    s = keys(s, '\u001b');
    assert.equal(table(s).filter.value, '');
    assert.equal(topView(s).kind, 'tab');
    s = keys(s, '\u001b');
    assert.equal(topView(s).kind, 'picker');
    s = keys(s, '\u001b');
    assert.match(s.message!.text, /q quits/);
  });

  it('switches tabs by number, Tab/l/h and : commands, also from a drill-down', () => {
    let s = keys(start(), '\r');
    const tab = (x: AppState) => (topView(x).kind === 'tab' ? (topView(x) as { tab: string }).tab : topView(x).kind);
    s = keys(s, '2');
    assert.equal(tab(s), 'clusters');
    s = keys(s, 'l\t');
    assert.equal(tab(s), 'listeners');
    s = keys(s, 'hh');
    assert.equal(tab(s), 'clusters');
    s = keys(s, '\r');
    assert.equal(topView(s).kind, 'cluster-endpoints');
    s = keys(s, ':ep\r');
    assert.equal(tab(s), 'endpoints');
    assert.deepEqual(
      s.stack.map((v) => v.kind),
      ['picker', 'tab'],
    );
    const none = keys(start(), '3');
    assert.equal(topView(none).kind, 'picker', 'tab keys mean nothing in the picker');
    const noWorkload = keys(start(), ':routes\r');
    assert.match(noWorkload.message!.text, /open a workload first/);
  });

  it('runs :ns and :wl, and rejects unknown commands with the list', () => {
    let s = keys(start(), ':ns istio-system\r');
    assert.equal(s.namespace, 'istio-system');
    assert.match(s.message!.text, /namespace istio-system: 1 workload/);
    const rows = ctx.rows(topView(s), s.namespace, '')!;
    assert.equal(rows.matches.length, 1);
    s = keys(s, ':ns all\r');
    assert.equal(s.namespace, null);
    s = keys(s, ':ns nowhere\r');
    assert.match(s.message!.text, /no workloads in namespace nowhere; known: bookinfo, istio-system/);
    s = keys(s, ':wl reviews\r');
    assert.equal(s.workload, 'reviews-v1-def.bookinfo');
    s = keys(s, ':wl -v1-\r');
    assert.match(s.message!.text, /2 workloads match "-v1-"/);
    assert.equal(topView(s).kind, 'picker');
    s = keys(s, ':frobnicate\r');
    assert.match(s.message!.text, /unknown command :frobnicate; try :routes :clusters :ep/);
    s = keys(s, 'j');
    assert.equal(s.message, null, 'the next key clears a message');
    s = keys(s, ':cl\t');
    assert.equal(s.command.value, 'clusters');
    s = keys(s, '\u001b');
    assert.equal(s.mode, 'normal');
  });

  it('explains: types a request, submits it, keeps history, refuses a bad line, writes a note on w', () => {
    let s = keys(start(), '\re');
    assert.equal(topView(s).kind, 'explain');
    assert.equal(s.explain.editing, true);
    s = keys(s, 'GET http://reviews:9080/ -H end-user:jason\r');
    assert.equal(s.explain.submitted, 'GET http://reviews:9080/ -H end-user:jason');
    assert.equal(s.explain.editing, false);
    s = keys(s, 'jjj');
    assert.equal(s.explain.scroll, 3);
    s = keys(s, 'G');
    assert.equal(s.explain.scroll, 30);
    s = keys(s, 'n');
    assert.equal(s.explain.unfolded, true);
    s = keys(s, 'w');
    assert.equal(s.note, 1);
    s = keys(s, 'i');
    for (let i = 0; i < 60; i++) s = keys(s, '⌫');
    s = keys(s, 'reviews\r');
    assert.match(s.explain.error!, /not an absolute http\(s\) URL/);
    assert.equal(s.explain.editing, true);
    assert.equal(s.explain.submitted, 'GET http://reviews:9080/ -H end-user:jason', 'the last good trace stays');
    s = keys(s, '↑');
    assert.equal(s.explain.input.value, 'GET http://reviews:9080/ -H end-user:jason');
    s = keys(s, '↓');
    assert.equal(s.explain.input.value, 'reviews');
    s = keys(s, '\u001b');
    assert.equal(s.explain.editing, false);
    s = keys(s, '\u001b');
    assert.equal(topView(s).kind, 'tab');
    const noTrace = keys(keys(start(), '\re'), '\u001bw');
    assert.equal(topView(noTrace).kind, 'tab', 'Esc with nothing explained leaves the panel');
  });

  it(':explain with a request explains it at once', () => {
    const s = keys(start(), '\r:explain GET http://reviews:9080/ -H end-user:jason\r');
    assert.equal(topView(s).kind, 'explain');
    assert.equal(s.explain.submitted, 'GET http://reviews:9080/ -H end-user:jason');
  });

  it('shows help with ?, scrolls it within bounds, closes with Esc, q or ?', () => {
    let s = keys(start(), '?');
    assert.equal(s.mode, 'help');
    s = keys(s, 'jjj');
    assert.equal(s.helpScroll, 3);
    s = keys(s, 'G');
    assert.equal(s.helpScroll, 20);
    s = keys(s, 'q');
    assert.equal(s.mode, 'normal');
    assert.equal(s.quit, false, 'q closes the help, it does not quit');
  });

  it('quits with q, and with Ctrl-C from any mode; r asks for a refresh', () => {
    assert.equal(keys(start(), 'q').quit, true);
    assert.equal(keys(start(), '/ab\u0003').quit, true);
    assert.equal(keys(start(), '/q').quit, false, 'q types into the filter');
    assert.equal(keys(start(), ':\u0003').quit, true);
    assert.equal(keys(start(), 'rr').refresh, 2);
    const quitting = keys(start(), 'q');
    assert.equal(keys(quitting, 'j'), quitting, 'keys after quit change nothing');
  });
});
