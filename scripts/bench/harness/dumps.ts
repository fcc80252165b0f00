import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { generateConfigDump } from '../dump/dump.ts';
import type { BenchDump } from './types.ts';

/**
 * The dump sizes the benches can run on. 20k's ~680 MB of text is over what V8 holds in one
 * string (512 MiB): no bare-parse floor can read it, so the process bench times its commands
 * alone there, and it shows that meshscope still reads a dump that size (section by section).
 * Only with `--sizes` (`npm run bench -- process --sizes 1k,10k,20k`): the other benches read the
 * dump as one text.
 */
export const DUMP_SIZES: { label: string; services: number }[] = [
  { label: '1k', services: 1000 },
  { label: '10k', services: 10000 },
  { label: '20k', services: 20000 },
];

/** The sizes run without `--sizes`. */
export const DEFAULT_SIZES = ['1k', '10k'];

/**
 * A fingerprint of the generator's output (a 3-service dump): when the generator changes, dumps
 * already in bench/out are stale and get regenerated, with no version number to remember to bump.
 */
function generatorFingerprint(): string {
  return createHash('sha256')
    .update(JSON.stringify(generateConfigDump({ services: 3 })))
    .digest('hex')
    .slice(0, 16);
}

/**
 * Makes sure `bench/out/sidecar-<label>.json` exists and was written by the current generator,
 * generating it in a child process (so this process's heap stays clean for the measurements).
 */
export function ensureDumps(outDir: string, labels: string[], log: (message: string) => void): BenchDump[] {
  const fingerprint = generatorFingerprint();
  const self = fileURLToPath((import.meta as { url: string }).url);
  const generator = path.join(path.dirname(self), '..', `generate-dump${path.extname(self)}`);
  const dumps: BenchDump[] = [];
  for (const { label, services } of DUMP_SIZES.filter((s) => labels.includes(s.label))) {
    const file = path.join(outDir, `sidecar-${label}.json`);
    const metaFile = `${file}.meta.json`;
    const meta = existsSync(metaFile) ? (JSON.parse(readFileSync(metaFile, 'utf8')) as { services?: number; fingerprint?: string }) : {};
    if (!existsSync(file) || meta.services !== services || meta.fingerprint !== fingerprint) {
      log(`generating ${path.relative(process.cwd(), file)} (${services} services)…`);
      execFileSync(process.execPath, [generator, '--services', String(services), '--out', file], { stdio: ['ignore', 'ignore', 'inherit'] });
      writeFileSync(metaFile, `${JSON.stringify({ services, fingerprint })}\n`);
    }
    dumps.push({ label, services, file, bytes: statSync(file).size });
  }
  return dumps;
}
