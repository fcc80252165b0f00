import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, found from this file whether it runs from test/ (Bun, Deno) or dist/test/ (Node). */
function findRoot(): string {
  let dir = path.dirname(fileURLToPath((import.meta as { url: string }).url));
  while (!existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('package.json not found above the tests');
    dir = parent;
  }
  return dir;
}

export const repoRoot = findRoot();
/** ../shared/conformance beside the checkout: tests read the public corpus from there, never a copy. */
export const conformanceDir = path.resolve(repoRoot, '..', 'shared', 'conformance');
export const fixturesDir = path.join(repoRoot, 'fixtures');

export function fixture(...parts: string[]): string {
  return path.join(fixturesDir, ...parts);
}

export function conformance(...parts: string[]): string {
  return path.join(conformanceDir, ...parts);
}

/** True when ../shared/conformance is beside the checkout (CI always has it; a lone clone may not). */
export const haveConformance = existsSync(conformanceDir);

/**
 * The `skip` option for a test or suite that reads the public corpus: false when it is there, else
 * the one line the runner prints (`# SKIP …`) so a fresh clone without ../shared still passes.
 */
export const needsConformance: string | false = haveConformance ? false : '../shared/conformance is absent beside the checkout: skipped (CI has it)';

/** Every `.json` file below `dir` (none when it does not exist), for tests that walk the corpus. */
export function jsonFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    return statSync(full).isDirectory() ? jsonFiles(full) : entry.endsWith('.json') ? [full] : [];
  });
}
