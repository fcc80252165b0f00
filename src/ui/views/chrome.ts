import type { Workload } from '../../app/workload.ts';
import type { AppState } from '../state/app-state.ts';
import { type TabId, viewTitle } from '../state/views.ts';
import type { WorkloadTables } from '../tables/catalog.ts';

/** The breadcrumb trail for the view stack: the workload's name sits between the picker and its tabs. */
export function breadcrumbs(state: AppState, workload: string | null): string[] {
  const parts: string[] = [];
  for (const view of state.stack) {
    if (view.kind === 'picker') parts.push(state.namespace ? `Workloads (${state.namespace})` : 'Workloads');
    else {
      // Every explain names the proxy it runs through, whatever the stack below it holds.
      if ((view.kind === 'tab' || view.kind === 'explain') && workload && !parts.includes(workload)) parts.push(workload);
      parts.push(viewTitle(view));
    }
  }
  return parts;
}

/** Tab labels' counts: rows of the tables already built, and the findings (… while being counted). */
export function tabCounts(w: Workload, tables: WorkloadTables): Partial<Record<TabId, string>> {
  const counts: Partial<Record<TabId, string>> = {};
  for (const tab of ['routes', 'clusters', 'endpoints', 'listeners', 'intent'] as const) {
    const n = tables.builtRows(tab);
    if (n !== undefined) counts[tab] = String(n);
  }
  const counted = tables.findings.findings;
  const findings = (counted?.length ?? 0) + w.analyzer.length;
  counts.findings = counted === undefined ? '…' : findings ? `(${findings})` : '0';
  return counts;
}
