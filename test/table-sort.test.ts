import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Column } from '../src/ui/table/model.ts';
import { nextSort, sortedTitle, sortRows } from '../src/ui/table/sort.ts';

const col = (title: string): Column => ({ title, min: 2, max: 20, priority: 0 });
const COLUMNS = [col('SERVICE'), col('SUBSET'), col('EPS')];

describe('column sort (k9s SortColCmd: same column flips, another starts ascending)', () => {
  it('steps Shift+letter through ascending, descending, then the next column with that initial', () => {
    let s = nextSort(COLUMNS, undefined, 'S');
    assert.deepEqual(s, { column: 0, desc: false });
    s = nextSort(COLUMNS, s, 'S');
    assert.deepEqual(s, { column: 0, desc: true });
    s = nextSort(COLUMNS, s, 'S');
    assert.deepEqual(s, { column: 1, desc: false });
    assert.deepEqual(nextSort(COLUMNS, { column: 1, desc: true }, 'S'), { column: 0, desc: false }, 'wraps around');
    assert.deepEqual(nextSort(COLUMNS, s, 'E'), { column: 2, desc: false }, 'another column starts ascending');
    assert.equal(nextSort(COLUMNS, s, 'X'), undefined);
  });

  it('orders numbers by value, text without case, empty cells last, ties in table order', () => {
    const rows = ['10', '9', '', 'b', 'A', '9'].map((c, i) => ({ id: String(i), cells: ['', '', c] }));
    const all = rows.map((_, i) => i);
    assert.deepEqual(sortRows(rows, all, { column: 2, desc: false }), [1, 5, 0, 4, 3, 2]);
    assert.deepEqual(sortRows(rows, all, { column: 2, desc: true }), [3, 4, 0, 1, 5, 2]);
    assert.deepEqual(sortRows(rows, [0, 1], { column: 2, desc: false }), [1, 0], 'only the matches');
    assert.equal(sortedTitle(COLUMNS[2]!, 2, { column: 2, desc: true }), 'EPS↓');
    assert.equal(sortedTitle(COLUMNS[1]!, 1, { column: 2, desc: true }), 'SUBSET');
  });
});
