import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { describe, it } from 'node:test';
import { atLeast, parseSeverity } from '../src/core/findings/severity-filter.ts';
import { runCli } from './helpers/cli.ts';
import { conformance, fixture } from './helpers/paths.ts';

/**
 * `findings --min-severity`, as istioctl analyze's `--output-threshold` (istioctl/pkg/analyze/
 * analyze.go: levels Info, Warning, Error, case-insensitive; messages below are not displayed).
 */
const BOOKINFO = fixture('bookinfo', 'productpage', 'config_dump.json');
// Real dumps with findings: an Istio 1.22 gateway (infos on its routes) and a HEAD waypoint (an error).
const REAL = conformance('istio-real', 'u08-mplb-1.22.3-ingressgateway.json');
const WAYPOINT = conformance('istio-real', 'i12-head-compare-configdump.json');

describe('findings --min-severity info|warning|error (istioctl analyze --output-threshold)', () => {
  it('reads the levels without regard to case and keeps what is at or above', () => {
    assert.equal(parseSeverity('Warning'), 'warning');
    assert.equal(parseSeverity('ERROR'), 'error');
    assert.equal(parseSeverity('warn'), undefined);
    const list = [{ severity: 'info' as const }, { severity: 'error' as const }, { severity: 'warning' as const }];
    assert.deepEqual(atLeast(list, 'warning'), [list[1], list[2]]);
    assert.deepEqual(atLeast(list, 'info'), list);
  });

  for (const [name, file] of [
    ['the bookinfo fixture', BOOKINFO],
    ['a real Istio 1.22 gateway dump', REAL],
    ['a real waypoint dump', WAYPOINT],
  ] as const) {
    it(`hides only what is below, says how many, and keeps the exit code on ${name}`, async (t) => {
      if (!existsSync(file)) return t.skip('findings --min-severity: ../shared/conformance absent');
      const all = await runCli(['findings', '--file', file, '-o', 'json']);
      const every = JSON.parse(all.stdout).findings as { severity: string; code: string }[];
      assert.ok(every.length > 0);
      for (const min of ['warning', 'error'] as const) {
        const r = await runCli(['findings', '--file', file, '-o', 'json', '--min-severity', min.toUpperCase()]);
        const doc = JSON.parse(r.stdout);
        const kept = every.filter((f) => (min === 'error' ? f.severity === 'error' : f.severity !== 'info'));
        assert.deepEqual(
          doc.findings.map((f: { code: string }) => f.code),
          kept.map((f) => f.code),
        );
        assert.equal(doc.hidden, every.length - kept.length);
        assert.equal(doc.minSeverity, min);
        assert.equal(r.code, all.code, 'the exit code counts every error-level finding');
        const text = await runCli(['findings', '--file', file, '--min-severity', min]);
        const hidden = every.length - kept.length;
        if (hidden > 0) assert.match(text.stdout, new RegExp(`${hidden} findings? below ${min} not shown \\(--min-severity\\)\\n$`));
        assert.doesNotMatch(text.stdout, min === 'error' ? /\((warning|info)\)/ : /\(info\)/);
      }
    });
  }

  it('refuses an unknown level in one line, exit 2', async () => {
    const r = await runCli(['findings', '--file', BOOKINFO, '--min-severity', 'warn']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--min-severity: expected info, warning or error \(got "warn"\)/);
  });
});
