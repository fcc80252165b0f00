import { execFileSync } from 'node:child_process';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import type { MemoryProbe } from './memory-probe.ts';

/** Runs memory-probe in a fresh `node --expose-gc` process and returns its measurement. */
export function probeMemory(mode: 'parse' | 'load', file: string): MemoryProbe {
  const self = fileURLToPath((import.meta as { url: string }).url);
  const script = path.join(path.dirname(self), `memory-probe${path.extname(self)}`);
  const out = execFileSync(process.execPath, ['--expose-gc', script, mode, file], { encoding: 'utf8', maxBuffer: 1 << 20 });
  return JSON.parse(out) as MemoryProbe;
}
