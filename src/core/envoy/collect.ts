import { isObject, type JsonObject } from './json.ts';

/**
 * Builds model lists with exactly the length they need. A list grown by `push` keeps a backing
 * store of at least 17 slots: on a 10k-service dump, with hundreds of thousands of tiny lists
 * (thresholds, localities, endpoints), that spare capacity would outweigh the model itself.
 * Empty lists are one shared frozen array.
 */
const EMPTY: never[] = Object.freeze([]) as unknown as never[];

/** `fn` over the items of `value` that are objects (non-objects are skipped), as an exact-size array. */
export function mapObjects<T>(value: unknown, fn: (item: JsonObject, index: number) => T): T[] {
  if (!Array.isArray(value) || value.length === 0) return EMPTY;
  for (let i = 0; i < value.length; i++) if (!isObject(value[i])) return mapObjects(value.filter(isObject), fn);
  return (value as JsonObject[]).map(fn);
}

/**
 * Calls `fn` on each item of `value` that is an object, in order. Indexed: a for-of loop
 * allocates an iterator result per item until the loader's code is optimized, and a whole-dump
 * load runs much of its code only a few times.
 */
export function forEachObject(value: unknown, fn: (item: JsonObject) => void): void {
  if (!Array.isArray(value)) return;
  for (let i = 0; i < value.length; i++) {
    const item = value[i];
    if (isObject(item)) fn(item);
  }
}

/** The shared empty list. */
export function emptyList<T>(): T[] {
  return EMPTY;
}
