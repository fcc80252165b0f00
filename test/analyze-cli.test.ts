import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { parseAnalyze } from '../src/core/istio/analyze.ts';
import { parseAnalyzeText } from '../src/core/istio/analyze-text.ts';
import { runCli } from './helpers/cli.ts';
import { conformance, needsConformance } from './helpers/paths.ts';

/** `meshscope analyze`: istioctl analyze's formats (istioctl/pkg/util/formatting/formatter.go) and exit codes (istioctl/cmd/sysexits.go). */
describe('meshscope analyze', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'meshscope-analyze-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const file = path.join(dir, 'mesh.yaml');
  writeFileSync(
    file,
    [
      'apiVersion: v1',
      'kind: Service',
      'metadata: {name: reviews, namespace: bookinfo}',
      'spec: {selector: {app: reviews}, ports: [{name: http, port: 9080}]}',
      '---',
      'apiVersion: networking.istio.io/v1',
      'kind: VirtualService',
      'metadata: {name: reviews, namespace: bookinfo}',
      'spec: {hosts: [reviews], http: [{route: [{destination: {host: reviews, subset: "v9\\u001b[31m"}}]}]}',
      '---',
      '- not an object',
      '---',
      'apiVersion: example.com/v1',
      'kind: Widget',
      'metadata: {name: w}',
      '',
    ].join('\n'),
  );

  it('text: one istioctl line per message, exit 79 (ExitAnalyzerFoundIssues) on an Error; a bad document is one stderr line each', async () => {
    const r = await runCli(['analyze', '--config', file, '--analyzer', 'virtualservice.DestinationRuleAnalyzer']);
    assert.equal(r.code, 79);
    assert.equal(r.stdout, 'Error [IST0101] (VirtualService bookinfo/reviews) Referenced host+subset in destinationrule not found: "reviews+v9\\x1b[31m"\n');
    const warnings = r.stderr.split('\n').filter((l) => l.startsWith('warning: '));
    assert.equal(warnings.length, 2, r.stderr);
    assert.match(warnings[0]!, /document 3\b.*not a Kubernetes object/);
    assert.match(warnings[1]!, /kind Widget/);
    // The existing reader of istioctl's text output reads it back.
    const back = parseAnalyzeText(r.stdout);
    assert.equal(back[0]!.origin, 'VirtualService bookinfo/reviews');
    assert.equal(back[0]!.code, 'IST0101');
  });

  it('several --analyzer flags run as one (NamedCombined): their messages sorted together, Error first', async () => {
    const mixed = path.join(dir, 'mixed.yaml');
    writeFileSync(
      mixed,
      [
        'apiVersion: networking.istio.io/v1',
        'kind: DestinationRule',
        'metadata: {name: a-unknown, namespace: ns}',
        'spec: {host: nothere}',
        '---',
        'apiVersion: networking.istio.io/v1',
        'kind: VirtualService',
        'metadata: {name: z-vs, namespace: ns}',
        'spec: {hosts: [a], http: [{route: [{destination: {host: a, subset: v1}}]}]}',
        '',
      ].join('\n'),
    );
    const r = await runCli([
      'analyze',
      '--config',
      mixed,
      '--analyzer',
      'destinationrule.SubsetSelectPodAnalyzer',
      '--analyzer',
      'virtualservice.DestinationRuleAnalyzer',
    ]);
    assert.equal(r.code, 79);
    assert.deepEqual(
      r.stdout
        .trim()
        .split('\n')
        .map((l) => l.split(' (')[0]),
      ['Error [IST0101]', 'Warning [IST0174]'],
    );
  });

  it('-o json: the tab-indented array istioctl prints, exit 0 (istioctl sets 79 only for the log format)', async () => {
    const r = await runCli(['analyze', '--config', file, '--analyzer', 'virtualservice.DestinationRuleAnalyzer', '-o', 'json']);
    assert.equal(r.code, 0);
    assert.ok(
      r.stdout.startsWith(
        '[\n\t{\n\t\t"code": "IST0101",\n\t\t"documentationUrl": "https://istio.io/v1.32/docs/reference/config/analysis/ist0101/?ref=istioctl-analyze",',
      ),
      r.stdout,
    );
    const [m] = parseAnalyze(JSON.parse(r.stdout));
    assert.equal(m!.namespace, 'bookinfo');
    assert.equal(m!.level, 'Error');
  });

  it('-o yaml, --failure-threshold and --output-threshold; no message: the ✔ line on stderr', async () => {
    const y = await runCli(['analyze', '--config', file, '--analyzer', 'virtualservice.DestinationRuleAnalyzer', '-o', 'yaml']);
    assert.match(y.stdout, /^- code: IST0101\n {2}documentationUrl: /);
    const ok = await runCli(['analyze', '--config', file, '--analyzer', 'service.PortNameAnalyzer']);
    assert.equal(ok.code, 0);
    assert.equal(ok.stdout, '\n');
    assert.match(ok.stderr, /✔ No validation issues found when analyzing .*mesh\.yaml\./);
    const shown = await runCli([
      'analyze',
      '--config',
      file,
      '--analyzer',
      'virtualservice.DestinationRuleAnalyzer',
      '--output-threshold',
      'error',
      '--failure-threshold',
      'ERROR',
    ]);
    assert.equal(shown.code, 79);
    const bad = await runCli(['analyze', '--config', file, '--failure-threshold', 'loud']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--failure-threshold: expected Info, Warning or Error/);
    const unknown = await runCli(['analyze', '--config', file, '--analyzer', 'nope.Analyzer']);
    assert.equal(unknown.code, 2);
  });

  it('all analyzers on a corpus file: every line in istioctl form; --meshConfigFile turns DNS auto-allocation on', { skip: needsConformance }, async () => {
    const input = conformance('istio-analyze', 'testdata', 'serviceentry-missing-addresses-protocol.yaml');
    const plain = await runCli(['analyze', '--config', input, '--analyzer', 'serviceentry.Analyzer']);
    assert.equal(plain.code, 0, 'warnings do not reach the Error threshold');
    assert.equal(plain.stdout.trim().split('\n').length, 3);
    for (const line of plain.stdout.trim().split('\n'))
      assert.match(line, /^Warning \[IST0134\] \(ServiceEntry default\/service-entry-test-0\d\) ServiceEntry addresses are required for this protocol\.$/);
    const mesh = conformance('istio-analyze', 'testdata', 'serviceentry-missing-addresses-protocol-mesh-cfg.yaml');
    const allocated = await runCli(['analyze', '--config', input, '--analyzer', 'serviceentry.Analyzer', '--meshConfigFile', mesh]);
    assert.equal(allocated.stdout, '\n');
    const strict = await runCli(['analyze', '--config', input, '--analyzer', 'serviceentry.Analyzer', '--failure-threshold', 'Warning']);
    assert.equal(strict.code, 79);
  });
});
