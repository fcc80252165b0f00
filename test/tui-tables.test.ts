import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CELL_SEPARATOR, charMask, inOneCell, isSubsequence, queryTerms, rowMatches } from '../src/core/text/terms.ts';
import { FilterIndex } from '../src/ui/table/filter-index.ts';
import { highlightCells } from '../src/ui/table/fuzzy.ts';
import { GAP, layoutColumns } from '../src/ui/table/layout.ts';
import type { Column, TableModel } from '../src/ui/table/model.ts';
import { clean, fit } from '../src/ui/text.ts';

const model = (rows: string[][], rank = false): TableModel => ({
  noun: 'rows',
  rankMatches: rank,
  columns: [
    { title: 'NAME', min: 4, max: 40, priority: 0, search: true },
    { title: 'DEST', min: 4, max: 40, priority: 1, search: true },
    { title: 'N', min: 1, max: 3, priority: 2 },
  ],
  rows: rows.map((cells, i) => ({ id: String(i), cells })),
});

describe('TUI table filtering and layout', () => {
  it('matches each query term as a subsequence of one searchable cell', () => {
    const cases: [string, string[], boolean][] = [
      ['reviews', ['jason-to-v2', 'outbound|9080|v2|reviews.bookinfo'], true],
      ['rvw', ['reviews-canary', ''], true],
      ['REV', ['reviews', ''], true],
      ['reviews v2', ['jason-to-v2', 'reviews.bookinfo'], true],
      ['reviews zz', ['jason-to-v2', 'reviews.bookinfo'], false],
      ['wer', ['reviews', ''], false],
      // the whole term must sit in one cell
      ['jasonreviews', ['jason', 'reviews'], false],
      // a later cell can match after an earlier one almost did
      ['abc', ['ab', 'xaxbxc'], true],
      ['abc', ['a', 'b', 'c'], false],
    ];
    for (const [query, cells, expected] of cases)
      assert.equal(rowMatches(queryTerms(query), cells.join(CELL_SEPARATOR).toLowerCase()), expected, `${query} in ${cells.join(' | ')}`);
    assert.ok(isSubsequence('abc', 'xaxbxc'));
    assert.ok(inOneCell('ab', 'a\nxab'));
    const need = charMask('v2.');
    assert.equal(charMask('svc-42.ns-3 v2') & need, need);
    assert.notEqual(charMask('reviews') & charMask('z'), charMask('z'));
    assert.equal(charMask('~!'), 0, 'characters without a bit reject nothing');
    assert.ok(!inOneCell('ab', 'a\nb'));
    assert.ok(!isSubsequence('abc', 'cba'));
  });

  it('keeps row order when filtering (route order matters) and narrows as the query grows', () => {
    const index = new FilterIndex(
      model([
        ['zeta-reviews', 'a', '1'],
        ['alpha', 'reviews', '2'],
        ['other', 'x', '3'],
        ['reviews', 'b', '4'],
      ]),
    );
    assert.deepEqual(index.matches('rev'), [0, 1, 3]);
    assert.deepEqual(index.matches('revi'), [0, 1, 3]);
    assert.deepEqual(index.matches('reviews b'), [3]);
    assert.deepEqual(index.matches(''), [0, 1, 2, 3]);
    assert.deepEqual(index.matches('  '), [0, 1, 2, 3]);
    assert.deepEqual(index.matches('nothing'), []);
    assert.deepEqual(index.matches('3'), [], 'unsearchable columns are not searched');
  });

  it('answers a typed sequence of queries exactly as a fresh index would (incremental narrowing is safe)', () => {
    const words = ['reviews', 'ratings', 'details', 'productpage', 'v1', 'v2', 'canary', 'jason', 'bookinfo', 'svc-42', 'ns-3'];
    const rows = Array.from({ length: 400 }, (_, i) => [
      `${words[i % 11]!}-${words[(i * 7) % 11]!}`,
      `${words[(i * 3) % 11]!}.${words[(i * 5) % 11]!}`,
      String(i),
    ]);
    const typed = new FilterIndex(model(rows));
    const sequence = [
      'r',
      're',
      'rev',
      'rev ',
      'rev b',
      'rev bo',
      'rev boo',
      'rev bo',
      'rev b',
      'rev',
      'v',
      'v2',
      'v2 c',
      'v2 ca',
      'v2 can',
      'v2 ca j',
      'n',
      'ns',
      'ns-3',
      'ns-3 s',
      'ns-3 sv',
    ];
    for (const query of sequence) assert.deepEqual(typed.matches(query), new FilterIndex(model(rows)).matches(query), query);
  });

  it('ranks matches by fuzzysort score where the table asks for it (the workload picker)', () => {
    const index = new FilterIndex(
      model(
        [
          ['productpage-v1-7d6cfb7dfd-4xk2p', 'bookinfo', ''],
          ['reviews-v1-5896f547f5-7cjxn', 'bookinfo', ''],
          ['ratings-v1', 'rev', ''],
        ],
        true,
      ),
    );
    assert.deepEqual(index.matches('reviews'), [1]);
    assert.equal(index.matches('rev')[0], 2, 'an exact cell beats a longer one');
  });

  it('highlights where fuzzysort aligns each term best', () => {
    const marks = highlightCells('review', ['preview-reviews', 'x'], [true, true]);
    assert.deepEqual(
      [...marks[0]!].sort((a, b) => a - b),
      [8, 9, 10, 11, 12, 13],
    );
    assert.equal(marks[1], undefined);
    const two = highlightCells('jason v2', ['jason-to-v2', 'outbound|9080|v2|reviews'], [true, false]);
    assert.deepEqual(
      [...two[0]!].sort((a, b) => a - b),
      [0, 1, 2, 3, 4, 9, 10],
    );
  });

  it('lays columns out for the width: natural widths, then nice-to-haves dropped, then shrinking, then dropping', () => {
    const columns: Column[] = [
      { title: 'A', min: 10, max: 30, priority: 0 },
      { title: 'B', min: 8, max: 20, priority: 1 },
      { title: 'C', min: 4, max: 10, priority: 3 },
      { title: 'D', min: 6, max: 20, priority: 2 },
    ];
    const natural = [30, 20, 10, 20];
    const used = (w: number[]) => w.filter((x) => x > 0).reduce((n, x) => n + x + GAP, -GAP);
    assert.deepEqual(layoutColumns(columns, natural, 200), [30, 20, 10, 20]);
    const at80 = layoutColumns(columns, natural, 80);
    assert.equal(at80[2], 0, 'the nice-to-have column goes first');
    assert.ok(used(at80) <= 80);
    for (const width of [60, 40, 30, 20, 12]) {
      const w = layoutColumns(columns, natural, width);
      assert.ok(used(w) <= width || w.filter((x) => x > 0).length === 1, `fits ${width}: ${w}`);
      assert.ok(w[0]! >= 10, 'the essential column is never dropped');
    }
    assert.deepEqual(
      layoutColumns(columns, natural, 20).map((x) => x > 0),
      [true, true, false, false],
    );
  });

  it('cuts and pads cells, and shows control characters of cluster text as visible escapes', () => {
    assert.equal(fit('reviews', 4), 'rev…');
    assert.equal(fit('v1', 4), 'v1  ');
    assert.equal(fit('12', 4, true), '  12');
    assert.equal(clean('evil\u001b]0;title\u0007name\u001b[31m'), 'evil\\u001b]0;title\\u0007name\\u001b[31m');
    assert.equal(clean('a\u202eb\u009bc\rd'), 'a<U+202E>b\\u009bc\\rd');
    assert.equal(clean('plain'), 'plain');
  });
});
