import type { PathTrace } from '../../app/path-trace.ts';
import { renderPathText } from '../../core/report/path-report.ts';
import { type View, viewTitle } from '../state/views.ts';
import type { TableEntry } from '../tables/catalog.ts';
import { tableText } from '../tables/table-text.ts';
import type { Line } from './lines.ts';

const slug = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 40) || 'view';
const stamp = (ms: number) => new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\..*$/, '').replace('T', '-');
const plain = (lines: Line[]) => lines.map((l) => `${l.map((s) => s.text).join('')}\n`).join('');

/** What is on screen in each kind of view, as `:save` writes it. */
export interface OnScreen {
  describe: Line[];
  path: PathTrace | undefined;
  hopTrace: Line[];
  trace: Line[];
  /** The table in view, with the rows its filter and sort show. */
  table: { entry: TableEntry; matches: readonly number[] } | undefined;
}

/**
 * `:save`'s file for the view on screen: a name from the view's title and the time
 * (`meshscope-routes-20260102-030405.txt`) and the plain text of what it shows (a table as its
 * filtered and sorted rows), or undefined when the view has nothing to save yet.
 */
export function saveText(view: View, on: OnScreen, now: number): { name: string; text: string } | undefined {
  const name = `meshscope-${slug(viewTitle(view))}-${stamp(now)}.txt`;
  if (view.kind === 'describe' || view.kind === 'describe-intent') return { name, text: plain(on.describe) };
  if (view.kind === 'path') return on.path ? { name, text: renderPathText(on.path.path) } : undefined;
  if (view.kind === 'hop-trace') return on.hopTrace.length > 0 ? { name, text: plain(on.hopTrace) } : undefined;
  if (view.kind === 'explain') return on.trace.length > 0 ? { name, text: plain(on.trace) } : undefined;
  return on.table ? { name, text: tableText(on.table.entry.model, on.table.matches) } : undefined;
}
