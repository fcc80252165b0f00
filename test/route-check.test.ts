import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { routerCheckChecks } from '../scripts/conformance/router-check-cases.ts';
import { runCli } from './helpers/cli.ts';
import { conformance, haveConformance, needsConformance } from './helpers/paths.ts';

const corpus = (file: string) => conformance('envoy-router-check', file);

const checks = haveConformance ? await routerCheckChecks(conformance('envoy-router-check')) : [];

describe("route-check replays Envoy's router_check corpus", { skip: needsConformance }, () => {
  it('has a check for every pairing and every cli_checks entry of expectations.json', async () => {
    const expectations = JSON.parse(await readFile(corpus('expectations.json'), 'utf8')) as { runs: unknown[]; cli_checks: unknown[] };
    assert.equal(checks.length, expectations.runs.length + expectations.cli_checks.length);
    assert.equal(expectations.runs.length, 22);
  });
  for (const check of checks) {
    it(check.name, async () => {
      assert.equal(await check.run(), undefined);
    });
  }
});

describe('route-check exit codes', { skip: needsConformance }, () => {
  it('exits 0 when every test passes and prints the coverage', async () => {
    const r = await runCli(['route-check', '--config', corpus('Weighted.yaml'), '--tests', corpus('Weighted.golden.proto.yaml')]);
    assert.equal(r.code, 0);
    assert.equal(r.stderr, '');
    assert.match(r.stdout, /^Current route coverage: [\d.]+%\n$/);
  });

  it('exits 1 when a test fails, prints nothing without --details, and skips the coverage line', async () => {
    const r = await runCli(['route-check', '-c', corpus('Timeout.yaml'), '-t', corpus('TimeoutFailures.golden.proto.json')]);
    assert.equal(r.code, 1);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr, '');
  });

  it('exits 1 when coverage is under --fail-under, naming the threshold as C++ prints it', async () => {
    const r = await runCli(['route-check', '-c', corpus('Redirect.yaml'), '-t', corpus('Redirect.golden.proto.json'), '--fail-under', '99.5']);
    assert.equal(r.code, 1);
    assert.equal(r.stderr, 'Failed to meet coverage requirement: 99.5%\n');
  });

  it('accepts the old positional form CONFIG TESTS', async () => {
    const r = await runCli(['route-check', corpus('ClusterHeader.yaml'), corpus('ClusterHeader.golden.proto.json'), '--details']);
    assert.equal(r.code, 0);
    assert.equal(r.stdout.split('\n').slice(0, 3).join(','), 'Test1,Test2,Test3');
  });

  it('routes with the inline route_config of a bootstrap listener', async () => {
    const r = await runCli(['route-check', '-c', corpus('ClusterHeaderBootstrap.yaml'), '-t', corpus('ClusterHeader.golden.proto.json'), '--listener', 'main']);
    assert.equal(r.code, 0, r.stderr);
    const missing = await runCli([
      'route-check',
      '-c',
      corpus('ClusterHeaderBootstrap.yaml'),
      '-t',
      corpus('ClusterHeader.golden.proto.json'),
      '--listener',
      'nope',
    ]);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /no static listener named "nope" \(it has "main"\)/);
  });

  it("warns when a regex is over re2.max_program_size.error_level, unless the test file's runtime raises it", async () => {
    const low = await runCli(['route-check', '-c', corpus('DefaultRuntime.yaml'), '-t', corpus('ClusterHeader.golden.proto.json')]);
    assert.equal(low.code, 0);
    assert.match(low.stderr, /^meshscope: warning: regex .* RE2 program size of about \d+, over re2\.max_program_size\.error_level 100: Envoy would reject/);
    const raised = await runCli(['route-check', '-c', corpus('DefaultRuntime.yaml'), '-t', corpus('DefaultRuntime.golden.proto.json')]);
    assert.equal(raised.stderr, '');
    const bootstrap = await runCli(['route-check', '-c', corpus('ClusterHeaderBootstrap.yaml'), '-t', corpus('ClusterHeader.golden.proto.json')]);
    assert.equal(bootstrap.stderr, '', 'the bootstrap runtime layer raises the limit too');
  });

  const usage: [string, string[], RegExp][] = [
    ['no --tests', ['-c', corpus('Weighted.yaml')], /both --config and --tests are required/],
    [
      'an unknown flag',
      ['-c', corpus('Weighted.yaml'), '-t', corpus('Weighted.golden.proto.json'), '--colour'],
      /unknown flag --colour for "meshscope route-check"/,
    ],
    ['a flag without its value', ['-c', corpus('Weighted.yaml'), '-t'], /flag .*test.* needs a value|needs a value/],
    [
      'a non-numeric --fail-under',
      ['-c', corpus('Weighted.yaml'), '-t', corpus('Weighted.golden.proto.json'), '-f', 'most'],
      /--fail-under most is not a number/,
    ],
    ['a missing file', ['-c', corpus('Nope.yaml'), '-t', corpus('Weighted.golden.proto.json')], /Nope\.yaml: no such file/],
    [
      'a test file as the route config',
      ['-c', corpus('Weighted.golden.proto.json'), '-t', corpus('Weighted.golden.proto.json')],
      /RouteConfiguration reason INVALID_ARGUMENT:tests: Cannot find field/,
    ],
    [
      'a route config as the test file',
      ['-c', corpus('Weighted.yaml'), '-t', corpus('Weighted.yaml')],
      /ValidationItem|Validation reason INVALID_ARGUMENT:virtual_hosts: Cannot find field/,
    ],
  ];
  for (const [what, args, message] of usage) {
    it(`exits 2 with one line for ${what}`, async () => {
      const r = await runCli(['route-check', ...args]);
      assert.equal(r.code, 2);
      assert.equal(r.stdout, '');
      assert.match(r.stderr, message);
      assert.equal(r.stderr.trim().split('\n').length, 1);
    });
  }

  it('writes the ValidationResult with -o, failures with their expected and actual values', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'meshscope-rc-'));
    try {
      const out = path.join(dir, 'result.json');
      const r = await runCli(['route-check', '-c', corpus('TestRoutes.yaml'), '-t', corpus('Weighted.golden.proto.json'), '--only-show-failures', '-o', out]);
      assert.equal(r.code, 1);
      const result = JSON.parse(await readFile(out, 'utf8')) as {
        test_results: { test_name: string; test_passed: boolean; failure?: Record<string, unknown> }[];
      };
      assert.deepEqual(
        result.test_results.map((t) => t.test_name),
        ['Test_2', 'Test_3', 'Test_4', 'Test_5', 'Test_6', 'Test_7'],
      );
      assert.deepEqual(result.test_results[0]!.failure, {
        expected_cluster_name: 'cluster1',
        actual_cluster_name: 'instant-server',
        expected_virtual_cluster_name: 'test_virtual_cluster',
        actual_virtual_cluster_name: 'other',
      });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('prints --help for the subcommand', async () => {
    const r = await runCli(['route-check', '--help']);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /--only-show-failures/);
  });

  it('reads a text-proto test file and reports its syntax errors with the line', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'meshscope-rc-'));
    try {
      const bad = path.join(dir, 'bad.pb_text');
      await writeFile(bad, 'tests {\n  test_name: "x"\n  input { authority: "a" path: "/\n}\n');
      const r = await runCli(['route-check', '-c', corpus('Weighted.yaml'), '-t', bad]);
      assert.equal(r.code, 2);
      assert.match(r.stderr, /bad\.pb_text: Unable to parse text proto: text proto line 3, column 32: unterminated string/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
