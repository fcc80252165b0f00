import type { ConfigSet } from '../core/config/objects.ts';
import { sanitizeLine } from '../core/text/sanitize.ts';
import { readConfigPaths } from '../sources/config-files.ts';
import type { CliIo } from './io.ts';

/** `--config PATH` (repeatable): Istio, Gateway API and Kubernetes objects from YAML/JSON files or folders. */
export const configOptions = { config: { type: 'string', multiple: true } } as const;

/**
 * The objects a command reconciles with the proxy, or `undefined` when none were asked for.
 * Each document that was not used is one line on stderr (file, document, why); documents without
 * a namespace are counted in one line. The rest of the objects are still used.
 */
export async function loadObjectsForCommand(values: Record<string, unknown>, io: CliIo): Promise<ConfigSet | undefined> {
  const paths = (values.config as string[] | undefined) ?? [];
  if (paths.length === 0) return undefined;
  const set = await readConfigPaths(paths);
  writeObjectProblems(set, io);
  return set;
}

export function writeObjectProblems(set: ConfigSet, io: CliIo): void {
  for (const p of set.problems) if (p.severity === 'skipped') io.stderr.write(`meshscope: ${sanitizeLine(p.message)}\n`);
  const notes = set.problems.filter((p) => p.severity === 'note');
  if (notes.length === 1) io.stderr.write(`meshscope: ${sanitizeLine(notes[0]!.message)}\n`);
  else if (notes.length > 1)
    io.stderr.write(`meshscope: ${notes.length} objects have no metadata.namespace; read as namespace "default" (first: ${sanitizeLine(notes[0]!.message)})\n`);
}
