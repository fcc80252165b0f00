import { sanitizeLine } from '../text/sanitize.ts';
import { NO_SHARE, TOP_TABLE } from './columns.ts';
import { formatClock } from './format.ts';
import type { TopState } from './state.ts';
import { DEFAULT_SORT, type TopSort, visibleRows } from './view.ts';

const width = (text: string): number => [...text].length;

/** Columns two spaces apart: the name left-aligned, numbers right-aligned. */
function align(table: string[][]): string[] {
  const widths = TOP_TABLE.map((_, i) => Math.max(...table.map((r) => width(r[i]!))));
  return table.map((r) =>
    r
      .map((cell, i) => (TOP_TABLE[i]!.align === 'left' ? cell + ' '.repeat(widths[i]! - width(cell)) : ' '.repeat(widths[i]! - width(cell)) + cell))
      .join('  ')
      .trimEnd(),
  );
}

/**
 * `meshtop --once` as text: the header (sample time, interval — null for a recorded reading, whose
 * rates are averages since Envoy started — and errors) and the whole tree, two
 * spaces of indent per level. Names from the cluster are sanitized (they are data).
 */
export function topText(state: TopState, intervalSeconds: number | null, sort: TopSort = DEFAULT_SORT): string {
  const lines: string[] = [];
  const when = state.sampledAt === undefined ? 'no sample' : `sampled ${formatClock(state.sampledAt)} UTC`;
  lines.push(
    `meshtop: ${state.proxies.map((p) => sanitizeLine(p.proxy)).join(', ') || 'no proxies'} · ${when} · ${intervalSeconds === null ? 'rates are averages since each Envoy started' : `rates over ${intervalSeconds}s`}`,
  );
  for (const proxy of state.proxies) for (const error of proxy.errors) lines.push(`error: ${sanitizeLine(proxy.proxy)}: ${sanitizeLine(error)}`);
  const rows = visibleRows(state, { sort, expandAll: true });
  const table = [TOP_TABLE.map((c) => c.header)];
  for (const { row, depth } of rows) {
    table.push(TOP_TABLE.map((c) => (c.id === 'name' ? '  '.repeat(depth) + sanitizeLine(c.cell(row)) : c.cell(row))));
  }
  lines.push(...align(table));
  if (rows.length === 0) lines.push('(no outbound traffic seen; clusters without requests are hidden)');
  for (const { row } of rows)
    if (row.noShare !== undefined)
      lines.push(sanitizeLine(`${NO_SHARE} ${row.endpoint ?? row.name} (${row.cluster ?? ''}) takes no share of the requests: ${row.noShare}`));
  if (rows.some(({ row }) => row.metrics.reset))
    lines.push('* a counter was reset in the interval (Envoy restarted or the endpoint was re-added): the rate counts from the reset');
  return `${lines.join('\n')}\n`;
}
