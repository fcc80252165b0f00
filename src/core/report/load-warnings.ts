import { changesAnswer, ISSUE_KINDS, type IssueKind, issueKind } from '../envoy/issue-kinds.ts';
import type { LoadIssue } from '../envoy/types.ts';
import { sanitizeLine } from '../text/sanitize.ts';

/** The issues that can change an answer, counted by kind in order of first appearance. */
export function answerChangingByKind(issues: readonly LoadIssue[]): Map<IssueKind, number> {
  const counts = new Map<IssueKind, number>();
  for (const issue of issues) {
    if (!changesAnswer(issue)) continue;
    const kind = issueKind(issue);
    counts.set(kind, (counts.get(kind) ?? 0) + 1);
  }
  return counts;
}

const phrase = (kind: IssueKind, n: number): string => `${n} ${n === 1 ? ISSUE_KINDS[kind].one : ISSUE_KINDS[kind].many}`;

/**
 * The one line every command prints on stderr when the input holds things meshscope did not
 * interpret that can change its answer, e.g. `2 routes use a path regex form meshscope does not
 * interpret: treated as never matching; --warnings lists them`. Undefined when there are none.
 * `hint` false drops the `--warnings` hint (the list follows).
 */
export function warningSummary(issues: readonly LoadIssue[], hint = true): string | undefined {
  const counts = answerChangingByKind(issues);
  if (counts.size === 0) return undefined;
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  const tail = hint ? `; --warnings lists ${total === 1 ? 'it' : 'them'}` : '';
  if (counts.size === 1) {
    const [kind, n] = [...counts][0]!;
    return `${phrase(kind, n)}: ${ISSUE_KINDS[kind].effect}${tail}`;
  }
  const parts = [...counts].map(([kind, n]) => phrase(kind, n));
  return `${total} things meshscope did not interpret can change answers (${parts.join(', ')})${tail}`;
}

/**
 * `--warnings`: every load issue, one line each, `severity code where: message`, those that can
 * change an answer marked `!`. Text from the input is sanitized.
 */
export function warningLines(issues: readonly LoadIssue[]): string[] {
  return issues.map((issue) => {
    const mark = changesAnswer(issue) ? '!' : ' ';
    const where = issue.where && !issue.message.startsWith(issue.where) ? `${issue.where}: ` : '';
    return sanitizeLine(`${mark} ${issue.severity} ${issue.code} ${where}${issue.message}`);
  });
}
