/**
 * `npm run conformance`: replays the public Envoy and Istio corpus in ../shared/conformance
 * against meshscope and prints one line per check, then a summary. Exit 1 on any failure.
 * Each suite lives in scripts/conformance/<suite>.ts and exports `run(): Promise<SuiteResult>`.
 */
import process from 'node:process';
import type { SuiteResult } from './conformance/suite.ts';

const suites: [string, () => Promise<{ run: () => Promise<SuiteResult> }>][] = [
  ['envoy router-check', () => import('./conformance/router-check.ts')],
  ['istioctl tables', () => import('./conformance/istioctl-tables.ts')],
];

let passed = 0;
let failed = 0;
for (const [name, load] of suites) {
  const { run } = await load();
  const result = await run();
  passed += result.passed;
  failed += result.failed;
  process.stdout.write(`# ${name}: ${result.passed} passed, ${result.failed} failed\n`);
}
process.stdout.write(`${passed} passed, ${failed} failed\n`);
process.exitCode = failed === 0 && passed > 0 ? 0 : 1;
