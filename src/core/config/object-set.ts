import { type ConfigObject, type ConfigProblem, type ConfigSet, emptyConfigSet, namespaceOf, objectRef } from './objects.ts';
import type { ReadOptions } from './read-objects.ts';

/**
 * Putting sets of objects together: the kinds a cluster dump holds that meshscope does not read
 * (one line for all of them, not one problem per ReplicaSet), and the union of several sets where
 * the same object (kind, namespace, name) appears in more than one.
 */

/** `<kind>/<namespace>/<name>`: what the API server keys an object by (the namespace `kubectl apply` would give it). */
export function objectKey(object: ConfigObject): string {
  return `${object.kind}/${namespaceOf(object)}/${object.metadata.name}`;
}

/** Counts the kinds `ReadOptions.onUnknownKind` reports, for one note per source. */
export interface UnreadKinds extends Required<Pick<ReadOptions, 'onUnknownKind'>> {
  /** `file: not read: 12 ReplicaSet, 3 Job (kinds meshscope does not use)`, or undefined when none. */
  problem(file: string): ConfigProblem | undefined;
}

export function unreadKinds(): UnreadKinds {
  const counts = new Map<string, number>();
  return {
    onUnknownKind: (kind) => {
      counts.set(kind, (counts.get(kind) ?? 0) + 1);
    },
    problem(file) {
      if (counts.size === 0) return undefined;
      const list = [...counts]
        .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
        .map(([kind, n]) => `${n} ${kind}`)
        .join(', ');
      return { origin: { file, document: 1 }, severity: 'note', message: `${file}: not read: ${list} (kinds meshscope does not use)` };
    },
  };
}

/**
 * The union of `sets`, earliest first: an object whose key an earlier set already holds is left
 * out, with a note naming both origins. Problems are kept in order.
 */
export function mergeConfigSets(sets: readonly ConfigSet[]): ConfigSet {
  const out = emptyConfigSet();
  const seen = new Map<string, ConfigObject>();
  for (const set of sets) {
    for (const object of set.objects) {
      const key = objectKey(object);
      const first = seen.get(key);
      if (first === undefined) {
        seen.set(key, object);
        out.objects.push(object);
        continue;
      }
      if (first.origin.file === object.origin.file) continue;
      out.problems.push({
        origin: object.origin,
        severity: 'note',
        message: `${objectRef(object)} from ${object.origin.file} is not used: ${first.origin.file} gives it too, and wins`,
      });
    }
    out.problems.push(...set.problems);
  }
  return out;
}

/** `set` without a second copy of any object (a bug report lists Istio's pods twice); the first copy is kept. */
export function withoutDuplicates(set: ConfigSet): ConfigSet {
  const seen = new Set<string>();
  const objects = set.objects.filter((o) => {
    const key = objectKey(o);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return { objects, problems: set.problems };
}
