import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { shortVirtualHost } from '../src/core/browse/labels.ts';
import { type RouteRow, routeRows } from '../src/core/browse/route-rows.ts';
import { readProxyConfig } from '../src/sources/files.ts';
import { routesTable } from '../src/ui/tables/routes-table.ts';
import { clean } from '../src/ui/text.ts';
import { fixture } from './helpers/paths.ts';

/**
 * The Routes tab's cells skip the per-cell terminal guard when one test over the whole row finds
 * nothing to escape (ui/tables/routes-table.ts), and build the selected row's detail line when
 * read. The cells must be what `clean` makes of each text, whichever way they were made: a
 * control character or a lone surrogate in any one text, including at the edge where two texts
 * meet, is escaped in its cell.
 */
const cellsByClean = (r: RouteRow): string[] =>
  [r.routeConfig, shortVirtualHost(r.virtualHost), String(r.index), r.name || '(unnamed)', r.match, r.destinations, r.origin || r.virtualService].map((t, i) =>
    i === 2 ? t : clean(t),
  );

/** A control character, a bidi override, or a lone surrogate. */
const RAW_HOSTILE = /[\u0000-\u001f\u007f-\u009f\u202e]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

const row = (over: Partial<RouteRow>): RouteRow => ({
  id: 'x',
  routeConfig: '9080',
  virtualHost: 'reviews.bookinfo.svc.cluster.local:9080',
  domains: ['reviews', 'reviews.bookinfo'],
  index: 0,
  name: 'r',
  match: 'prefix /',
  destinations: 'v1 · reviews.bookinfo:9080',
  clusters: [],
  virtualService: 'reviews.bookinfo',
  origin: '',
  ...over,
});

describe('the Routes table', () => {
  it("has clean's cells and detail on every route of bookinfo's sidecars", async () => {
    for (const proxy of ['productpage', 'reviews-v1', 'ratings']) {
      const config = await readProxyConfig({ dump: fixture('bookinfo', proxy, 'config_dump.json') });
      const rows = routeRows(config);
      assert.ok(rows.length > 0, proxy);
      const table = routesTable(rows);
      table.rows.forEach((shown, i) => {
        assert.deepEqual(shown.cells, cellsByClean(rows[i]!));
      });
      assert.match(table.rows[0]!.detail!, / › .* #0 .*; domains /);
    }
  });

  it('escapes a hostile text in its own cell, wherever it is in the row', () => {
    const hostile: Partial<RouteRow>[] = [
      { virtualService: 'vs\u001b[31mred' },
      { match: 'prefix /\u0007' },
      { routeConfig: 'rc\ud800' }, // a lone high surrogate at the end of one text, a low one at the start of the next
      { name: '\udc00name' },
      { destinations: 'a\u202eb' },
      { origin: 'HTTPRoute x\u0085' },
    ];
    for (const over of hostile) {
      const r = row(over);
      const shown = routesTable([r]).rows[0]!;
      assert.deepEqual(shown.cells, cellsByClean(r), JSON.stringify(over));
      assert.ok(
        shown.cells.every((c) => !RAW_HOSTILE.test(c)),
        `nothing raw reaches a cell: ${JSON.stringify(shown.cells)}`,
      );
      assert.ok(!/[\u0000-\u001f\u007f-\u009f\u202e]/.test(shown.detail!), 'the detail is guarded too');
    }
    // The first two texts of the row side by side would make a valid pair if joined without a space.
    const both = row({ routeConfig: 'rc\ud800', virtualHost: '\udc00vh' });
    const cells = routesTable([both]).rows[0]!.cells;
    assert.deepEqual(cells, cellsByClean(both));
    assert.ok(!RAW_HOSTILE.test(cells[0]!) && !RAW_HOSTILE.test(cells[1]!), 'each lone surrogate escaped in its own cell');
  });
});
