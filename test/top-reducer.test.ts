import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { TopMetrics } from '../src/core/top/metrics.ts';
import type { TopRow } from '../src/core/top/row.ts';
import type { TopState } from '../src/core/top/state.ts';
import { visibleRows } from '../src/core/top/view.ts';
import type { KeyPress } from '../src/ui/keys.ts';
import { TOP_KEYMAP, topCommandFor, topHelpSections } from '../src/ui/top/top-keymap.ts';
import { topLayout } from '../src/ui/top/top-layout.ts';
import { INITIAL_TOP_VIEW, stepInterval, type TopViewState, topReduce, viewOptions } from '../src/ui/top/top-reducer.ts';

const m = (rps: number): TopMetrics => ({ rps, reset: false });
function row(kind: TopRow['kind'], name: string, rps: number, children: TopRow[] = []): TopRow {
  return { key: `${kind}:${name}`, kind, proxy: 'p.ns', name, metrics: m(rps), history: [], children };
}
const endpoints = (n: number) => Array.from({ length: n }, (_, i) => row('endpoint', `10.0.0.${i}:80`, i));
/** reviews (v1 with 3 endpoints, v2) and ratings (v1). */
const STATE: TopState = {
  proxies: [
    {
      proxy: 'p.ns',
      errors: [],
      history: new Map(),
      picks: [],
      polls: 2,
      weights: '',
      root: row('workload', 'p.ns', 100, [
        row('service', 'reviews', 70, [row('cluster', 'v1', 60, endpoints(3)), row('cluster', 'v2', 10, endpoints(1))]),
        row('service', 'ratings', 30, [row('cluster', 'v1r', 30, endpoints(1))]),
      ]),
    },
  ],
};

const keys = (...names: string[]): KeyPress[] => names.map((name) => ({ name, text: name.length === 1 ? name : '' }));
function run(names: string[], from: TopViewState = INITIAL_TOP_VIEW) {
  return topReduce(from, keys(...names), { rowsFor: (s) => visibleRows(STATE, viewOptions(s)), pageSize: 3, explainLines: 10 });
}
const shown = (state: TopViewState) => visibleRows(STATE, viewOptions(state)).map((v) => v.row.name);

describe('meshtop screen reducer', () => {
  const cases: [string, string[], (s: TopViewState) => void][] = [
    ['j moves down by row key', ['j', 'j'], (s) => assert.equal(s.cursor, 'cluster:v2')],
    ['k stops at the top', ['k', 'k'], (s) => assert.equal(s.cursorIndex, 0)],
    ['G goes to the last row, g back', ['G'], (s) => assert.equal(s.cursor, 'cluster:v1r')],
    ['page down moves a page and scrolls', ['pagedown'], (s) => assert.deepEqual([s.cursor, s.offset], ['service:ratings', 1])],
    [
      'Enter on a cluster drills into it',
      ['j', 'enter'],
      (s) => assert.deepEqual([s.focus, shown(s)], ['cluster:v1', ['v1', '10.0.0.2:80', '10.0.0.1:80', '10.0.0.0:80']]),
    ],
    ['Esc leaves the drill-down, back on the cluster', ['j', 'enter', 'escape'], (s) => assert.deepEqual([s.focus, s.cursor], [null, 'cluster:v1'])],
    ['Enter on a service folds it', ['enter'], (s) => assert.deepEqual(shown(s), ['reviews', 'ratings', 'v1r'])],
    ['Enter again unfolds it', ['enter', 'enter'], (s) => assert.deepEqual(shown(s), ['reviews', 'v1', 'v2', 'ratings', 'v1r'])],
    ['/ starts the filter; letters type, j too', ['/', 'r', 'a', 'j'], (s) => assert.deepEqual([s.filtering, s.filter.value], [true, 'raj'])],
    ['Enter keeps the filter', ['/', 'r', 'a', 't', 'enter'], (s) => assert.deepEqual([s.filtering, shown(s)], [false, ['ratings', 'v1r']])],
    ['Esc while typing clears the filter', ['/', 'r', 'escape'], (s) => assert.deepEqual([s.filtering, s.filter.value], [false, ''])],
    ['Esc after Enter clears the kept filter', ['/', 'r', 'enter', 'escape'], (s) => assert.equal(s.filter.value, '')],
    ['backspace edits the filter', ['/', 'r', 'x', 'backspace'], (s) => assert.equal(s.filter.value, 'r')],
    ['> sorts by the next column, descending', ['>'], (s) => assert.deepEqual(s.sort, { column: 'successRate', descending: true })],
    ['< from RPS sorts by name, ascending', ['<'], (s) => assert.deepEqual(s.sort, { column: 'name', descending: false })],
    ['I inverts', ['I'], (s) => assert.deepEqual([s.sort.descending, shown(s)[0]], [false, 'ratings'])],
    ['e opens the explain panel; j scrolls it', ['e', 'j', 'j'], (s) => assert.deepEqual(s.explain, { scroll: 2 })],
    ['the explain scroll stops at the end', ['e', 'pagedown', 'pagedown', 'pagedown'], (s) => assert.deepEqual(s.explain, { scroll: 7 })],
    ['Esc closes the explain panel first', ['/', 'r', 'enter', 'e', 'escape'], (s) => assert.deepEqual([s.explain, s.filter.value], [null, 'r'])],
    ['? opens help, q closes it without quitting', ['?', 'q'], (s) => assert.deepEqual([s.help, s.quit], [false, false])],
    ['q quits', ['q'], (s) => assert.equal(s.quit, true)],
    ['Ctrl-C quits even while typing', ['/', 'ctrl+c'], (s) => assert.equal(s.quit, true)],
    ['q while typing is a letter', ['/', 'q'], (s) => assert.deepEqual([s.quit, s.filter.value], [false, 'q'])],
  ];
  for (const [what, names, check] of cases) it(what, () => check(run(names).state));

  it('keeps the selected row when the rows re-sort', () => {
    const { state } = run(['j', 'j']);
    const byName = { ...state, sort: { column: 'name' as const, descending: false } };
    const rows = visibleRows(STATE, viewOptions(byName));
    assert.equal(rows[rows.findIndex((r) => r.row.key === byName.cursor)]!.row.name, 'v2');
  });

  it('returns sampling changes as effects for the poller', () => {
    assert.deepEqual(run([' ', '+', '-', 'e']).effects, ['toggle-pause', 'faster', 'slower', 'explain']);
    assert.deepEqual(run(['/', ' ', '+']).effects, [], 'typed into the filter');
  });

  it('steps the interval through 0.5 s … 60 s', () => {
    assert.equal(stepInterval(2000, 'faster'), 1000);
    assert.equal(stepInterval(2000, 'slower'), 5000);
    assert.equal(stepInterval(500, 'faster'), 500);
    assert.equal(stepInterval(60_000, 'slower'), 60_000);
    assert.equal(stepInterval(3000, 'faster'), 2000);
  });
});

describe('meshtop keymap and layout', () => {
  it('finds commands by context, and every binding is in the help', () => {
    assert.equal(topCommandFor({ name: 'e', text: 'e' }, ['table', 'global'], false), 'explain');
    assert.equal(topCommandFor({ name: 'e', text: 'e' }, ['explain', 'global'], false), 'back');
    const help = topHelpSections().flatMap((s) => s.rows.map(([, description]) => description));
    for (const b of TOP_KEYMAP) assert.ok(help.includes(b.description), b.description);
  });

  it('keeps the important columns as the terminal narrows', () => {
    const ids = (width: number) => topLayout(width).map((c) => c.id);
    assert.deepEqual(ids(200), [
      'name',
      'rps',
      'trend',
      'successRate',
      'errorsPerSec',
      'retriesPerSec',
      'timeoutsPerSec',
      'pendingOverflowPerSec',
      'ejectionsActive',
      'cxActive',
      'p50Ms',
      'p99Ms',
      'weight',
    ]);
    assert.deepEqual(ids(78), ['name', 'rps', 'successRate', 'errorsPerSec', 'retriesPerSec', 'ejectionsActive', 'p99Ms', 'weight']);
    assert.deepEqual(ids(40), ['name', 'rps', 'successRate']);
    for (const width of [200, 120, 78, 60, 40]) {
      const total = topLayout(width).reduce((sum, c) => sum + c.width + 1, -1);
      assert.ok(total <= Math.max(width, 40), `${width}: ${total}`);
    }
  });
});
