import type { JsonObject } from '../envoy/json.ts';
import { formatCppDouble } from './coverage.ts';
import type { RouteCheckRun } from './run.ts';

/** One line of output and the stream it goes to, in the order the tool writes them. */
export interface OutputLine {
  stream: 'stdout' | 'stderr';
  text: string;
}

export interface RouteCheckFlags {
  /** `--details`: print every test name (passing ones on stdout). */
  details: boolean;
  /** `--only-show-failures`: print only failing tests. */
  onlyShowFailures: boolean;
  /** `--covall`: comprehensive coverage, with a "Missing test" line per untested route match. */
  comprehensiveCoverage: boolean;
  /** `--detailed-coverage`: list untested routes by their generated name. */
  detailedCoverage: boolean;
  /** `-f/--fail-under`: coverage percent below which the run fails; 0 disables the check. */
  failUnder: number;
  /** The name the tool gave a route at load time: `<name>-<uuid>`. */
  routeId: (virtualHostIndex: number, routeIndex: number) => string;
}

export interface RouteCheckReport {
  lines: OutputLine[];
  /** 0 all passed (and coverage met); 1 a test failed or coverage is under `failUnder`. */
  exitCode: 0 | 1;
  /** envoy.RouterCheckToolSchema.ValidationResult as snake_case protojson (what `-o` writes). */
  result: JsonObject;
  /** The coverage percent, when the tests all passed. */
  coverage?: number;
}

/**
 * Words a run as router_check_tool does. Test names and failure lines first
 * (RouterCheckTool::printResults: with `--details` every name, passing ones to stdout; failing
 * names and their lines to stderr; `--only-show-failures` keeps only failing tests). If any test
 * failed, nothing else. Otherwise the coverage report lines, `Current route coverage: N%`, and
 * with `-f` under the threshold `Failed to meet coverage requirement: N%` on stderr.
 */
export function renderRouteCheck(run: RouteCheckRun, flags: RouteCheckFlags): RouteCheckReport {
  const lines: OutputLine[] = [];
  for (const test of run.results) {
    const shown = (flags.details && !flags.onlyShowFailures) || (flags.onlyShowFailures && !test.passed);
    if (!shown) continue;
    if (test.passed) lines.push({ stream: 'stdout', text: test.name });
    else {
      lines.push({ stream: 'stderr', text: test.name });
      for (const text of test.lines) lines.push({ stream: 'stderr', text });
    }
  }
  const listed = run.results.filter((t) => !t.passed || !flags.onlyShowFailures);
  const result: JsonObject = {
    test_results: listed.map((t) => ({ test_name: t.name, test_passed: t.passed, ...(t.passed ? {} : { failure: t.failure }) })),
  };
  if (run.results.some((t) => !t.passed)) return { lines, exitCode: 1, result };

  let coverage: number;
  if (flags.comprehensiveCoverage) {
    for (const text of run.coverage.missingTestLines()) lines.push({ stream: 'stdout', text });
    coverage = run.coverage.comprehensivePercent();
  } else {
    if (flags.detailedCoverage) for (const text of run.coverage.missingRouteNameLines(flags.routeId)) lines.push({ stream: 'stdout', text });
    coverage = run.coverage.percent();
  }
  lines.push({ stream: 'stdout', text: `Current route coverage: ${formatCppDouble(coverage)}%` });
  const failUnder = Math.fround(flags.failUnder);
  if (failUnder !== 0 && coverage < failUnder) {
    lines.push({ stream: 'stderr', text: `Failed to meet coverage requirement: ${formatCppDouble(failUnder)}%` });
    return { lines, exitCode: 1, result, coverage };
  }
  return { lines, exitCode: 0, result, coverage };
}
