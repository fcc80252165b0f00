import { Box, Text } from 'ink';
import type { TopRow } from '../../core/top/row.ts';
import { sparkline } from '../../core/top/sparkline.ts';
import type { TopSort, VisibleRow } from '../../core/top/view.ts';
import { clean, fit } from '../text.ts';
import { useTheme, type Tone } from '../theme.ts';
import { GAP, type TopLayoutColumn } from './top-layout.ts';

/**
 * meshtop's tree table: only the rows in view are rendered. The sort column's header carries ▼
 * (descending) or ▲; folded rows show ▸, open ones ▾; the selected row is marked `›`.
 */
export interface TopTableProps {
  rows: readonly VisibleRow[];
  columns: readonly TopLayoutColumn[];
  sort: TopSort;
  cursor: number;
  offset: number;
  height: number;
  width: number;
  ascii: boolean;
}

function tone(row: TopRow): Tone | undefined {
  const m = row.metrics;
  if (row.kind === 'endpoint' && m.ejectionsActive === 1) return 'bad';
  if (row.weight?.diverges) return 'bad';
  if (m.successRate !== undefined && m.successRate < 0.95) return 'bad';
  if ((m.successRate !== undefined && m.successRate < 0.99) || (m.pendingOverflowPerSec ?? 0) > 0 || (m.ejectionsActive ?? 0) > 0) return 'warn';
  return undefined;
}

function nameCell(visible: VisibleRow, ascii: boolean): string {
  const { row, depth, expanded } = visible;
  const fold = row.children.length === 0 ? ' ' : expanded ? (ascii ? '-' : '▾') : ascii ? '+' : '▸';
  const state = row.kind === 'endpoint' && row.metrics.ejectionsActive === 1 ? ' EJECTED' : row.kind === 'endpoint' && row.health && row.health !== 'HEALTHY' ? ` ${row.health}` : '';
  const zone = row.kind === 'endpoint' && row.zone ? ` ${row.zone}` : '';
  return `${'  '.repeat(depth)}${fold} ${clean(row.name)}${state}${zone}`;
}

function cell(visible: VisibleRow, column: TopLayoutColumn, ascii: boolean): string {
  if (column.id === 'name') return nameCell(visible, ascii);
  if (column.id === 'trend') return sparkline(visible.row.history, column.width, ascii);
  return column.spec!.cell(visible.row);
}

export function headerLine(columns: readonly TopLayoutColumn[], sort: TopSort, ascii: boolean): string {
  const arrow = sort.descending ? (ascii ? 'v' : '▼') : ascii ? '^' : '▲';
  return columns.map((c) => fit(c.id === sort.column ? (c.align === 'right' ? `${arrow}${c.header}` : `${c.header}${arrow}`) : c.header, c.width, c.align === 'right')).join(' '.repeat(GAP));
}

export function TopTable({ rows, columns, sort, cursor, offset, height, width, ascii }: TopTableProps) {
  const theme = useTheme();
  const lines = [];
  for (let k = 0; k < height; k++) {
    const visible = rows[offset + k];
    if (!visible) {
      lines.push(<Text key={k}> </Text>);
      continue;
    }
    const selected = offset + k === cursor;
    const rowTone = tone(visible.row);
    const style = selected ? theme.selected : rowTone ? theme.tone(rowTone) : visible.row.kind === 'service' || visible.row.kind === 'workload' ? theme.tone('title') : {};
    const text = columns.map((c) => fit(cell(visible, c, ascii), c.width, c.align === 'right')).join(' '.repeat(GAP));
    lines.push(
      <Text key={k} {...style} wrap="truncate-end">
        {selected ? '› ' : '  '}
        {text}
      </Text>,
    );
  }
  return (
    <Box flexDirection="column" width={width}>
      <Text {...theme.tone('muted')} wrap="truncate-end">{`  ${headerLine(columns, sort, ascii)}`}</Text>
      {lines}
    </Box>
  );
}
