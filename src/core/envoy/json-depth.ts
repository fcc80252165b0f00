import { InputError } from '../errors.ts';
import type { Json } from './json.ts';

/**
 * The nesting limit of every JSON document meshscope reads. Envoy parses its JSON config with
 * protobuf's JSON parser, which stops at 100 levels (`ParseOptions::kDefaultDepth = 100` in
 * protobuf's src/google/protobuf/json/internal/lexer.h: "JSON content was too deeply nested";
 * `LexerTest.ArrayRecursion` / `ObjectRecursion` accept 100 nested arrays or objects and refuse
 * 101). Go's protojson, which istioctl uses, allows 10,000 nested messages
 * (`protowire.DefaultRecursionLimit`), far beyond anything Envoy itself would accept. The real
 * dumps in ../shared/conformance nest at most 35 levels.
 *
 * Checking once at parse bounds every walk over input by this limit, so a recursive walk over
 * a parsed document (the spelling converter, the JSON sorter, the redactor) can never overflow
 * the call stack.
 */
export const MAX_JSON_DEPTH = 100;

/**
 * The deepest nesting of a JSON text, counted as protobuf's lexer does (each `{` or `[` one
 * level), stopping at the first character past `limit`. Strings are skipped; the text need not
 * be valid JSON (the syntax is checked by the parser). Returns the index past the limit, or -1.
 */
export function depthOverflowAt(text: string, limit = MAX_JSON_DEPTH): number {
  return scanJsonText(text, limit).overflowAt;
}

/**
 * `depthOverflowAt`, and in the same pass the number of object keys in the text (each `:`
 * outside a string ends one), which `json-duplicates.ts` compares with the parsed value's to
 * find duplicate keys at no extra pass over the text. `keys` is only complete when `overflowAt` is -1.
 */
export function scanJsonText(text: string, limit = MAX_JSON_DEPTH): { overflowAt: number; keys: number } {
  let depth = 0;
  let keys = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) {
      // Jump to the closing quote: the next `"` not escaped by an odd run of backslashes.
      let end = text.indexOf('"', i + 1);
      while (end !== -1) {
        let slashes = 0;
        for (let j = end - 1; j > i && text.charCodeAt(j) === 92; j--) slashes++;
        if (slashes % 2 === 0) break;
        end = text.indexOf('"', end + 1);
      }
      if (end === -1) return { overflowAt: -1, keys };
      i = end;
    } else if (c === 58) keys++;
    else if (c === 123 || c === 91) {
      if (++depth > limit) return { overflowAt: i, keys };
    } else if (c === 125 || c === 93) depth--;
  }
  return { overflowAt: -1, keys };
}

/**
 * `scanJsonText` over UTF-8 bytes `[start, end)`, with the same answer as over their decoded text:
 * every byte the scan looks at (`"`, `\\`, `:`, brackets) is ASCII, and no byte of a multi-byte
 * UTF-8 sequence is below 0x80. About a third faster than over the text (typed-array reads and
 * `indexOf` on bytes), and it needs no decoded text.
 */
export function scanJsonBytes(bytes: Uint8Array, start: number, end: number, limit = MAX_JSON_DEPTH): { overflowAt: number; keys: number } {
  let depth = 0;
  let keys = 0;
  for (let i = start; i < end; i++) {
    const c = bytes[i]!;
    if (c === 34) {
      let close = bytes.indexOf(34, i + 1);
      while (close !== -1 && close < end) {
        let slashes = 0;
        for (let j = close - 1; j > i && bytes[j] === 92; j--) slashes++;
        if ((slashes & 1) === 0) break;
        close = bytes.indexOf(34, close + 1);
      }
      if (close === -1 || close >= end) return { overflowAt: -1, keys };
      i = close;
    } else if (c === 58) keys++;
    else if (c === 123 || c === 91) {
      if (++depth > limit) return { overflowAt: i - start, keys };
    } else if (c === 125 || c === 93) depth--;
  }
  return { overflowAt: -1, keys };
}

/** `$.configs[3].dynamic_listeners[0]`: a JSONPath to where a walk stands. */
export function pathText(path: (string | number)[]): string {
  const shown = path.length > 12 ? [...path.slice(0, 8), '…', ...path.slice(-3)] : path;
  let out = '$';
  for (const part of shown)
    out +=
      part === '…'
        ? '…'
        : typeof part === 'number'
          ? `[${part}]`
          : /^[A-Za-z_@][\w@-]{0,63}$/.test(part)
            ? `.${part}`
            : `[${JSON.stringify(part.slice(0, 64))}]`;
  return out;
}

/**
 * The JSON path of the first container nested deeper than `limit` in a parsed value, found
 * without recursion (the value may be nested far deeper than the call stack allows); undefined
 * when there is none.
 */
export function depthOverflowPath(value: Json, limit = MAX_JSON_DEPTH, base: readonly (string | number)[] = []): string | undefined {
  const stack: { value: Json; path: (string | number)[] }[] = [{ value, path: [...base] }];
  while (stack.length > 0) {
    const top = stack.pop()!;
    if (typeof top.value !== 'object' || top.value === null) continue;
    if (top.path.length - base.length >= limit) return pathText(top.path);
    const entries: [string | number, Json][] = Array.isArray(top.value) ? top.value.map((v, i) => [i, v]) : Object.entries(top.value);
    for (let i = entries.length - 1; i >= 0; i--) {
      const [key, child] = entries[i]!;
      if (typeof child === 'object' && child !== null) stack.push({ value: child, path: [...top.path, key] });
    }
  }
  return undefined;
}

/** The one-line refusal of a document nested deeper than the limit. */
export function tooDeepError(name: string, path: string | undefined, limit = MAX_JSON_DEPTH): InputError {
  const where = path === undefined ? '' : ` at ${path} (level ${limit + 1})`;
  return new InputError(name, `is nested deeper than ${limit} levels${where}; Envoy's JSON parser (protobuf) stops at ${limit}`);
}

/**
 * Refuses `value` (parsed from `text`) when it nests deeper than the limit; a cheap scan of the
 * text first. Returns the text's key count (see `scanJsonText`).
 */
export function checkJsonDepth(name: string, text: string, value: Json, limit = MAX_JSON_DEPTH): number {
  return checkScannedDepth(name, scanJsonText(text, limit), value, limit, [], () => scanJsonText(text, Number.POSITIVE_INFINITY).keys);
}

/**
 * `checkJsonDepth` given the scan (`scanJsonText` or `scanJsonBytes` at `limit - base.length`);
 * `allKeys` rescans without a limit. A text that is a part of a larger document (a dump's
 * section) passes the path to it, `base`, and the levels above it count.
 */
export function checkScannedDepth(
  name: string,
  scan: { overflowAt: number; keys: number },
  value: Json,
  limit: number,
  base: readonly (string | number)[],
  allKeys: () => number,
): number {
  if (scan.overflowAt === -1) return scan.keys;
  const path = depthOverflowPath(value, limit - base.length, base);
  if (path !== undefined) throw tooDeepError(name, path, limit);
  return allKeys();
}
