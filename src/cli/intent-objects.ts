import type { ConfigSet } from '../core/config/objects.ts';
import { sanitizeLine } from '../core/text/sanitize.ts';
import type { SnapshotSource } from '../sources/snapshot-source.ts';
import type { CliIo } from './io.ts';
import { liveSourceOptionsFrom } from './live-flags.ts';

/**
 * `--config PATH` (repeatable): Istio, Gateway API and Kubernetes objects from YAML/JSON files or
 * folders; `--intent`: for a live proxy, read the cluster's objects through kubectl.
 */
export const configOptions = { config: { type: 'string', multiple: true }, intent: { type: 'boolean' } } as const;

/** Where a command's proxy came from, for the objects that go with it. */
export interface ObjectsContext {
  /** The snapshot or bug report the proxy was read from: the objects it recorded. */
  snapshot?: SnapshotSource;
  /** The proxy is live: `--intent` (or `always`) reads the cluster's objects with kubectl. */
  live?: boolean;
  /** Read the cluster's objects for a live proxy even without `--intent` (the intent command). */
  always?: boolean;
}

/**
 * The objects a command reconciles with the proxy, or `undefined` when none were asked for and
 * none came with the input: `--config` first, then what a snapshot recorded, then (live, with
 * `--intent`) the cluster's. Each document that was not used is one line on stderr (file, document,
 * why); documents without a namespace are counted in one line. The rest of the objects are used.
 */
export async function loadObjectsForCommand(values: Record<string, unknown>, io: CliIo, from: ObjectsContext = {}): Promise<ConfigSet | undefined> {
  const configPaths = (values.config as string[] | undefined) ?? [];
  const snapshotObjects = from.snapshot ? await from.snapshot.rawObjects() : undefined;
  const wantLive = from.live === true && (values.intent === true || (from.always === true && configPaths.length === 0));
  if (configPaths.length === 0 && snapshotObjects === undefined && !wantLive) return undefined;
  const live = liveSourceOptionsFrom(values, io);
  // Loaded when objects are asked for: reading them needs the YAML parser, which nothing else does.
  const { readIntentObjects } = await import('../sources/intent-objects.ts');
  const set = await readIntentObjects({
    configPaths,
    snapshotObjects,
    live: wantLive ? { context: live.context, kubeconfig: live.kubeconfig, env: io.env, cwd: io.cwd, timeoutMs: live.timeoutMs } : undefined,
  });
  writeObjectProblems(set, io);
  return set;
}

export function writeObjectProblems(set: ConfigSet, io: CliIo): void {
  for (const p of set.problems) if (p.severity === 'skipped') io.stderr.write(`meshscope: ${sanitizeLine(p.message)}\n`);
  const notes = set.problems.filter((p) => p.severity === 'note');
  if (notes.length === 1) io.stderr.write(`meshscope: ${sanitizeLine(notes[0]!.message)}\n`);
  else if (notes.length > 1) io.stderr.write(`meshscope: ${notes.length} notes on the objects (first: ${sanitizeLine(notes[0]!.message)})\n`);
}
