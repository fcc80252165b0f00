import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ProxyConfig } from '../../src/core/envoy/types.ts';
import { type Dump, loadText, mutatedDumpText } from './mutated-dump.ts';

/**
 * One row per validation rule: a field of the bookinfo productpage dump set to a value Envoy's
 * schema rejects, the `bad-value` warning expected (its `where`, in the loader's path spelling,
 * and a fragment of its message), and what the model holds instead.
 */
export interface Row {
  rule: string;
  mutate: (d: Dump) => void;
  /** The issue's `where`; `placeholder` (below) is replaced by `resolve(dump)` after the change. */
  where: string;
  message: RegExp;
  /** What the model holds after the bad value. */
  model?: (config: ProxyConfig) => void;
}

export function runRows(title: string, rows: Row[], placeholder?: { text: string; resolve: (d: Dump) => string }): void {
  describe(title, () => {
    const clean = loadText(mutatedDumpText(() => {}));
    it('the unchanged dump has no bad-value issue (so each row below is caused by its change)', () => {
      assert.deepEqual(
        clean.issues.value.filter((i) => i.code === 'bad-value'),
        [],
      );
    });
    for (const row of rows) {
      it(row.rule, () => {
        let where = row.where;
        const text = mutatedDumpText((d) => {
          row.mutate(d);
          if (placeholder && where.includes(placeholder.text)) where = where.replace(placeholder.text, placeholder.resolve(d));
        });
        const config = loadText(text);
        const bad = config.issues.value.filter((i) => i.code === 'bad-value');
        const hit = bad.find((i) => row.message.test(i.message));
        assert.ok(hit, `no warning matching ${row.message}; got ${JSON.stringify(bad.map((i) => i.message))}`);
        assert.equal(hit.where, where);
        assert.equal(hit.severity, 'warning');
        row.model?.(config);
      });
    }
  });
}
