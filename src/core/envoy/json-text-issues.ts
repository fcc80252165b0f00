import type { Json } from './json.ts';
import { findDuplicateKeys, nonFinitePaths, parsedKeyCount } from './json-duplicates.ts';
import type { LoadIssue } from './types.ts';

/**
 * What JSON.parse hides about a text and the loader must still say: duplicate keys (the last
 * value silently wins) and numbers beyond a double's range (`1e400` becomes Infinity, which
 * JSON.stringify writes as `null`). Found at parse time (`parseJsonDocument`), kept with the
 * parsed document and reported by `loadProxyConfig`, so every path from text to model reports
 * them. The first `SHOWN` of each are listed with their JSON path, then a count.
 */
const SHOWN = 5;
const attached = new WeakMap<object, LoadIssue[]>();

/**
 * The issues of the text `value` was parsed from; `textKeys` is the text's key count (`scanJsonText`);
 * `base` is the path of the text in its document when it is a part of one (a dump's section);
 * `text` may be a function that makes it again, called only when the key counts differ.
 */
export function jsonTextIssues(
  name: string,
  text: string | (() => string),
  value: Json,
  textKeys: number,
  base: readonly (string | number)[] = [],
): LoadIssue[] {
  const parsed = parsedKeyCount(value);
  const out: LoadIssue[] = [];
  if (parsed.keys !== textKeys) {
    const { found, total } = findDuplicateKeys(typeof text === 'string' ? text : text(), SHOWN, base);
    for (const { path, key } of found)
      out.push({
        severity: 'warning',
        code: 'bad-value',
        kind: 'duplicate-key',
        message: `${name}: key ${JSON.stringify(key)} appears twice in one object at ${path}; the last value is read, but istioctl (Go's protojson) refuses such a document ("duplicate field") and the proxy may hold either`,
        where: path,
      });
    if (total > found.length)
      out.push({
        severity: 'warning',
        code: 'bad-value',
        kind: 'duplicate-key',
        message: `${name}: ${total - found.length} more duplicate keys (${total} in all); the last value of each is read`,
        where: found[0]?.path ?? '$',
      });
  }
  if (parsed.nonFinite > 0) {
    const paths = nonFinitePaths(value, SHOWN, base);
    for (const path of paths)
      out.push({
        severity: 'warning',
        code: 'bad-value',
        message: `${name}: the number at ${path} is beyond a double's range (JSON.parse reads it as Infinity); Envoy's parser refuses it for the integer fields of its API`,
        where: path,
      });
    if (parsed.nonFinite > paths.length)
      out.push({
        severity: 'warning',
        code: 'bad-value',
        message: `${name}: ${parsed.nonFinite - paths.length} more numbers beyond a double's range`,
        where: paths[0] ?? '$',
      });
  }
  return out;
}

/** Keeps `issues` with a parsed document (an object or array), for `textIssuesOf`. */
export function attachTextIssues(value: Json, issues: LoadIssue[]): void {
  if (issues.length > 0 && typeof value === 'object' && value !== null) attached.set(value, issues);
}

/** The issues `parseJsonDocument` found in the text `value` came from. */
export function textIssuesOf(value: Json): readonly LoadIssue[] {
  return (typeof value === 'object' && value !== null && attached.get(value)) || [];
}
