import { Box, Text } from 'ink';
import type { TopRow } from '../../core/top/row.ts';
import { sparkline } from '../../core/top/sparkline.ts';
import type { TopSort, VisibleRow } from '../../core/top/view.ts';
import { cellsLine } from '../table/cells-line.ts';
import { clean } from '../text.ts';
import { type Tone, useTheme } from '../theme.ts';
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
  const state =
    row.kind === 'endpoint' && row.metrics.ejectionsActive === 1
      ? ' EJECTED'
      : row.kind === 'endpoint' && row.health && row.health !== 'HEALTHY'
        ? ` ${row.health}`
        : '';
  const zone = row.kind === 'endpoint' && row.zone ? ` ${row.zone}` : '';
  // Kubernetes services read as `reviews.bookinfo:9080`, the way people say them.
  const name = row.kind === 'service' ? row.name.replace(/\.svc\.cluster\.local(?=:\d+$|$)/, '') : row.name;
  return `${'  '.repeat(depth)}${fold} ${clean(name)}${state}${zone}`;
}

function cell(visible: VisibleRow, column: TopLayoutColumn, ascii: boolean): string {
  if (column.id === 'name') return nameCell(visible, ascii);
  if (column.id === 'trend') return sparkline(visible.row.history, column.width, ascii);
  return column.spec!.cell(visible.row);
}

/** meshtop's own non-ASCII characters: tree folds, the selection mark, sparkline bars, `—`, `→`, `…`; one cell each. */
const NARROW = /^[▸▾›▁▂▃▄▅▆▇█—→…]+$/;
const ASCII = /^[\x20-\x7e]+$/;
const RUNS = /[\x20-\x7e]+|[^\x20-\x7e]+/g;

/**
 * A row cut into runs of printable ASCII and runs of the rest, drawn as sibling texts; undefined
 * (one text, truncated by Ink) when the row may be wider than the table or holds other characters.
 * Ink measures every text's width on every frame, and a text with one non-ASCII character goes
 * through grapheme segmentation character by character, while printable ASCII is counted at once:
 * for a 50-row screen this is a sixth of meshtop's CPU. The cells drawn are the same.
 */
export function asciiRuns(line: string, width: number): string[] | undefined {
  if (line.length > width) return undefined;
  const runs = line.match(RUNS) ?? [];
  for (const run of runs) if (!ASCII.test(run) && !NARROW.test(run)) return undefined;
  return runs;
}

function headerLine(columns: readonly TopLayoutColumn[], sort: TopSort, ascii: boolean): string {
  const arrow = sort.descending ? (ascii ? 'v' : '▼') : ascii ? '^' : '▲';
  return cellsLine(
    columns.map((c) => ({
      text: c.id === sort.column ? (c.align === 'right' ? `${arrow}${c.header}` : `${c.header}${arrow}`) : c.header,
      width: c.width,
      align: c.align,
    })),
    GAP,
  );
}

export function TopTable({ rows, columns, sort, cursor, offset, height, width, ascii }: TopTableProps) {
  const theme = useTheme();
  const lines = [];
  const shown = Math.max(0, Math.min(height, rows.length - offset));
  for (let k = 0; k < shown; k++) {
    const visible = rows[offset + k]!;
    const selected = offset + k === cursor;
    const rowTone = tone(visible.row);
    const style = selected
      ? theme.selected
      : rowTone
        ? theme.tone(rowTone)
        : visible.row.kind === 'service' || visible.row.kind === 'workload'
          ? theme.tone('title')
          : {};
    // Trailing spaces are characters Ink measures one by one on every frame: left out but on the
    // selected row, whose bar spans the table.
    const full = cellsLine(
      columns.map((c) => ({ text: cell(visible, c, ascii), width: c.width, align: c.align })),
      GAP,
    );
    const line = (selected ? '› ' : '  ') + (selected ? full : full.trimEnd());
    const runs = asciiRuns(line, width);
    lines.push(
      runs === undefined ? (
        <Text key={k} {...style} wrap="truncate-end">
          {line}
        </Text>
      ) : (
        <Box key={k} height={1}>
          {runs.map((run, j) => (
            <Text key={j} {...style}>
              {run}
            </Text>
          ))}
        </Box>
      ),
    );
  }
  return (
    <Box flexDirection="column" width={width}>
      <Text {...theme.tone('muted')} wrap="truncate-end">{`  ${headerLine(columns, sort, ascii)}`}</Text>
      {lines}
      {/* One empty box for the rest: Ink lays out and paints every node on every frame. */}
      {shown < height ? <Box height={height - shown} /> : null}
    </Box>
  );
}
