import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { meshSettingsFromText } from '../src/core/analyze/mesh-config.ts';
import { analyzeRaw, analyzerNamed, runAnalyzers } from '../src/core/analyze/runner.ts';
import { emptyConfigSet } from '../src/core/config/objects.ts';
import { parseConfigText } from '../src/core/config/read-objects.ts';
import { conformance, haveConformance, needsConformance } from './helpers/paths.ts';

/**
 * The istioctl-analyze corpus (../shared/conformance/istio-analyze, a restatement of istio/istio
 * pkg/config/analysis/analyzers/analyzers_test.go testGrid): each case runs only its analyzer over
 * its input files (+ mesh config), with no default namespace, and the (code, origin) pairs must
 * equal the expected ones as a multiset (upstream: Gomega ConsistOf).
 */
interface Case {
  name: string;
  index_in_upstream_grid: number;
  analyzer: { name: string };
  input_files: string[];
  mesh_config_file?: string;
  expected_messages: { code: string; origin: string }[];
}

/** Analyzers of the corpus meshscope does not restate, and why. */
const NOT_IMPLEMENTED: Record<string, string> = {
  'gateway.SecretAnalyzer': 'Secret payloads are dropped on reading (core/config/objects.ts), so key/cert validity cannot be checked',
  'gateway.CertificateAnalyzer': 'needs Secret payloads (dropped on reading)',
};

const cases: Case[] = haveConformance ? (JSON.parse(readFileSync(conformance('istio-analyze', 'expected.json'), 'utf8')) as { cases: Case[] }).cases : [];

function pairs(list: { code: string; origin: string }[]): string[] {
  return list.map((m) => `${m.code} ${m.origin}`).sort();
}

describe('istioctl analyze corpus: each case through its analyzer alone', { skip: needsConformance }, () => {
  let passed = 0;
  let ran = 0;
  for (const c of cases) {
    const title = `#${c.index_in_upstream_grid} ${c.name} (${c.analyzer.name})`;
    const analyzer = analyzerNamed(c.analyzer.name);
    if (analyzer === undefined) {
      const reason = NOT_IMPLEMENTED[c.analyzer.name];
      it(title, { skip: `analyzer not implemented: ${reason ?? 'unlisted'}` }, () => {});
      continue;
    }
    it(title, () => {
      ran++;
      const set = emptyConfigSet();
      for (const f of c.input_files) {
        const file = conformance('istio-analyze', 'testdata', f);
        parseConfigText(file, readFileSync(file, 'utf8'), set);
      }
      let mesh: ReturnType<typeof meshSettingsFromText> | undefined;
      if (c.mesh_config_file !== undefined) {
        mesh = meshSettingsFromText(readFileSync(conformance('istio-analyze', 'testdata', c.mesh_config_file), 'utf8'));
        assert.ok(!('error' in mesh), `mesh config ${c.mesh_config_file}`);
      }
      // runAnalyzers deduplicates as istioctl prints (SortedDedupedCopy); the upstream test compares
      // the raw messages, so the multiset is taken before deduplication.
      const raw = analyzeRaw(set, { analyzer: c.analyzer.name, mesh: mesh && !('error' in mesh) ? mesh : undefined, defaultNamespace: '' });
      assert.deepEqual(pairs(raw), pairs(c.expected_messages));
      assert.ok(runAnalyzers(set, { analyzer: c.analyzer.name, mesh: mesh && !('error' in mesh) ? mesh : undefined }).length <= raw.length);
      passed++;
    });
  }
  it('every analyzer the corpus names is implemented or listed with a reason', () => {
    for (const c of cases) assert.ok(analyzerNamed(c.analyzer.name) !== undefined || c.analyzer.name in NOT_IMPLEMENTED, c.analyzer.name);
  });
  it('summary', (t) => {
    t.diagnostic(
      `istio-analyze corpus: ${passed}/${ran} cases of implemented analyzers reproduced; ${cases.length - ran} of ${cases.length} skipped (analyzer not implemented)`,
    );
    assert.equal(passed, ran);
  });
});
