import { Box, Text } from 'ink';
import { useMemo } from 'react';
import { cellsLine } from '../table/cells-line.ts';
import { GAP, layoutColumns } from '../table/layout.ts';
import { sortedTitle } from '../table/sort.ts';
import { clampTable, type TableState } from '../table/table-state.ts';
import type { TableEntry } from '../tables/catalog.ts';
import { useTheme } from '../theme.ts';
import { OneLine } from './OneLine.tsx';
import { TableRow } from './TableRow.tsx';

export interface TableProps {
  entry: TableEntry;
  state: TableState;
  width: number;
  /** Lines for the rows (the header and the detail line come on top of these). */
  bodyHeight: number;
  /** Ctrl-W: keep the nice-to-have columns (see layoutColumns). */
  wide?: boolean;
  /**
   * Sideways scroll (the raw view, ←/→): cells cut from the start of each row, marked `‹`, and
   * the header says from which column; undefined: no sideways scroll (the header says nothing).
   */
  shift?: number;
}

/**
 * A virtualized table: only the rows in view are rendered, so a 40k-row table costs the same
 * per frame as a 20-row one. Columns are laid out for the width (least important dropped first),
 * filter matches are highlighted, the selected row is marked with `›` (visible without colour)
 * and its full text is shown under the table.
 */
export function Table({ entry, state, width, bodyHeight, wide = false, shift }: TableProps) {
  const theme = useTheme();
  const { model, index, natural } = entry;
  const query = state.filter.value;
  const matches = index.matches(query, state.sort);
  const view = clampTable(state, matches.length, bodyHeight);
  const sortColumn = state.sort?.column;
  // The sorted column's title carries ↑ or ↓: one more character to fit.
  const widths = useMemo(
    () =>
      layoutColumns(
        model.columns,
        natural.map((n, i) => (i === sortColumn ? Math.max(n, model.columns[i]!.title.length + 1) : n)),
        width - 2,
        wide,
      ),
    [model, natural, width, sortColumn, wide],
  );
  const searchable = useMemo(() => model.columns.map((c) => c.search === true), [model]);
  const header = cellsLine(
    model.columns.map((c, i) => ({ text: sortedTitle(c, i, state.sort), width: widths[i]!, align: c.align })),
    GAP,
  ).trimEnd();
  const sideways = shift === undefined ? '' : sidewaysNote(shift, natural, widths);
  const lines = [];
  for (let k = 0; k < bodyHeight; k++) {
    const at = view.offset + k;
    const rowIndex = matches[at];
    if (rowIndex === undefined) {
      lines.push(<Text key={k}> </Text>);
      continue;
    }
    lines.push(
      <TableRow
        key={k}
        row={model.rows[rowIndex]!}
        columns={model.columns}
        widths={widths}
        searchable={searchable}
        query={query}
        selected={at === view.cursor}
        theme={theme}
        shift={shift ?? 0}
      />,
    );
  }
  const selectedRow = matches[view.cursor] === undefined ? undefined : model.rows[matches[view.cursor]!];
  const emptyText = model.rows.length === 0 ? (model.empty ?? `no ${model.noun}`) : `no ${model.noun} match "${query}" (Esc clears the filter)`;
  return (
    <Box flexDirection="column" width={width}>
      <OneLine line={[{ text: `  ${header}${sideways}`, tone: 'muted' }]} width={width} />
      {matches.length === 0 ? (
        <Box flexDirection="column" height={bodyHeight} flexShrink={0}>
          <OneLine line={[{ text: `  ${emptyText}`, tone: 'warn' }]} width={width} />
        </Box>
      ) : (
        <Box flexDirection="column" height={bodyHeight} flexShrink={0} overflow="hidden">
          {lines}
        </Box>
      )}
      <OneLine line={[{ text: selectedRow?.detail ?? ' ', tone: 'muted' }]} width={width} />
    </Box>
  );
}

/** The header's sideways-scroll marker: from which column the lines are shown, or that → shows more. */
function sidewaysNote(shift: number, natural: number[], widths: number[]): string {
  if (shift > 0) return `  ‹ from column ${shift + 1} · ← h back`;
  return natural.some((n, i) => n > widths[i]!) ? '  → l shows the rest' : '';
}
