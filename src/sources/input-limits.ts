import { UsageError } from '../core/errors.ts';

/**
 * How much meshscope reads from one file, and how far a gzip file may inflate. Defaults fit
 * any single capture: one proxy's `istioctl proxy-config all -o json` is a few MB even in large
 * meshes, and V8 cannot hold a string of 512 MiB or more at all (`ERR_STRING_TOO_LONG`). The
 * environment raises or lowers them (the CLI reads it; sources never read the environment):
 * `MESHSCOPE_MAX_INPUT=1G` (a file's size) and `MESHSCOPE_MAX_INFLATED=2G` (a `.gz` snapshot's
 * or bug-report archive's decompressed size).
 */
export interface InputLimits {
  maxInputBytes: number;
  maxInflatedBytes: number;
}

const MiB = 1024 * 1024;
export const DEFAULT_INPUT_LIMITS: Readonly<InputLimits> = { maxInputBytes: 256 * MiB, maxInflatedBytes: 512 * MiB };
export const INPUT_ENV = 'MESHSCOPE_MAX_INPUT';
export const INFLATED_ENV = 'MESHSCOPE_MAX_INFLATED';

let current: InputLimits = { ...DEFAULT_INPUT_LIMITS };

export function inputLimits(): Readonly<InputLimits> {
  return current;
}

export function setInputLimits(limits: Partial<InputLimits>): void {
  current = { ...DEFAULT_INPUT_LIMITS, ...limits };
}

const UNITS: Record<string, number> = { '': 1, k: 1024, m: MiB, g: 1024 * MiB };

/** `1048576`, `300K`, `300M`, `2G` (binary units; an optional `i`/`iB`/`B`), or undefined. */
export function parseSize(text: string): number | undefined {
  const m = /^(\d{1,15})\s*([kmg]?)(?:i?b)?$/i.exec(text.trim());
  if (!m) return undefined;
  const bytes = Number(m[1]) * UNITS[m[2]!.toLowerCase()]!;
  return bytes > 0 && Number.isSafeInteger(bytes) ? bytes : undefined;
}

/** `256 MiB`, `1.5 GiB`, `900 bytes`: a size for messages. */
export function formatSize(bytes: number): string {
  if (bytes >= 1024 * MiB) return `${Number((bytes / (1024 * MiB)).toFixed(1))} GiB`;
  if (bytes >= MiB) return `${Number((bytes / MiB).toFixed(1))} MiB`;
  if (bytes >= 1024) return `${Number((bytes / 1024).toFixed(1))} KiB`;
  return `${bytes} bytes`;
}

/** Sets the limits from MESHSCOPE_MAX_INPUT and MESHSCOPE_MAX_INFLATED; UsageError on a bad value. */
export function configureInputLimits(env: Record<string, string | undefined>): void {
  const read = (name: string): number | undefined => {
    const text = env[name];
    if (text === undefined || text === '') return undefined;
    const bytes = parseSize(text);
    if (bytes === undefined) throw new UsageError(`${name}=${JSON.stringify(text)} is not a size; expected bytes or a number with K, M or G (e.g. 1G)`);
    return bytes;
  };
  setInputLimits({
    maxInputBytes: read(INPUT_ENV) ?? DEFAULT_INPUT_LIMITS.maxInputBytes,
    maxInflatedBytes: read(INFLATED_ENV) ?? DEFAULT_INPUT_LIMITS.maxInflatedBytes,
  });
}
