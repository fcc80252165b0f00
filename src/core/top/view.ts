import { CELL_SEPARATOR, queryTerms, rowContains } from '../text/terms.ts';
import type { TopRow } from './row.ts';
import type { TopState } from './state.ts';

/**
 * Which rows are on screen, in which order: sibling rows sorted by a column, a text filter that
 * keeps matching rows with their ancestors, expansion (services open, clusters closed until
 * Enter) and a drill-down focus on one row. Pure: the TUI, `--once` and the bench share it.
 */
export const TOP_COLUMNS = [
  'name',
  'rps',
  'successRate',
  'errorsPerSec',
  'retriesPerSec',
  'timeoutsPerSec',
  'pendingOverflowPerSec',
  'ejectionsActive',
  'cxActive',
  'p50Ms',
  'p99Ms',
  'weight',
] as const;
export type TopColumn = (typeof TOP_COLUMNS)[number];

export interface TopSort {
  column: TopColumn;
  descending: boolean;
}

export interface ViewOptions {
  sort: TopSort;
  /** A filter query (whitespace-separated terms, each a case-insensitive substring of one field); empty shows everything. */
  filter?: string;
  /** Rows whose open/closed state differs from the default (workloads and services open, clusters closed). */
  toggled?: ReadonlySet<string>;
  /** Show only this row and everything under it, all open. */
  focus?: string;
  /** Open every row (used by `--once`). */
  expandAll?: boolean;
}

export interface VisibleRow {
  row: TopRow;
  depth: number;
  expanded: boolean;
}

export const DEFAULT_SORT: TopSort = { column: 'rps', descending: true };

/** The value a column sorts by; undefined sorts last either way. */
function columnValue(row: TopRow, column: TopColumn): number | string | undefined {
  if (column === 'name') return row.name;
  if (column === 'weight') return row.weight?.configured;
  return row.metrics[column];
}

function compare(a: TopRow, b: TopRow, sort: TopSort): number {
  const x = columnValue(a, sort.column);
  const y = columnValue(b, sort.column);
  if (x !== y) {
    if (x === undefined) return 1;
    if (y === undefined) return -1;
    const order = x < y ? -1 : 1;
    return sort.descending ? -order : order;
  }
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

/** A row's searchable text: name, cluster, service, endpoint address and zone (see core/text/terms.ts). */
function searchText(row: TopRow): string {
  return [row.name, row.cluster, row.service, row.endpoint, row.zone]
    .filter((t) => t !== undefined)
    .join(CELL_SEPARATOR)
    .toLowerCase();
}

/** A row kept by the filter: all its children (it matched), or only those that lead to a match. */
interface Kept {
  row: TopRow;
  /** Undefined: every child; otherwise the children that matched or lead to a match. */
  only?: Kept[];
}

function prune(row: TopRow, terms: readonly string[]): Kept | null {
  if (terms.length === 0 || rowContains(terms, searchText(row))) return { row };
  const only = row.children.map((c) => prune(c, terms)).filter((c) => c !== null);
  return only.length === 0 ? null : { row, only };
}

function openByDefault(row: TopRow): boolean {
  return row.kind === 'workload' || row.kind === 'service';
}

function find(rows: readonly TopRow[], key: string): TopRow | undefined {
  for (const row of rows) {
    if (row.key === key) return row;
    const inside = find(row.children, key);
    if (inside) return inside;
  }
  return undefined;
}

/** The rows to draw, in order. With one workload its own row is left out (the header names it). */
export function visibleRows(state: TopState, options: ViewOptions): VisibleRow[] {
  let roots: TopRow[] = state.proxies.map((p) => p.root);
  if (roots.length === 1) roots = roots[0]!.children;
  let all = options.expandAll === true;
  if (options.focus !== undefined) {
    const focused = find(roots, options.focus);
    roots = focused ? [focused] : [];
    all = true;
  }
  const terms = queryTerms(options.filter ?? '');
  const out: VisibleRow[] = [];
  const visit = (kept: Kept, depth: number): void => {
    const row = kept.row;
    const toggled = options.toggled?.has(row.key) === true;
    const expanded = row.children.length > 0 && (all || kept.only !== undefined || openByDefault(row) !== toggled);
    out.push({ row, depth, expanded });
    if (!expanded) return;
    const children = kept.only ?? row.children.map((c) => ({ row: c }));
    for (const child of children.sort((a, b) => compare(a.row, b.row, options.sort))) visit(child, depth + 1);
  };
  const kept = roots.map((r) => prune(r, terms)).filter((k) => k !== null);
  for (const root of kept.sort((a, b) => compare(a.row, b.row, options.sort))) visit(root, 0);
  return out;
}
/** Every row, depth first, all open, sorted: for `--once -o json` and text. */
export function allRows(state: TopState, sort: TopSort = DEFAULT_SORT): TopRow[] {
  const out: TopRow[] = [];
  const visit = (row: TopRow) => {
    out.push(row);
    for (const child of [...row.children].sort((a, b) => compare(a, b, sort))) visit(child);
  };
  for (const proxy of state.proxies) visit(proxy.root);
  return out;
}
