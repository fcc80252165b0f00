import { execFileSync } from 'node:child_process';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import type { ColdProbe } from './cold-probe.ts';
import type { MemoryProbe } from './memory-probe.ts';

/** Runs a probe script of this folder in a fresh `node --expose-gc` process; its one JSON line. */
function runProbe<T>(name: string, args: string[]): T {
  const self = fileURLToPath((import.meta as { url: string }).url);
  const script = path.join(path.dirname(self), `${name}${path.extname(self)}`);
  const out = execFileSync(process.execPath, ['--expose-gc', script, ...args], { encoding: 'utf8', maxBuffer: 1 << 20 });
  return JSON.parse(out) as T;
}

/** The memory of one parse or load (memory-probe.ts). */
export function probeMemory(mode: 'parse' | 'load', file: string): MemoryProbe {
  return runProbe('memory-probe', [mode, file]);
}

/** What a fresh process pays first (cold-probe.ts): the cold explain and warm ones, or a full read. */
export function probeCold(mode: 'explain' | 'read', file: string, services: number): ColdProbe {
  return runProbe('cold-probe', [mode, file, String(services)]);
}
