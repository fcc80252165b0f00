import { GOLDEN_CASES, lineDiff, runGoldenCase } from './istioctl-cases.ts';
import { conformanceDir, repoRoot, report, type SuiteResult } from './suite.ts';

/**
 * istioctl proxy-config goldens (../shared/conformance/istioctl-configdump): every table, JSON and
 * YAML output in the README's list, produced by the meshscope CLI in-process and compared byte
 * for byte. A mismatch prints a line diff with trailing spaces made visible.
 */
export async function run(): Promise<SuiteResult> {
  const result: SuiteResult = { passed: 0, failed: 0 };
  for (const c of GOLDEN_CASES) {
    let problem: string | undefined;
    try {
      const out = await runGoldenCase(c, conformanceDir, repoRoot);
      if (out.code !== 0) problem = `exit ${out.code}: ${out.stderr.trim()}`;
      else if (out.stdout !== out.expected) problem = lineDiff(out.expected, out.stdout);
    } catch (error) {
      problem = error instanceof Error ? (error.stack ?? error.message) : String(error);
    }
    report(result, problem === undefined, `istioctl ${c.name}: meshscope ${c.argv.join(' ')}`, problem);
  }
  return result;
}
