import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { type ConfigSet, emptyConfigSet } from '../core/config/objects.ts';
import { parseConfigText } from '../core/config/read-objects.ts';
import { InputError } from '../core/errors.ts';
import { inputKind } from './input-file.ts';
import { readTextFile } from './text-file.ts';

/**
 * `--config PATH` (repeatable): Istio, Gateway API and Kubernetes objects from YAML/JSON files and
 * folders — a GitOps tree, `kubectl get … -o yaml` output, List objects, multi-document YAML. A
 * folder is walked depth-first in name order for `*.yaml`, `*.yml` and `*.json` (dot-folders and
 * dot-files skipped, symlinked folders not followed), so the objects' order is stable. A missing
 * path is an InputError (exit 2); bad documents inside a file are problems in the set, not errors.
 */
const CONFIG_FILE = /\.(ya?ml|json)$/i;
/** A bound on a walk into a huge tree (a whole repository given by mistake). */
const MAX_FILES = 20_000;

async function walk(dir: string, out: string[]): Promise<void> {
  let entries: import('node:fs').Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    throw new InputError(dir, `cannot list the folder (${String((error as { code?: unknown }).code ?? error)})`);
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) await walk(path, out);
    else if (entry.isFile() && CONFIG_FILE.test(entry.name)) out.push(path);
    if (out.length > MAX_FILES) throw new InputError(dir, `holds more than ${MAX_FILES} YAML/JSON files; give the folder of the Istio objects`);
  }
}

/** The files a `--config` path stands for. */
export async function configFiles(path: string): Promise<string[]> {
  let kind: 'file' | 'directory';
  try {
    kind = await inputKind(path);
  } catch (error) {
    if (error instanceof InputError) throw error;
    const code = (error as { code?: unknown }).code;
    throw new InputError(
      path,
      code === 'ENOENT' ? 'no such file or folder (--config takes YAML/JSON files or folders of them)' : `cannot be read (${String(code ?? error)})`,
    );
  }
  if (kind === 'file') return [path];
  const out: string[] = [];
  await walk(path, out);
  if (out.length === 0) throw new InputError(path, 'holds no .yaml, .yml or .json file');
  return out;
}

/** Every object of the given paths, in order; `onFile` reports progress. */
export async function readConfigPaths(paths: readonly string[], onFile?: (file: string, index: number, total: number) => void): Promise<ConfigSet> {
  const files: string[] = [];
  for (const p of paths) files.push(...(await configFiles(p)));
  const set = emptyConfigSet();
  for (const [i, file] of files.entries()) {
    onFile?.(file, i, files.length);
    parseConfigText(file, await readTextFile(file), set);
  }
  return set;
}
