import type { Rng } from './prng.ts';

/**
 * A place in a parsed JSON document (parent container and key), found by an iterative walk (no
 * recursion, so a deep document cannot overflow the stack), and a serializer that can write what
 * JSON.stringify cannot: raw text such as `1e400` or 100,000 nested brackets, and duplicate keys.
 */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
export type Container = JsonValue[] | { [key: string]: JsonValue };
export interface Slot {
  parent: Container;
  key: string | number;
}

const isContainer = (v: JsonValue): v is Container => typeof v === 'object' && v !== null;

/** A random slot (uniform over the first `limit` nodes seen), optionally only where `accept` holds. */
export function randomSlot(root: JsonValue, rng: Rng, accept: (value: JsonValue, slot: Slot) => boolean = () => true, limit = 50_000): Slot | undefined {
  let chosen: Slot | undefined;
  let seen = 0;
  const stack: JsonValue[] = [root];
  while (stack.length > 0 && seen < limit) {
    const node = stack.pop()!;
    if (!isContainer(node)) continue;
    const keys: (string | number)[] = Array.isArray(node) ? node.map((_, i) => i) : Object.keys(node);
    for (const key of keys) {
      const value = (node as Record<string | number, JsonValue>)[key]!;
      const slot = { parent: node, key };
      if (accept(value, slot)) {
        seen++;
        if (rng.int(seen) === 0) chosen = slot; // reservoir sampling
      }
      if (isContainer(value)) stack.push(value);
    }
  }
  return chosen;
}

export const slotValue = (slot: Slot): JsonValue => (slot.parent as Record<string | number, JsonValue>)[slot.key]!;

export function setSlot(slot: Slot, value: JsonValue): void {
  (slot.parent as Record<string | number, JsonValue>)[slot.key] = value;
}

/** Placeholders replaced after JSON.stringify: raw JSON text, and keys to write under another name. */
export class RawText {
  private readonly raw = new Map<string, string>();
  private readonly keys = new Map<string, string>();

  /** A string to put in the tree that is written as `text` verbatim. */
  value(text: string): string {
    const marker = `__FUZZ_RAW_${this.raw.size}__`;
    this.raw.set(marker, text);
    return marker;
  }

  /** A key to add to an object that is written as `name` (a duplicate of an existing key). */
  key(name: string): string {
    const marker = `__FUZZ_KEY_${this.keys.size}__`;
    this.keys.set(marker, name);
    return marker;
  }

  /** The document as text; `compact` on one line (an access-log line). */
  stringify(root: JsonValue, compact = false): string {
    let text = compact ? JSON.stringify(root) : JSON.stringify(root, null, 1);
    for (const [marker, raw] of this.raw) text = text.split(JSON.stringify(marker)).join(raw);
    for (const [marker, name] of this.keys) text = text.split(`${JSON.stringify(marker)}:`).join(`${JSON.stringify(name)}:`);
    return text;
  }
}
