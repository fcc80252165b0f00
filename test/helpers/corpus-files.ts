import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

/** The `.json`/`.yaml`/`.yml` files under `dir`, depth first, sorted by name at each level. */
export function corpusFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((entry) => {
      const full = path.join(dir, entry);
      if (statSync(full).isDirectory()) return corpusFiles(full);
      return /\.(json|ya?ml)$/.test(entry) ? [full] : [];
    });
}
