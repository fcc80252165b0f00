import { parseAllDocuments } from 'yaml';
import { asObject, asString, isObject, type Json, type JsonObject } from '../envoy/json.ts';
import { MAX_JSON_DEPTH } from '../envoy/json-depth.ts';
import { sanitizeLine } from '../text/sanitize.ts';
import { yamlDepthOverflows } from '../text/yaml-depth.ts';
import { KNOWN_KINDS, type ObjectKind } from './kinds.ts';
import { CLUSTER_SCOPED, type ConfigSet, describeOrigin, emptyConfigSet, type ObjectOrigin } from './objects.ts';

/**
 * Istio, Gateway API and Kubernetes objects (`objects.ts`) read from YAML or JSON text: one file of several
 * documents (`---`), `kind: List` (what `kubectl get … -o yaml` prints for more than one object),
 * or a JSON object or array. Each document is read on its own: a document that is not a
 * Kubernetes object, an unknown kind or a bad field is one problem naming the file and the
 * document, and the rest of the file is still used.
 *
 * Kept out on reading: `metadata.managedFields`, the `kubectl.kubernetes.io/last-applied-configuration`
 * annotation (a second copy of the object, possibly an older one) and every Secret's payload
 * (`data`, `stringData`: a Secret is kept as its name, namespace, type and key names only; in
 * `raw` its `data` maps each key to `SECRET_VALUE_REMOVED`).
 */

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';
/** What a Secret's values read as in `raw` (the payload is never kept). */
export const SECRET_VALUE_REMOVED = '[removed: Secret payload]';

function stringMap(value: Json | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  const object = asObject(value);
  if (object === undefined) return out;
  for (const [key, v] of Object.entries(object)) {
    if (typeof v === 'string') out[key] = v;
    else if (typeof v === 'number' || typeof v === 'boolean') out[key] = String(v);
  }
  return out;
}

function groupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash === -1 ? '' : apiVersion.slice(0, slash);
}

/** How a reader treats what it cannot use. */
export interface ReadOptions {
  /**
   * Called for an object of a kind meshscope does not read, instead of recording a problem: a
   * cluster dump (`kubectl get all`, a bug report) holds many such kinds by design, and the caller
   * counts them into one line (`unreadKindsProblem`).
   */
  onUnknownKind?: (kind: string, apiVersion: string) => void;
}

/** One object of a document (or of a List's items): a ConfigObject, or why it is not one. */
function readObject(value: Json, origin: ObjectOrigin, out: ConfigSet, options: ReadOptions): void {
  const where = describeOrigin(origin);
  if (!isObject(value)) {
    out.problems.push({ origin, severity: 'skipped', message: `${where}: not a Kubernetes object (expected a mapping with apiVersion, kind and metadata)` });
    return;
  }
  const apiVersion = asString(value.apiVersion);
  const kindName = asString(value.kind);
  if (apiVersion === undefined || kindName === undefined) {
    out.problems.push({
      origin,
      severity: 'skipped',
      message: `${where}: not a Kubernetes object: ${apiVersion === undefined ? 'apiVersion' : 'kind'} is missing or not a string`,
    });
    return;
  }
  const kind = (KNOWN_KINDS as Record<string, ObjectKind>)[`${groupOf(apiVersion)}/${kindName}`];
  if (kind === undefined && options.onUnknownKind !== undefined) {
    options.onUnknownKind(kindName, apiVersion);
    return;
  }
  if (kind === undefined) {
    out.problems.push({
      origin,
      severity: 'skipped',
      message: `${where}: kind ${sanitizeLine(kindName)} (${sanitizeLine(apiVersion)}) is not one meshscope reads; skipped`,
    });
    return;
  }
  const meta = asObject(value.metadata);
  const name = asString(meta?.name);
  if (meta === undefined || name === undefined || name === '') {
    out.problems.push({ origin, severity: 'skipped', message: `${where}: ${kindName} has no metadata.name (expected a string)` });
    return;
  }
  const namespace = meta.namespace === undefined || meta.namespace === null ? undefined : asString(meta.namespace);
  if (meta.namespace !== undefined && meta.namespace !== null && namespace === undefined) {
    out.problems.push({ origin, severity: 'skipped', message: `${where}: ${kindName} ${sanitizeLine(name)}: metadata.namespace is not a string` });
    return;
  }
  const annotations = stringMap(meta.annotations);
  delete annotations[LAST_APPLIED];
  const raw: JsonObject = { ...value, metadata: cleanMetadata(meta) };
  let spec = asObject(value.spec) ?? {};
  if (kind === 'Secret') {
    const keys = [...new Set([...Object.keys(asObject(value.data) ?? {}), ...Object.keys(asObject(value.stringData) ?? {})])];
    // The key names stay (as the API server keeps them: `stringData` merged into `data`), so the
    // object reads back the same from a snapshot; every value is the marker, never the payload.
    delete raw.stringData;
    raw.data = Object.fromEntries(keys.map((key) => [key, SECRET_VALUE_REMOVED]));
    spec = { type: asString(value.type) ?? 'Opaque', keys };
  } else if (kind === 'ConfigMap') {
    spec = asObject(value.data) ?? {};
  }
  const generation = typeof meta.generation === 'number' ? meta.generation : undefined;
  out.objects.push({
    kind,
    apiVersion,
    metadata: {
      name,
      namespace,
      labels: stringMap(meta.labels),
      annotations,
      creationTimestamp: asString(meta.creationTimestamp),
      generation,
      resourceVersion: asString(meta.resourceVersion),
      uid: asString(meta.uid),
    },
    spec,
    status: asObject(value.status),
    raw,
    origin,
  });
  if (namespace === undefined && !CLUSTER_SCOPED.has(kind)) {
    out.problems.push({
      origin,
      severity: 'note',
      message: `${where}: ${kindName} ${sanitizeLine(name)} has no metadata.namespace; read as namespace "default" (kubectl applies it to the context's namespace)`,
    });
  }
}

function cleanMetadata(meta: JsonObject): JsonObject {
  const out: JsonObject = { ...meta };
  delete out.managedFields;
  const annotations = asObject(meta.annotations);
  if (annotations !== undefined && LAST_APPLIED in annotations) {
    const rest: JsonObject = { ...annotations };
    delete rest[LAST_APPLIED];
    out.annotations = rest;
  }
  return out;
}

/** A document: one object, a List (`kind: …List` with `items`), or a JSON array of objects. */
function readDocument(value: Json, origin: ObjectOrigin, out: ConfigSet, options: ReadOptions): void {
  if (value === null) return; // an empty document (`---` twice, a trailing `---`)
  const items = Array.isArray(value)
    ? value
    : isObject(value) && typeof value.kind === 'string' && value.kind.endsWith('List') && Array.isArray(value.items)
      ? value.items
      : undefined;
  if (items === undefined) {
    readObject(value, origin, out, options);
    return;
  }
  items.forEach((item, i) => {
    readDocument(item, { ...origin, item: i + 1 }, out, options);
  });
}

/** 64-bit integers come out of the YAML parser as bigint; kept as numbers when exact, else as digit strings. */
function plain(value: unknown, depth = 1): Json {
  if (typeof value === 'bigint') return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
  if (typeof value !== 'object' || value === null) return value as Json;
  if (depth > MAX_JSON_DEPTH) throw new RangeError(`nested deeper than ${MAX_JSON_DEPTH} levels (through aliases?)`);
  if (Array.isArray(value)) return value.map((item) => plain(item, depth + 1));
  const out: JsonObject = {};
  for (const [key, child] of Object.entries(value)) out[key] = plain(child, depth + 1);
  return out;
}

/**
 * Reads every object of a YAML or JSON text. Never throws for bad content: a document that
 * cannot be parsed is a problem, and the other documents of the file are still read.
 */
export function parseConfigText(file: string, text: string, into: ConfigSet = emptyConfigSet(), options: ReadOptions = {}): ConfigSet {
  if (yamlDepthOverflows(text, MAX_JSON_DEPTH)) {
    into.problems.push({
      origin: { file, document: 1 },
      severity: 'skipped',
      message: `${file}: nested deeper than ${MAX_JSON_DEPTH} levels; the file is not read`,
    });
    return into;
  }
  const docs = parseAllDocuments(text, { intAsBigInt: true, uniqueKeys: true, prettyErrors: false });
  const list = Array.isArray(docs) ? docs : [docs];
  list.forEach((doc, i) => {
    const origin: ObjectOrigin = { file, document: i + 1 };
    if (doc.errors.length > 0) {
      const first = doc.errors[0]!;
      const line = first.linePos?.[0]?.line;
      into.problems.push({
        origin,
        severity: 'skipped',
        message: `${describeOrigin(origin)}: not valid YAML${line === undefined ? '' : ` at line ${line}`}: ${sanitizeLine(first.message.split('\n')[0] ?? '')}`,
      });
      return;
    }
    let value: Json;
    try {
      value = plain(doc.toJS({ maxAliasCount: 1000 }));
    } catch (error) {
      into.problems.push({
        origin,
        severity: 'skipped',
        message: `${describeOrigin(origin)}: ${error instanceof Error ? sanitizeLine(error.message) : 'unreadable'}`,
      });
      return;
    }
    readDocument(value, origin, into, options);
  });
  return into;
}

/**
 * Reads objects already parsed as JSON (a snapshot's `objects`, `kubectl get -o json`'s List):
 * `value` is one document, as in `parseConfigText`. The caller has checked its depth.
 */
export function readConfigValue(file: string, value: Json, into: ConfigSet = emptyConfigSet(), options: ReadOptions = {}): ConfigSet {
  readDocument(value, { file, document: 1 }, into, options);
  return into;
}
