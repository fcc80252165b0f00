import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ANALYZERS, FINDING_TYPES } from '../src/core/findings/index.ts';
import { runCli } from './helpers/cli.ts';

describe('the findings catalogue', () => {
  it('keeps every code and name stable (scripts and incident notes refer to them)', () => {
    assert.deepEqual(
      FINDING_TYPES.map((t) => `${t.code} ${t.name} ${t.severity}`),
      [
        'MS101 RouteShadowed warning',
        'MS102 MissingCluster error',
        'MS103 NoEndpoints error',
        'MS104 AllEndpointsUnavailable error',
        'MS105 UnintendedWeights warning',
        'MS106 RetriesWithoutPerTryTimeout info',
        'MS107 NoTimeout info',
        'MS108 MirrorTargetUnavailable warning',
        'MS109 RetriesNeverFire warning',
        'MS110 RetryOnWithZeroRetries info',
        'MS111 FaultAbortNotRetried info',
        'MS112 FaultNeverFires warning',
        'MS113 RetriesExceedRouteTimeout info',
        'MS114 GatewayOnlyOutlierDetection warning',
        'MS115 UnusedSubsetPolicy info',
      ],
    );
  });

  it('gives each analyzer a unique name, the inputs it reads, a way in and a fix hint for every type it reports', () => {
    assert.equal(new Set(ANALYZERS.map((a) => a.name)).size, ANALYZERS.length);
    for (const analyzer of ANALYZERS) {
      assert.ok(analyzer.reads.length > 0, analyzer.name);
      assert.ok(analyzer.virtualHost || analyzer.cluster || analyzer.proxy, analyzer.name);
      for (const type of analyzer.reports) assert.ok(type.hint.length > 10, `${analyzer.name} ${type.code}`);
    }
  });

  it('lists every code and name in `findings --help`', async () => {
    const help = (await runCli(['findings', '--help'])).stdout;
    for (const t of FINDING_TYPES) assert.match(help, new RegExp(`^  ${t.code} ${t.name} +\\S`, 'm'), t.code);
  });
});
