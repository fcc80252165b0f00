import type { ConfigProblem } from '../../core/config/objects.ts';
import { changesAnswer } from '../../core/envoy/issue-kinds.ts';
import type { LoadIssue } from '../../core/envoy/types.ts';
import { warningSummary } from '../../core/report/load-warnings.ts';
import type { Row, TableModel } from '../table/model.ts';
import { clean } from '../text.ts';
import { configProblemCells } from './intent-table.ts';

/**
 * The warnings screen (`:warnings`, W): every load issue of the workload, those that can change
 * an answer first (marked ⚠, in the order the loader met them), then the informational ones;
 * then the `--config` documents that were not used (⚠) or were read with a caveat (code `config`,
 * where: the file and document), so they never go to stderr under the full-screen UI.
 */
export function warningsTable(issues: readonly LoadIssue[], problems: readonly ConfigProblem[] = []): TableModel {
  const counted = issues.filter(changesAnswer);
  const rest = issues.filter((i) => !changesAnswer(i));
  const skipped = problems.filter((p) => p.severity === 'skipped').length;
  return {
    noun: 'load issues',
    empty: 'meshscope read everything in this proxy config',
    note: [
      counted.length === 0
        ? problems.length === 0
          ? 'nothing here can change an answer'
          : 'nothing in the proxy config can change an answer'
        : clean(`⚠ ${warningSummary(counted, false)}`),
      skipped === 0 ? '' : `⚠ ${skipped} --config document${skipped === 1 ? '' : 's'} not used (code config, below)`,
    ]
      .filter((n) => n !== '')
      .join(' · '),
    columns: [
      { title: '', min: 1, max: 1, priority: 0 },
      { title: 'SEVERITY', min: 7, max: 8, priority: 3 },
      { title: 'CODE', min: 8, max: 16, priority: 1, search: true },
      { title: 'WHERE', min: 16, max: 90, priority: 2, search: true },
      { title: 'MESSAGE', min: 24, max: 200, priority: 0, search: true },
    ],
    rows: [
      ...[...counted, ...rest].map((issue, i): Row => {
        const counts = changesAnswer(issue);
        return {
          id: `${i}`,
          cells: [counts ? '⚠' : ' ', issue.severity, issue.code, clean(issue.where ?? ''), clean(issue.message)],
          tone: counts ? 'warn' : 'muted',
          detail: clean(`${issue.where ? `${issue.where}: ` : ''}${issue.message}`),
        };
      }),
      ...problems.map((p, i): Row => {
        const cells = configProblemCells(p);
        return { id: `config:${i}`, cells, tone: p.severity === 'skipped' ? 'warn' : 'muted', detail: clean(p.message) };
      }),
    ],
  };
}
