import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { IssueSink } from '../../core/envoy/issues.ts';
import { InputError, UsageError } from '../../core/errors.ts';
import { warningLines, warningSummary } from '../../core/report/load-warnings.ts';
import { parseDocument } from '../../core/routecheck/document.ts';
import { renderRouteCheck } from '../../core/routecheck/output.ts';
import { regexLimitIssues } from '../../core/routecheck/regex-limits.ts';
import { loadRouteConfigDocument } from '../../core/routecheck/route-config-document.ts';
import { flattenRuntime, runRouteCheck } from '../../core/routecheck/run.ts';
import { SchemaError } from '../../core/routecheck/strict-fields.ts';
import { parseToolTestFile } from '../../core/routecheck/test-file.ts';
import { sanitizeLine } from '../../core/text/sanitize.ts';
import { readTextFile, writeTextFile } from '../../sources/route-check-files.ts';
import type { CliIo, Command } from '../io.ts';

const HELP = `Usage: meshscope route-check --config ROUTES.(yaml|json) --tests TESTS.(json|yaml|pb_text) [options]

A drop-in for Envoy's router_check_tool: routes each test request through the route config
and compares cluster, virtual host/cluster, rewrites, redirects and headers with the test file.

Options:
  -c, --config, --config-path FILE   RouteConfiguration (YAML/JSON) or a bootstrap with a static listener
  -t, --tests, --test-path FILE      router_check test file (JSON, YAML or text proto)
      --listener NAME                with a bootstrap: the static listener whose route_config to use
  -d, --details                      print every test name, and failure details
      --only-show-failures           print only failing tests
      --covall                       comprehensive coverage; list routes without tests
      --detailed-coverage            list untested routes by their generated name
  -f, --fail-under PCT               fail when route coverage is under PCT percent
  -o, --output-path FILE             write the ValidationResult as JSON
      --disable-deprecation-check    accepted for compatibility; no effect
      --warnings                     list every load issue of the route config on stderr (else one
                                     line counts those that can change a result)

Exit codes: 0 all tests pass (and coverage is met), 1 a test failed or coverage is under -f,
2 bad usage or an unreadable file.
`;

const OPTIONS = {
  config: { type: 'string', short: 'c' },
  'config-path': { type: 'string' },
  tests: { type: 'string', short: 't' },
  'test-path': { type: 'string' },
  listener: { type: 'string' },
  details: { type: 'boolean', short: 'd' },
  'only-show-failures': { type: 'boolean' },
  covall: { type: 'boolean' },
  'detailed-coverage': { type: 'boolean' },
  'fail-under': { type: 'string', short: 'f' },
  'output-path': { type: 'string', short: 'o' },
  'disable-deprecation-check': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  warnings: { type: 'boolean' },
} as const;

function parse(args: string[]) {
  try {
    return parseArgs({ args, options: OPTIONS, strict: true, allowPositionals: true });
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0]! : String(error);
    const unknown = /Unknown option '([^']+)'/.exec(message);
    if (unknown) throw new UsageError(`unknown flag ${unknown[1]} for "meshscope route-check"; see \`meshscope route-check --help\``);
    const missing = /Option '(?:-\w, )?([^' ]+)[^']*' argument missing/.exec(message);
    if (missing) throw new UsageError(`flag ${missing[1]} needs a value`);
    throw new UsageError(`route-check: ${message}`);
  }
}

function failUnder(text: string | undefined): number {
  if (text === undefined) return 0;
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value)) throw new UsageError(`--fail-under ${text} is not a number; expected a percentage such as 90`);
  return value;
}

async function load<T>(file: string, kind: 'config' | 'tests', build: (doc: ReturnType<typeof parseDocument>) => T, cwd: string): Promise<T> {
  const text = await readTextFile(path.resolve(cwd, file));
  try {
    return build(parseDocument(text, file, kind));
  } catch (error) {
    if (error instanceof SchemaError) throw new InputError(file, error.message);
    throw error;
  }
}

/** `meshscope route-check`: see HELP. */
export const run: Command = async (args, io: CliIo) => {
  const { values, positionals } = parse(args);
  if (values.help) {
    io.stdout.write(HELP);
    return 0;
  }
  if (values.config !== undefined && values['config-path'] !== undefined) throw new UsageError('give the route config once: --config or --config-path');
  if (values.tests !== undefined && values['test-path'] !== undefined) throw new UsageError('give the test file once: --tests or --test-path');
  let configFile = values.config ?? values['config-path'];
  let testFile = values.tests ?? values['test-path'];
  if (configFile === undefined && testFile === undefined && positionals.length === 2) [configFile, testFile] = positionals;
  else if (positionals.length > 0) throw new UsageError(`unexpected argument "${sanitizeLine(positionals[0]!)}"; give files with --config and --tests`);
  if (configFile === undefined || testFile === undefined) throw new UsageError('both --config and --tests are required; see `meshscope route-check --help`');
  const threshold = failUnder(values['fail-under']);

  const sink = new IssueSink();
  const loaded = await load(configFile, 'config', (doc) => loadRouteConfigDocument(doc, sink, values.listener), io.cwd);
  const tests = await load(testFile, 'tests', parseToolTestFile, io.cwd);

  const routeIds = new Map<string, string>();
  const routeId = (v: number, r: number): string => {
    const key = `${v}/${r}`;
    let id = routeIds.get(key);
    if (id === undefined) {
      id = `${loaded.config.virtualHosts.value[v]?.routes[r]?.name ?? ''}-${randomUUID()}`;
      routeIds.set(key, id);
    }
    return id;
  };
  const file = { ...tests, runtime: { ...loaded.runtime, ...tests.runtime } };
  // What the route config holds that meshscope does not interpret: one line, as every command (--warnings lists it all).
  const issues = sink.finish();
  const summary = warningSummary(issues, values.warnings !== true);
  if (summary) io.stderr.write(`${summary}\n`);
  if (values.warnings) for (const line of warningLines(issues)) io.stderr.write(`${line}\n`);
  // Envoy rejects such a regex at load: each one is said, as Envoy would.
  for (const issue of regexLimitIssues(loaded.config.raw, flattenRuntime(file.runtime))) {
    if (issue.severity !== 'info')
      io.stderr.write(`meshscope: ${issue.severity}: ${sanitizeLine(issue.message)}${issue.where ? ` (${sanitizeLine(issue.where)})` : ''}\n`);
  }
  const report = renderRouteCheck(runRouteCheck(loaded.config, file), {
    details: values.details === true,
    onlyShowFailures: values['only-show-failures'] === true,
    comprehensiveCoverage: values.covall === true,
    detailedCoverage: values['detailed-coverage'] === true,
    failUnder: threshold,
    routeId,
  });
  for (const line of report.lines) (line.stream === 'stdout' ? io.stdout : io.stderr).write(`${sanitizeLine(line.text)}\n`);
  if (values['output-path'] !== undefined) await writeTextFile(path.resolve(io.cwd, values['output-path']), `${JSON.stringify(report.result, null, 2)}\n`);
  return report.exitCode;
};
