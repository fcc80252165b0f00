import type { Json } from '../core/envoy/json.ts';
import { loadProxyConfig } from '../core/envoy/load.ts';
import { parseJsonDocument } from '../core/envoy/parse-json.ts';
import { parseDumpSections } from '../core/envoy/parse-sections.ts';
import { type ProxyConfig, SKIPPABLE_SECTIONS, type SkippableSection } from '../core/envoy/types.ts';
import { InputError } from '../core/errors.ts';
import { decodeInput, readInputBytes } from './input-file.ts';
import { PARALLEL_MIN_BYTES, type PreparedScanner, prepareScanner, scanInParallel } from './parallel-scan.ts';
import { detectEncoding } from './text-encoding.ts';

/**
 * Proxy config from files on disk: a config dump (`istioctl proxy-config all POD -o json`, Envoy's
 * `/config_dump`, or any istioctl `-o json` output) and optionally an endpoints file
 * (`/clusters?format=json`, `istioctl proxy-config endpoints POD -o json`, or EDS). Every problem
 * reading them is an InputError with a one-line message naming the file (exit 2).
 */
export interface ProxyConfigFiles {
  dump: string;
  endpoints?: string;
}

function describeFsError(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied: cannot read the file';
    case 'EISDIR':
      return 'is a directory; expected a JSON file';
    case 'ENOTDIR':
      return 'no such file (a parent in the path is not a directory)';
    case 'ERR_STRING_TOO_LONG':
      return 'is too large to read (over 512 MB of text); capture a single pod with `istioctl proxy-config all POD -o json`';
    default:
      return `cannot be read (${typeof code === 'string' ? code : error instanceof Error ? error.message : String(error)})`;
  }
}

const ALL_SECTIONS: ReadonlySet<SkippableSection> = new Set(SKIPPABLE_SECTIONS);

/**
 * Reads and parses one JSON file; InputError on a missing, unreadable, empty or malformed file.
 * A config dump is parsed section by section (`parseDumpSections`), and with `sections` its
 * large sections other than those are left unparsed; any other document, or one that does not
 * split, is parsed whole. The file's bytes come back beside the value (a large file's in shared
 * memory), for a command that prints the file as it is.
 */
export async function readJsonDocument(path: string, sections?: ReadonlySet<SkippableSection>): Promise<{ data: Json; bytes: Buffer }> {
  let text: string;
  let bytes: Buffer;
  // A file large enough for the scan worker starts it before the read: its start-up overlaps the read.
  let prepared: PreparedScanner | undefined;
  const onSize = (size: number): void => {
    if (size >= PARALLEL_MIN_BYTES) prepared = prepareScanner();
  };
  try {
    bytes = await readInputBytes(path, { directory: 'is a directory; expected a JSON file', shared: true, onSize });
    if (detectEncoding(bytes).encoding === 'utf8') {
      // Section by section even when all are read: the depth and key scan runs over bytes, and no
      // one string holds the whole dump (V8 stops below 512 MiB; a 20,000-service dump is 680 MB).
      const parsed = await parseDumpSections(path, bytes, sections ?? ALL_SECTIONS, prepared?.scanner ?? scanInParallel);
      if (parsed !== undefined) return { data: parsed, bytes };
    }
    text = decodeInput(path, bytes);
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(path, describeFsError(error));
  } finally {
    prepared?.dispose();
  }
  return { data: parseJsonDocument(path, text), bytes };
}

/** `readJsonDocument`'s value. */
export async function readJsonFile(path: string, sections?: ReadonlySet<SkippableSection>): Promise<Json> {
  return (await readJsonDocument(path, sections)).data;
}

/**
 * Loads one proxy's config from a dump file and an optional endpoints file. `sections` are the
 * large dump sections the caller reads (all when absent); the rest are marked unread
 * (`ProxyConfig.unread`). An endpoints file adds the EDS section.
 */
export async function readProxyConfig(paths: ProxyConfigFiles, sections?: readonly SkippableSection[]): Promise<ProxyConfig> {
  const needs = sections === undefined ? undefined : new Set(paths.endpoints === undefined ? sections : [...sections, 'endpoints' as const]);
  const docs = [{ name: paths.dump, data: await readJsonFile(paths.dump, needs) }];
  if (paths.endpoints !== undefined) docs.push({ name: paths.endpoints, data: await readJsonFile(paths.endpoints) });
  return loadProxyConfig(docs, paths.dump);
}
