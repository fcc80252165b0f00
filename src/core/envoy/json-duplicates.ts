import type { Json } from './json.ts';
import { pathText } from './json-depth.ts';

/**
 * Duplicate keys in a JSON text. JSON.parse keeps the last value of a repeated key without a
 * word; Go's protojson, which istioctl uses, refuses the document (`duplicate field "…"`,
 * encoding/protojson/decode.go, test "duplicate field names" in decode_test.go), and protobuf's
 * conformance suite expects a parse failure (`JsonInput.FieldNameDuplicate`,
 * conformance/binary_json_conformance_suite.cc). Finding them costs one pass over the parsed
 * value (`parsedKeyCount`) compared with the key count of the text scan that also checks the
 * depth (`scanJsonText`); only when the counts differ does the slower scan below name them.
 */
export interface DuplicateKey {
  path: string;
  key: string;
}

interface Frame {
  path: (string | number)[];
  /** The keys seen so far, for an object; undefined for an array. */
  keys?: Set<string>;
  key: string;
  index: number;
}

function childPath(top: Frame | undefined, base: readonly (string | number)[]): (string | number)[] {
  if (!top) return [...base];
  return [...top.path, top.keys ? top.key : top.index];
}

/** The string token starting at `start` (a `"`): its end index and decoded text. */
function readString(text: string, start: number): { end: number; value: string } {
  let i = start + 1;
  let escaped = false;
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 92) {
      escaped = true;
      i++;
    } else if (c === 34) break;
  }
  const raw = text.slice(start, i + 1);
  return { end: i, value: escaped ? (JSON.parse(raw) as string) : raw.slice(1, -1) };
}

/**
 * Every repeated key of every object in a (valid) JSON text, in text order (paths under `base`,
 * where the text sits in a larger document): the first `max` with
 * their JSON paths, and how many there are in all. One linear pass; strings with escapes are
 * decoded so `"a"` and `"\u0061"` are the same key, as JSON.parse reads them.
 */
export function findDuplicateKeys(text: string, max = 5, base: readonly (string | number)[] = []): { found: DuplicateKey[]; total: number } {
  const frames: Frame[] = [];
  const found: DuplicateKey[] = [];
  let total = 0;
  let last = '';
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) {
      const s = readString(text, i);
      last = s.value;
      i = s.end;
    } else if (c === 58) {
      const top = frames[frames.length - 1];
      if (!top?.keys) continue;
      if (top.keys.has(last)) {
        total++;
        if (found.length < max) found.push({ path: pathText([...top.path, last]), key: last });
      } else top.keys.add(last);
      top.key = last;
    } else if (c === 123 || c === 91) {
      frames.push({ path: childPath(frames[frames.length - 1], base), keys: c === 123 ? new Set() : undefined, key: '', index: 0 });
    } else if (c === 44) {
      const top = frames[frames.length - 1];
      if (top && !top.keys) top.index++;
    } else if (c === 125 || c === 93) frames.pop();
  }
  return { found, total };
}

/** The number of object keys in a parsed value, and of numbers that are not finite (`1e400` is Infinity), without recursion. */
export function parsedKeyCount(value: Json): { keys: number; nonFinite: number } {
  let keys = 0;
  let nonFinite = 0;
  const stack: Json[] = [value];
  while (stack.length > 0) {
    const item = stack.pop()!;
    if (Array.isArray(item)) {
      for (let i = 0; i < item.length; i++) {
        const child = item[i]!;
        if (typeof child === 'object' && child !== null) stack.push(child);
        else if (typeof child === 'number' && !Number.isFinite(child)) nonFinite++;
      }
      continue;
    }
    if (typeof item !== 'object' || item === null) {
      if (typeof item === 'number' && !Number.isFinite(item)) nonFinite++;
      continue;
    }
    for (const key in item) {
      keys++;
      const child = item[key]!;
      if (typeof child === 'object' && child !== null) stack.push(child);
      else if (typeof child === 'number' && !Number.isFinite(child)) nonFinite++;
    }
  }
  return { keys, nonFinite };
}

/** The JSON paths of the first `max` numbers that are not finite, in document order. */
export function nonFinitePaths(value: Json, max = 5, base: readonly (string | number)[] = []): string[] {
  const out: string[] = [];
  const stack: { value: Json; path: (string | number)[] }[] = [{ value, path: [...base] }];
  while (stack.length > 0 && out.length < max) {
    const top = stack.pop()!;
    const v = top.value;
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) out.push(pathText(top.path));
      continue;
    }
    if (typeof v !== 'object' || v === null) continue;
    const entries: [string | number, Json][] = Array.isArray(v) ? v.map((x, i) => [i, x]) : Object.entries(v);
    for (let i = entries.length - 1; i >= 0; i--) stack.push({ value: entries[i]![1], path: [...top.path, entries[i]![0]] });
  }
  return out;
}
