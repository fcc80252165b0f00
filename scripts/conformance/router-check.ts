import path from 'node:path';
import { routerCheckChecks } from './router-check-cases.ts';
import { conformanceDir, report, type SuiteResult } from './suite.ts';

/**
 * Envoy's router_check_tool corpus: every route-config/test-file pairing of expectations.json
 * through `meshscope route-check`, case by case, plus the tool-level `cli_checks`.
 */
export async function run(): Promise<SuiteResult> {
  const result: SuiteResult = { passed: 0, failed: 0 };
  for (const check of await routerCheckChecks(path.join(conformanceDir, 'envoy-router-check'))) {
    let problem: string | undefined;
    try {
      problem = await check.run();
    } catch (error) {
      problem = error instanceof Error ? (error.stack ?? error.message) : String(error);
    }
    report(result, problem === undefined, `router-check ${check.name}`, problem);
  }
  return result;
}
