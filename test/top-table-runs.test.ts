import assert from 'node:assert/strict';
import { test } from 'node:test';
import { asciiRuns } from '../src/ui/top/TopTable.tsx';

test("a table row is cut into ASCII runs and runs of meshtop's own one-cell characters, losing nothing", () => {
  const line = '› ▾ reviews.bookinfo:9080   12.5 ▁▂▃█ 100%  —  90%→87.5% !';
  const runs = asciiRuns(line, 160);
  assert.deepEqual(runs, ['›', ' ', '▾', ' reviews.bookinfo:9080   12.5 ', '▁▂▃█', ' 100%  ', '—', '  90%', '→', '87.5% !']);
  assert.equal(runs!.join(''), line);
});

test('a row that may be wider than the table, or holds other characters, stays one text', () => {
  const cases: [string, string, number][] = [
    ['wider than the table', '  reviews.bookinfo:9080 12.5', 10],
    ['a wide character', '  评论.bookinfo:9080 ▁▂', 160],
    ['a control character', '  a\u0007b ▁', 160],
  ];
  for (const [why, line, width] of cases) assert.equal(asciiRuns(line, width), undefined, why);
});

test('a pure ASCII row is one run', () => {
  assert.deepEqual(asciiRuns('  - reviews.bookinfo:9080  1.0', 160), ['  - reviews.bookinfo:9080  1.0']);
});
