import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { filterQueryError, parseFilterQuery, rowPasses } from '../src/core/text/filter-query.ts';
import { CELL_SEPARATOR } from '../src/core/text/terms.ts';
import { FilterIndex } from '../src/ui/table/filter-index.ts';
import type { TableModel } from '../src/ui/table/model.ts';

const row = (...cells: string[]) => cells.join(CELL_SEPARATOR).toLowerCase();
const model: TableModel = {
  noun: 'clusters',
  columns: [
    { title: 'NAME', min: 4, max: 40, priority: 0, search: true },
    { title: 'SUBSET', min: 2, max: 10, priority: 1, search: true },
  ],
  rows: [
    { id: '1', cells: ['outbound|9080|v1|reviews.bookinfo.svc.cluster.local', 'v1'] },
    { id: '2', cells: ['outbound|9080|v2|reviews.bookinfo.svc.cluster.local', 'v2'] },
    { id: '3', cells: ['outbound|9080||ratings.bookinfo.svc.cluster.local', ''] },
    { id: '4', cells: ['BlackHoleCluster', ''] },
  ],
};

describe('table filter queries: fuzzy, !inverse, ~RE2 regex (issue 14 k9s habits)', () => {
  it('keeps plain text fuzzy', () => {
    assert.deepEqual(parseFilterQuery('Rev  v2'), { kind: 'fuzzy', terms: ['rev', 'v2'] });
    assert.deepEqual(new FilterIndex(model).matches('rvw v2'), [1]);
  });

  it('reads a leading ! as "rows without the text", as k9s IsInverseSelector (internal/helpers.go, \\A\\!)', () => {
    const q = parseFilterQuery('!Reviews');
    assert.equal(q.kind, 'absent');
    assert.equal(rowPasses(q as never, row('BlackHoleCluster', '')), true);
    assert.equal(rowPasses(q as never, row('outbound|9080|v1|reviews.bookinfo', 'v1')), false);
    assert.deepEqual(new FilterIndex(model).matches('!reviews'), [2, 3]);
    assert.deepEqual(new FilterIndex(model).matches('!'), [0, 1, 2, 3], 'a lone ! filters nothing');
  });

  it('reads ~ as an RE2 regex found in one cell, case-insensitive; !~ inverts it', () => {
    const index = new FilterIndex(model);
    assert.deepEqual(index.matches('~\\|v[12]\\|'), [0, 1]);
    assert.deepEqual(index.matches('~^BLACK'), [3], '^ is the start of a cell');
    assert.deepEqual(index.matches('~^v2$'), [1], '$ is the end of a cell, not of the row');
    assert.deepEqual(index.matches('!~reviews'), [2, 3]);
    assert.deepEqual(index.matches('~'), [0, 1, 2, 3]);
  });

  it('matches nothing for a pattern RE2 rejects and says why (RE2 has no backreferences)', () => {
    assert.deepEqual(new FilterIndex(model).matches('~(a)\\1'), []);
    assert.match(filterQueryError('~(a)\\1') ?? '', /^regex: /);
    assert.match(filterQueryError('~(') ?? '', /missing/);
    assert.equal(filterQueryError('~a+'), undefined);
    assert.equal(filterQueryError('(plain'), undefined);
  });

  it('runs a pattern that backtracking engines take exponential time on in linear time', () => {
    const long: TableModel = { ...model, rows: [{ id: 'x', cells: [`${'a'.repeat(5000)}!`, ''] }] };
    const started = performance.now();
    assert.deepEqual(new FilterIndex(long).matches('~^(a+)+$'), []);
    assert.ok(performance.now() - started < 2000);
  });
});
