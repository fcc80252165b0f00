import type { Json } from '../core/envoy/json.ts';
import { loadProxyConfig } from '../core/envoy/load.ts';
import { parseJsonDocument } from '../core/envoy/parse-json.ts';
import type { ProxyConfig } from '../core/envoy/types.ts';
import { InputError } from '../core/errors.ts';
import { readInputText } from './input-file.ts';

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

/** Reads and parses one JSON file; InputError on a missing, unreadable, empty or malformed file. */
export async function readJsonFile(path: string): Promise<Json> {
  let text: string;
  try {
    text = await readInputText(path, { directory: 'is a directory; expected a JSON file' });
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(path, describeFsError(error));
  }
  return parseJsonDocument(path, text);
}

/** Loads one proxy's config from a dump file and an optional endpoints file. */
export async function readProxyConfig(paths: ProxyConfigFiles): Promise<ProxyConfig> {
  const docs = [{ name: paths.dump, data: await readJsonFile(paths.dump) }];
  if (paths.endpoints !== undefined) docs.push({ name: paths.endpoints, data: await readJsonFile(paths.endpoints) });
  return loadProxyConfig(docs, paths.dump);
}
