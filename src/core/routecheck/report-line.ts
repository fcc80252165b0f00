/**
 * router_check_tool's failure lines, word for word (RouterCheckTool::reportFailure):
 * `expected: [<expected>], actual: [<actual>], test type: <type>`, with `actual: NOT [...]` when
 * the check expected the values to differ (an inverted exact header match).
 */
export function failureLine(expected: string | number, actual: string | number, testType: string, expectMatch = true): string {
  return `expected: [${expected}], actual: ${expectMatch ? '' : 'NOT '}[${actual}], test type: ${testType}`;
}

/** The line for header matchers the tool cannot restate (range, regex, prefix, ...). */
export function actualOnlyLine(actual: string, testType: string): string {
  return `actual: [${actual}], test type: ${testType}`;
}
