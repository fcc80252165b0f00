import { changesAnswer } from '../../core/envoy/issue-kinds.ts';
import type { LoadIssue } from '../../core/envoy/types.ts';
import { warningSummary } from '../../core/report/load-warnings.ts';
import type { TableModel } from '../table/model.ts';
import { clean } from '../text.ts';

/**
 * The warnings screen (`:warnings`, W): every load issue of the workload, those that can change
 * an answer first (marked ⚠, in the order the loader met them), then the informational ones.
 */
export function warningsTable(issues: readonly LoadIssue[]): TableModel {
  const counted = issues.filter(changesAnswer);
  const rest = issues.filter((i) => !changesAnswer(i));
  return {
    noun: 'load issues',
    empty: 'meshscope read everything in this proxy config',
    note: counted.length === 0 ? 'nothing here can change an answer' : clean(`⚠ ${warningSummary(counted, false)}`),
    columns: [
      { title: '', min: 1, max: 1, priority: 0 },
      { title: 'SEVERITY', min: 7, max: 8, priority: 3 },
      { title: 'CODE', min: 8, max: 16, priority: 1, search: true },
      { title: 'WHERE', min: 16, max: 90, priority: 2, search: true },
      { title: 'MESSAGE', min: 24, max: 200, priority: 0, search: true },
    ],
    rows: [...counted, ...rest].map((issue, i) => {
      const counts = changesAnswer(issue);
      return {
        id: `${i}`,
        cells: [counts ? '⚠' : ' ', issue.severity, issue.code, clean(issue.where ?? ''), clean(issue.message)],
        tone: counts ? 'warn' : 'muted',
        detail: clean(`${issue.where ? `${issue.where}: ` : ''}${issue.message}`),
      };
    }),
  };
}
