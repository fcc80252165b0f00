import { detectSecret, SCAN_MIN_LENGTH } from '../text/secret-text.ts';
import { isObject, type Json, type JsonObject } from './json.ts';
import { type PathNode, pathOf, type Redaction, type RedactionKind, redactionMarker } from './redaction.ts';

/**
 * Redaction by content: every string of a document that is or holds secret material
 * (`detectSecret`) is replaced by `[redacted: KIND]`, in place, and recorded with its path.
 * Beyond single strings:
 *
 * - a JWK object (`kty` and a private member, RFC 7517 §4, RFC 7518 §6) loses its private members;
 * - an `envoy.config.core.v3.HeaderValue` (`key`, `value` / `raw_value`: the entries of a route's
 *   `request_headers_to_add`, a GrpcService's `initial_metadata`) named `authorization` or
 *   `proxy-authorization` loses its value whatever it is (RFC 9110 §11.6.2, §11.7.2), and so does a
 *   string field of that name (a Struct, a header map);
 * - a key that is itself a secret is renamed to the marker (recorded under its new name).
 *
 * The walk is iterative (no recursion on nesting depth) and builds a path only for what it records.
 */
const AUTH_HEADERS = new Set(['authorization', 'proxy-authorization']);
const JWK_PRIVATE = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k'];

interface Frame {
  value: JsonObject | Json[];
  node: PathNode | undefined;
}

function redactJwk(obj: JsonObject, node: PathNode | undefined, base: string, out: Redaction[]): void {
  if (typeof obj.kty !== 'string') return;
  for (const member of JWK_PRIVATE) {
    if (obj[member] === undefined) continue;
    obj[member] = redactionMarker('jwk-private-key');
    out.push({ kind: 'jwk-private-key', path: pathOf({ parent: node, key: member }, base) });
  }
}

function redactAuthHeader(obj: JsonObject, node: PathNode | undefined, base: string, out: Redaction[]): void {
  if (typeof obj.key !== 'string' || !AUTH_HEADERS.has(obj.key.toLowerCase())) return;
  for (const field of ['value', 'raw_value', 'rawValue']) {
    const value = obj[field];
    if (typeof value !== 'string' || value === '' || value.startsWith('[redacted')) continue;
    obj[field] = redactionMarker('authorization-header');
    out.push({ kind: 'authorization-header', path: pathOf({ parent: node, key: field }, base) });
  }
}

/** `[redacted: KIND]`: a value an earlier pass (the loader, a bug-report import) replaced. */
const MARKER = /^\[redacted: ([a-z0-9-]+)\]$/;

/** The kind of secret a string value is, if any; `name` is its field name. */
function secretOf(value: string, name: string | undefined): RedactionKind | undefined {
  if (value === '' || value.startsWith('[redacted')) return undefined;
  const found = value.length >= SCAN_MIN_LENGTH ? detectSecret(value) : undefined;
  if (found) return found;
  return name !== undefined && name.length <= 19 && AUTH_HEADERS.has(name.toLowerCase()) ? 'authorization-header' : undefined;
}

/** A key that is itself a secret (a map keyed by token) is renamed to the marker: a path never carries a secret. */
function redactKeys(obj: JsonObject, node: PathNode | undefined, base: string, out: Redaction[]): void {
  let long = false;
  for (const key in obj) if (key.length >= SCAN_MIN_LENGTH) long = true;
  if (!long) return;
  for (const key of Object.keys(obj)) {
    const kind = key.length >= SCAN_MIN_LENGTH && !key.startsWith('[redacted') ? detectSecret(key) : undefined;
    if (!kind) continue;
    let renamed = redactionMarker(kind);
    for (let n = 2; renamed in obj; n++) renamed = `${redactionMarker(kind)} ${n}`;
    obj[renamed] = obj[key]!;
    delete obj[key];
    out.push({ kind, path: pathOf({ parent: node, key: renamed }, base) });
  }
}

/**
 * Redacts `root` in place; `base` prefixes the recorded paths. Returns what was removed; with
 * `recordMarkers`, also the markers an earlier pass left (a snapshot lists everything removed).
 */
export function redactContent(root: Json, base = '', out: Redaction[] = [], recordMarkers = false): Redaction[] {
  if (!Array.isArray(root) && !isObject(root)) return out;
  const secret = (value: string, name: string | undefined): RedactionKind | undefined => {
    const kind = secretOf(value, name);
    if (kind || !recordMarkers || value.length > 40) return kind;
    return MARKER.exec(value)?.[1] as RedactionKind | undefined;
  };
  const replace = (value: string, kind: RedactionKind): string => (value.startsWith('[redacted') ? value : redactionMarker(kind));
  const stack: Frame[] = [{ value: root, node: undefined }];
  while (stack.length > 0) {
    const { value, node } = stack.pop()!;
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        const item = value[i]!;
        if (typeof item === 'string') {
          const kind = secret(item, undefined);
          if (!kind) continue;
          value[i] = replace(item, kind);
          out.push({ kind, path: pathOf({ parent: node, key: i }, base) });
        } else if (typeof item === 'object' && item !== null) stack.push({ value: item, node: { parent: node, key: i } });
      }
      continue;
    }
    redactJwk(value, node, base, out);
    redactAuthHeader(value, node, base, out);
    redactKeys(value, node, base, out);
    for (const key in value) {
      const child = value[key]!;
      if (typeof child === 'string') {
        const kind = secret(child, key);
        if (!kind) continue;
        value[key] = replace(child, kind);
        out.push({ kind, path: pathOf({ parent: node, key }, base) });
      } else if (typeof child === 'object' && child !== null) stack.push({ value: child, node: { parent: node, key } });
    }
  }
  return out;
}
