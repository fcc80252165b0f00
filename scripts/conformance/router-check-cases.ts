/**
 * The router_check corpus (../shared/conformance/envoy-router-check) as checks: every pairing in
 * expectations.json `runs` goes through `meshscope route-check` in-process, and each case's
 * pass/fail, the failure lines Envoy's scripts assert (or the README derives) and the structured
 * result must agree; then every `cli_checks` entry. Shared by the conformance suite
 * (scripts/conformance/router-check.ts) and test/route-check-conformance.test.ts.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { isDeepStrictEqual } from 'node:util';
import type { CliIo } from '../../src/cli/io.ts';
import { main } from '../../src/cli/main.ts';
import { parseDocument } from '../../src/core/routecheck/document.ts';
import { parseToolTestFile } from '../../src/core/routecheck/test-file.ts';

export interface Check {
  name: string;
  /** Resolves to undefined when the check holds, or a description of the difference. */
  run: () => Promise<string | undefined>;
}

interface ToolOutput {
  code: number;
  stdout: string;
  stderr: string;
  /** stdout and stderr interleaved in write order, as `2>&1` shows them. */
  combined: string;
}

/** Runs `meshscope route-check ...args` in-process with captured streams. */
export async function routeCheck(args: string[], cwd: string): Promise<ToolOutput> {
  const out = { stdout: '', stderr: '', combined: '' };
  const sink = (name: 'stdout' | 'stderr') =>
    ({
      write(chunk: string | Uint8Array): boolean {
        const text = typeof chunk === 'string' ? chunk : new TextDecoder().decode(chunk);
        out[name] += text;
        out.combined += text;
        return true;
      },
    }) as unknown as NodeJS.WritableStream;
  const io: CliIo = { stdin: new PassThrough(), stdout: sink('stdout'), stderr: sink('stderr'), env: { NO_COLOR: '1' }, cwd };
  const code = await main(['route-check', ...args], io);
  return { code, ...out };
}

interface Failure {
  verified?: boolean;
  stderr_lines?: string[];
  probable_stderr_line?: string;
  structured_result?: { test_name: string; test_passed: boolean; failure: Record<string, unknown> };
  expected_actual?: Record<string, { expected: string; actual: string; ok: boolean }>;
}
interface Case {
  test_name: string;
  expected_result: 'pass' | 'fail';
  failure?: Failure;
}
interface Run {
  config: string;
  tests: string;
  test_count: number;
  expected_failures: number;
  cases: Case[];
  top_level_runtime?: Record<string, unknown>;
}
interface CliCheck {
  command: string;
  expect: string;
}
interface Expectations {
  runs: Run[];
  cli_checks: CliCheck[];
}

interface ResultFile {
  test_results: { test_name: string; test_passed: boolean; failure?: Record<string, unknown> }[];
}

/** The failure lines printed under each test name by `--details` (names are known, in order). */
function linesByTest(output: string, names: string[]): Map<number, string[]> {
  const lines = output.split('\n');
  const blocks = new Map<number, string[]>();
  let at = 0;
  for (let i = 0; i < names.length; i++) {
    while (at < lines.length && lines[at] !== names[i]) at++;
    const body: string[] = [];
    at++;
    while (at < lines.length && lines[at] !== names[i + 1] && !lines[at]!.startsWith('Current route coverage:')) body.push(lines[at++]!);
    blocks.set(
      i,
      body.filter((l) => l !== ''),
    );
  }
  return blocks;
}

function runChecks(dir: string, run: Run): Check {
  const label = `${run.config} + ${run.tests}`;
  return {
    name: `${label}: ${run.test_count} tests, ${run.expected_failures} expected to fail, each case and its failure lines`,
    run: async () => {
      const tmp = await mkdtemp(path.join(tmpdir(), 'meshscope-route-check-'));
      try {
        const resultFile = path.join(tmp, 'result.json');
        const out = await routeCheck(['--config', run.config, '--tests', run.tests, '--details', '-o', resultFile], dir);
        const result = JSON.parse(await readFile(resultFile, 'utf8')) as ResultFile;
        const problems: string[] = [];
        const results = result.test_results;
        if (results.length !== run.test_count) problems.push(`${results.length} tests ran, expected ${run.test_count}`);
        const failed = results.filter((r) => !r.test_passed).length;
        if (failed !== run.expected_failures) problems.push(`${failed} tests failed, expected ${run.expected_failures}`);
        const wantCode = run.expected_failures > 0 ? 1 : 0;
        if (out.code !== wantCode) problems.push(`exit ${out.code}, expected ${wantCode}${out.code === 2 ? `: ${out.stderr.trim()}` : ''}`);
        if (run.top_level_runtime) {
          const file = parseToolTestFile(parseDocument(await readFile(path.join(dir, run.tests), 'utf8'), run.tests, 'tests'));
          if (!isDeepStrictEqual(file.runtime, run.top_level_runtime))
            problems.push(`top-level runtime ${JSON.stringify(file.runtime)}, expected ${JSON.stringify(run.top_level_runtime)}`);
        }
        const blocks = linesByTest(
          out.combined,
          results.map((r) => r.test_name),
        );
        run.cases.forEach((c, i) => {
          const got = results[i];
          if (!got || got.test_name !== c.test_name) {
            problems.push(`case ${i}: expected test "${c.test_name}", got "${got?.test_name}"`);
            return;
          }
          if (got.test_passed !== (c.expected_result === 'pass'))
            problems.push(`${c.test_name}: ${got.test_passed ? 'passed' : 'failed'}, expected ${c.expected_result}; lines: ${JSON.stringify(blocks.get(i))}`);
          const lines = blocks.get(i) ?? [];
          if (c.expected_result === 'pass' && lines.length) problems.push(`${c.test_name}: passing test printed failure lines ${JSON.stringify(lines)}`);
          const f = c.failure;
          if (f?.stderr_lines && !isDeepStrictEqual(lines, f.stderr_lines))
            problems.push(`${c.test_name}: lines ${JSON.stringify(lines)}, expected ${JSON.stringify(f.stderr_lines)}`);
          if (f?.probable_stderr_line) {
            const want = f.probable_stderr_line.replace(/ \(format assumed.*$/, '');
            if (!isDeepStrictEqual(lines, [want])) problems.push(`${c.test_name}: lines ${JSON.stringify(lines)}, expected [${JSON.stringify(want)}]`);
          }
          if (f?.structured_result) {
            const want = f.structured_result;
            if (got.test_passed !== want.test_passed || !isDeepStrictEqual(got.failure, want.failure)) {
              problems.push(`${c.test_name}: result ${JSON.stringify(got)}, expected ${JSON.stringify(want)}`);
            }
          }
          for (const [field, { expected, actual, ok }] of Object.entries(f?.expected_actual ?? {})) {
            const line = `expected: [${expected}], actual: [${actual}], test type: ${field}`;
            if (ok === lines.includes(line)) problems.push(`${c.test_name}: ${field} should ${ok ? 'pass' : `fail with "${line}"`}`);
          }
        });
        return problems.length ? problems.join('\n') : undefined;
      } finally {
        await rm(tmp, { recursive: true, force: true });
      }
    },
  };
}

function contains(text: string, ...parts: string[]): string | undefined {
  let at = 0;
  for (const part of parts) {
    const i = text.indexOf(part, at);
    if (i === -1) return `missing ${JSON.stringify(part)}${at > 0 ? ' (after the previous part)' : ''} in:\n${text}`;
    at = i + part.length;
  }
  return undefined;
}

type CliVerdict = (dir: string) => Promise<string | undefined>;
const rc = (dir: string, ...args: string[]) => routeCheck(args, dir);
const failedWith = (code: number, want: number, text: string) => (code === want ? undefined : `exit ${code}, expected ${want}:\n${text}`);

/** The cli_checks of expectations.json, by their command text; each is checked literally. */
const CLI_CHECKS: Record<string, CliVerdict> = {
  'router_check_tool -c Redirect.yaml -t Redirect.golden.proto.json --details -f 1.0': async (dir) => {
    const o = await rc(dir, '-c', 'Redirect.yaml', '-t', 'Redirect.golden.proto.json', '--details', '-f', '1.0');
    return contains(o.stdout, 'Current route coverage: ') ?? failedWith(o.code, 0, o.combined);
  },
  'router_check_tool -c ComprehensiveRoutes.yaml -t ComprehensiveRoutes.golden.proto.json --details -f 100 --covall': async (dir) => {
    const o = await rc(dir, '-c', 'ComprehensiveRoutes.yaml', '-t', 'ComprehensiveRoutes.golden.proto.json', '--details', '-f', '100', '--covall');
    return contains(o.stdout, 'Current route coverage: 100%\n') ?? failedWith(o.code, 0, o.combined);
  },
  'router_check_tool -c DirectResponse.yaml -t DirectResponse.golden.proto.json --details -f 100 --covall': async (dir) => {
    const o = await rc(dir, '-c', 'DirectResponse.yaml', '-t', 'DirectResponse.golden.proto.json', '--details', '-f', '100', '--covall');
    return contains(o.stdout, 'Current route coverage: 100%\n') ?? failedWith(o.code, 0, o.combined);
  },
  'router_check_tool -c Runtime.yaml -t Runtime.golden.proto.json --details --covall': async (dir) => {
    const o = await rc(dir, '-c', 'Runtime.yaml', '-t', 'Runtime.golden.proto.json', '--details', '--covall');
    return contains(o.stdout, 'Current route coverage: 100%\n') ?? failedWith(o.code, 0, o.combined);
  },
  'router_check_tool -c Redirect.yaml -t Redirect.golden.proto.json --details -f 100': async (dir) => {
    const o = await rc(dir, '-c', 'Redirect.yaml', '-t', 'Redirect.golden.proto.json', '--details', '-f', '100');
    return contains(o.stderr, 'Failed to meet coverage requirement: 100%\n') ?? failedWith(o.code, 1, o.combined);
  },
  'router_check_tool -c Redirect.golden.proto.json -t TestRoutes.yaml': async (dir) => {
    const o = await rc(dir, '-c', 'Redirect.golden.proto.json', '-t', 'TestRoutes.yaml');
    const want = 'Protobuf message (type envoy.config.route.v3.RouteConfiguration reason INVALID_ARGUMENT:tests: Cannot find field.) has unknown fields';
    return contains(o.stderr, want) ?? failedWith(o.code, 2, o.combined) ?? (o.stdout === '' ? undefined : `unexpected stdout ${o.stdout}`);
  },
  'router_check_tool -c TestRoutes.yaml -t Weighted.golden.proto.json --details': async (dir) => {
    const o = await rc(dir, '-c', 'TestRoutes.yaml', '-t', 'Weighted.golden.proto.json', '--details');
    return (
      contains(
        o.combined,
        'Test_1\n',
        'Test_2\n',
        'expected: [cluster1], actual: [instant-server], test type: cluster_name\n',
        'expected: [test_virtual_cluster], actual: [other], test type: virtual_cluster_name\n',
        'Test_3\n',
      ) ?? failedWith(o.code, 1, o.combined)
    );
  },
  'router_check_tool -c TestRoutes.yaml -t Weighted.golden.proto.json [--details] --only-show-failures': async (dir) => {
    for (const details of [['--details'], []]) {
      const o = await rc(dir, '-c', 'TestRoutes.yaml', '-t', 'Weighted.golden.proto.json', ...details, '--only-show-failures');
      const problem =
        contains(o.combined, 'Test_2\n', 'expected: [cluster1], actual: [instant-server], test type: cluster_name\n') ??
        (o.combined.includes('Test_1') ? `Test_1 passed but is printed:\n${o.combined}` : undefined) ??
        failedWith(o.code, 1, o.combined);
      if (problem) return `${details.length ? 'with' : 'without'} --details: ${problem}`;
    }
    return undefined;
  },
  'router_check_tool -c TestRoutes.yaml -t TestRoutesFailures.golden.proto.json --only-show-failures': async (dir) => {
    const o = await rc(dir, '-c', 'TestRoutes.yaml', '-t', 'TestRoutesFailures.golden.proto.json', '--only-show-failures');
    const expectations = JSON.parse(await readFile(path.join(dir, 'expectations.json'), 'utf8')) as Expectations;
    const wanted = expectations.runs.find((r) => r.tests === 'TestRoutesFailures.golden.proto.json')!.cases[0]!.failure!.stderr_lines!;
    const lines = o.stderr.split('\n');
    const missing = wanted.filter((l) => !lines.includes(l));
    return missing.length ? `lines not printed whole: ${JSON.stringify(missing)}\n${o.stderr}` : failedWith(o.code, 1, o.combined);
  },
  'router_check_tool -c TestRoutes.yaml -t TestRoutes.golden.proto.json --details --covall': async (dir) => {
    const o = await rc(dir, '-c', 'TestRoutes.yaml', '-t', 'TestRoutes.golden.proto.json', '--details', '--covall');
    return (
      contains(
        o.combined,
        'Missing test for host: www2_staging, route: prefix: "/"',
        'Missing test for host: default, route: prefix: "/api/application_data"',
      ) ?? failedWith(o.code, 0, o.combined)
    );
  },
  'router_check_tool -c DetailedCoverage.yaml -t DetailedCoverage.golden.proto.json --detailed-coverage': async (dir) => {
    const o = await rc(dir, '-c', 'DetailedCoverage.yaml', '-t', 'DetailedCoverage.golden.proto.json', '--detailed-coverage');
    const lines = o.stdout.split('\n');
    const named = lines.filter((l) => /^Missing test for host: localhost, route name: new_endpoint2-.+$/.test(l));
    const unnamed = lines.filter((l) => /^Missing test for host: localhost, route name: -.+$/.test(l));
    if (named.length !== 1 || unnamed.length !== 1) return `expected one new_endpoint2-<uuid> line and one -<uuid> line:\n${o.stdout}`;
    return failedWith(o.code, 0, o.combined);
  },
  'router_check_tool -c DetailedCoverage.yaml -t DetailedCoverage.golden.proto.json': async (dir) => {
    const o = await rc(dir, '-c', 'DetailedCoverage.yaml', '-t', 'DetailedCoverage.golden.proto.json');
    return (
      (o.combined.includes('Missing test for host:') ? `missing-test lines without --detailed-coverage:\n${o.combined}` : undefined) ??
      failedWith(o.code, 0, o.combined)
    );
  },
};

/** All checks of the corpus in `dir` (the envoy-router-check folder). */
export async function routerCheckChecks(dir: string): Promise<Check[]> {
  const expectations = JSON.parse(await readFile(path.join(dir, 'expectations.json'), 'utf8')) as Expectations;
  const checks = expectations.runs.map((run) => runChecks(dir, run));
  for (const cli of expectations.cli_checks) {
    const verdict = CLI_CHECKS[cli.command];
    checks.push({
      name: `${cli.command.replace('router_check_tool', 'meshscope route-check')}: ${cli.expect}`,
      run: async () => (verdict ? verdict(dir) : `no check is written for this cli_checks entry`),
    });
  }
  return checks;
}
