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
  let depth = 0;
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
      if (end === -1) return -1;
      i = end;
    } else if (c === 123 || c === 91) {
      if (++depth > limit) return i;
    } else if (c === 125 || c === 93) depth--;
  }
  return -1;
}

/** `$.configs[3].dynamic_listeners[0]`: a JSONPath to where a walk stands. */
function pathText(path: (string | number)[]): string {
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
export function depthOverflowPath(value: Json, limit = MAX_JSON_DEPTH): string | undefined {
  const stack: { value: Json; path: (string | number)[] }[] = [{ value, path: [] }];
  while (stack.length > 0) {
    const top = stack.pop()!;
    if (typeof top.value !== 'object' || top.value === null) continue;
    if (top.path.length >= limit) return pathText(top.path);
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

/** Refuses `value` (parsed from `text`) when it nests deeper than the limit; a cheap scan of the text first. */
export function checkJsonDepth(name: string, _text: string, value: Json, limit = MAX_JSON_DEPTH): void {
  if (!deeperThan(value, limit)) return;
  throw tooDeepError(name, depthOverflowPath(value, limit), limit);
}

/**
 * True when a parsed value nests containers deeper than `limit`: one pass with an explicit stack
 * and no allocation per node beyond the stack (JSON.parse itself is not recursive in V8, Bun's
 * JSC or Deno, so any depth parses; a walk over the parsed tree is cheaper than a scan of the
 * text: about a fifth of JSON.parse's time on the benchmark dumps, where the text scan took two fifths).
 */
export function deeperThan(root: Json, limit = MAX_JSON_DEPTH): boolean {
  const values: Json[] = [root];
  const depths: number[] = [0];
  while (values.length > 0) {
    const value = values.pop()!;
    const depth = depths.pop()!;
    if (typeof value !== 'object' || value === null) continue;
    if (depth >= limit) return true;
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        const child = value[i]!;
        if (typeof child === 'object' && child !== null) {
          values.push(child);
          depths.push(depth + 1);
        }
      }
    } else {
      for (const key in value) {
        const child = value[key]!;
        if (typeof child === 'object' && child !== null) {
          values.push(child);
          depths.push(depth + 1);
        }
      }
    }
  }
  return false;
}
