import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface SuiteResult {
  passed: number;
  failed: number;
}

function findRoot(): string {
  let dir = path.dirname(fileURLToPath((import.meta as { url: string }).url));
  while (!existsSync(path.join(dir, 'package.json'))) dir = path.dirname(dir);
  return dir;
}

export const repoRoot = findRoot();
export const conformanceDir = path.resolve(repoRoot, '..', 'shared', 'conformance');

/** Prints `ok`/`not ok` for one check, with the detail on failure, and counts it. */
export function report(result: SuiteResult, ok: boolean, name: string, detail?: string): void {
  if (ok) result.passed++;
  else result.failed++;
  process.stdout.write(`${ok ? 'ok' : 'not ok'} - ${name}${!ok && detail ? `\n${detail.replace(/^/gm, '    ')}` : ''}\n`);
}
