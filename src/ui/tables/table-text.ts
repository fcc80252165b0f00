import type { TableModel } from '../table/model.ts';

/**
 * A table as plain text for `:save`: the rows the screen lists (filter and sort applied), every
 * column at full width (the screen cuts cells to fit; the file does not), columns padded and
 * joined by two spaces like istioctl's tables. A one-column table (the raw view) is its lines.
 */
export function tableText(model: TableModel, matches: readonly number[]): string {
  const rows = matches.map((i) => model.rows[i]!.cells);
  if (model.columns.length === 1) return rows.map((cells) => `${cells[0] ?? ''}\n`).join('');
  const widths = model.columns.map((c, k) => Math.max(c.title.length, ...rows.map((cells) => [...(cells[k] ?? '')].length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, k) => {
        const pad = ' '.repeat(widths[k]! - [...cell].length);
        return model.columns[k]!.align === 'right' ? pad + cell : cell + pad;
      })
      .join('  ')
      .trimEnd();
  return [line(model.columns.map((c) => c.title)), ...rows.map((cells) => line(model.columns.map((_, k) => cells[k] ?? '')))].map((l) => `${l}\n`).join('');
}
