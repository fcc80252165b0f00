import process from 'node:process';
import { mergeConfigSets } from '../core/config/object-set.ts';
import type { ConfigSet } from '../core/config/objects.ts';
import { readConfigPaths } from './config-files.ts';

/** Where the live objects come from: kubectl on `env.PATH` (default: this process's), with the kube context. */
export interface LiveIntentOptions {
  context?: string;
  kubeconfig?: string;
  signal?: AbortSignal;
  env?: Record<string, string | undefined>;
  cwd?: string;
  timeoutMs?: number;
}

export interface IntentObjectsOptions {
  /** `--config PATH…`: files and folders of YAML/JSON objects. */
  configPaths: readonly string[];
  /** The objects a snapshot or a bug report recorded (`Snapshot.objects`). */
  snapshotObjects?: ConfigSet;
  /** Read the cluster's objects through kubectl. */
  live?: LiveIntentOptions;
}

/**
 * The Istio, Gateway API and Kubernetes objects behind an answer (the "inputs of intent"), from
 * whatever is given, merged. When the same object (kind, namespace, name) comes from more than
 * one, the first in this order wins and the others are noted in the set's problems:
 *
 * 1. `configPaths` — what the user names is what they mean (a change not applied yet, a GitOps tree);
 * 2. `snapshotObjects` — what the cluster held when the snapshot was taken;
 * 3. `live` — what the cluster holds now.
 *
 * Unreadable files are InputErrors (exit 2), a failing kubectl a KubectlError (exit 3); bad
 * documents and missing resource types are problems in the set.
 */
export async function readIntentObjects(opts: IntentObjectsOptions): Promise<ConfigSet> {
  const sets: ConfigSet[] = [];
  if (opts.configPaths.length > 0) sets.push(await readConfigPaths(opts.configPaths));
  if (opts.snapshotObjects !== undefined) sets.push(opts.snapshotObjects);
  if (opts.live !== undefined) {
    const { env = process.env, cwd = process.cwd(), ...live } = opts.live;
    // kubectl is reached through execa: loaded only when the cluster's objects are asked for.
    const { readLiveObjects } = await import('./kubectl/live-objects.ts');
    sets.push(await readLiveObjects({ env, cwd, ...live }));
  }
  return mergeConfigSets(sets);
}
