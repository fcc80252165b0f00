import type { ConfigSet } from '../config/objects.ts';
import { readConfigValue } from '../config/read-objects.ts';
import { asArray, asObject, asString, isObject, type Json, type JsonObject } from '../envoy/json.ts';
import type { Redaction, RedactionKind } from '../envoy/redaction.ts';
import { InputError } from '../errors.ts';

/**
 * meshscope's snapshot file (see docs/snapshot-format.md): what `meshscope snapshot` captured from
 * a mesh at one moment, so explain, the tables, findings, diff and the TUI can run later without
 * the cluster. One JSON object, gzip-compressed when the file name ends in `.gz`:
 *
 * ```
 * {format: "meshscope-snapshot", version: 2, capturedAt, context, istioctlVersion, istioVersion,
 *  proxyStatus: [syncz documents], proxies: {"pod.ns": {configDump, endpoints, stats, error?}},
 *  analyze: {"ns": [messages]}, objects: [Istio, Gateway API and Kubernetes objects], redactions: [{kind, path}]}
 * ```
 *
 * `objects` (optional, so a file without it reads as no objects) holds the objects as read from the
 * cluster or `--config`, already cleaned on reading (`core/config/objects.ts`): no managed fields,
 * no last-applied annotation, Secrets as name, type and key names only.
 *
 * Documents are kept as istioctl or Envoy printed them (either protojson spelling); secrets are
 * removed at capture (`redactSecrets`) and listed in `redactions` (version 2). Version 1 files
 * (no list: only field-based redaction was done) still load.
 */
const SNAPSHOT_FORMAT = 'meshscope-snapshot';
const SNAPSHOT_VERSION = 2;
const READABLE_VERSIONS = [1, 2];
/** The `analyze` key for messages captured with `istioctl analyze -A` (every namespace). */
export const ALL_NAMESPACES = '*';

/** What was captured for one proxy. A proxy that failed has `error` and whatever was fetched before. */
export interface SnapshotProxy {
  /** `istioctl proxy-config all POD -o json` or Envoy's `/config_dump?include_eds`. */
  configDump?: Json;
  /** `/clusters?format=json` or `istioctl proxy-config endpoints POD -o json`. */
  endpoints?: Json;
  /** `istioctl x envoy-stats POD -o json` (Envoy's `/stats?format=json`). */
  stats?: Json;
  /** Why the capture of this proxy failed (or was partial). */
  error?: string;
}

export interface Snapshot {
  /** ISO 8601 time of the capture. */
  capturedAt?: string;
  /** The kube context (cluster) it came from. */
  context?: string;
  istioctlVersion?: string;
  istioVersion?: string;
  /** What wrote it: `meshscope 0.1.0`, `istioctl bug-report`. */
  capturedBy?: string;
  /** `istioctl proxy-status -o json`: one syncz document per istiod. */
  proxyStatus: Json[];
  /** `pod.namespace` → what was captured. */
  proxies: Map<string, SnapshotProxy>;
  /** Namespace (or `*` for all) → `istioctl analyze -o json` messages. */
  analyze: Map<string, Json[]>;
  /** What was removed, with its jq path in the file; undefined for a version 1 file (never listed). */
  redactions?: Redaction[];
  /**
   * The Istio, Gateway API and Kubernetes objects captured with the proxies (the intent behind
   * their config); undefined when the capture recorded none (an older snapshot).
   */
  objects?: ConfigSet;
}

function optionalString(name: string, doc: JsonObject, key: string): string | undefined {
  const value = doc[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new InputError(name, `field "${key}" must be a string`);
  return value;
}

/** Reads a parsed snapshot file; InputError when it is not one or comes from a newer meshscope. */
export function parseSnapshot(name: string, doc: Json): Snapshot {
  const o = asObject(doc);
  if (!o || o.format !== SNAPSHOT_FORMAT) {
    throw new InputError(name, `is not a meshscope snapshot (expected "format": "${SNAPSHOT_FORMAT}"); for a config dump use --file`);
  }
  if (typeof o.version !== 'number' || !READABLE_VERSIONS.includes(o.version)) {
    const v = typeof o.version === 'number' ? String(o.version) : JSON.stringify(o.version ?? null);
    throw new InputError(name, `snapshot version ${v} is not supported (this meshscope reads versions ${READABLE_VERSIONS.join(' and ')}); upgrade meshscope`);
  }
  const proxies = new Map<string, SnapshotProxy>();
  const rawProxies = o.proxies === undefined ? {} : asObject(o.proxies);
  if (!rawProxies) throw new InputError(name, 'field "proxies" must be an object of "pod.namespace" → capture');
  for (const key of Object.keys(rawProxies).sort()) {
    const p = asObject(rawProxies[key]);
    if (!p) throw new InputError(name, `proxies["${key}"] must be an object`);
    const entry: SnapshotProxy = {};
    if (p.configDump !== undefined && p.configDump !== null) entry.configDump = p.configDump;
    if (p.endpoints !== undefined && p.endpoints !== null) entry.endpoints = p.endpoints;
    if (p.stats !== undefined && p.stats !== null) entry.stats = p.stats;
    const error = asString(p.error);
    if (error !== undefined) entry.error = error;
    proxies.set(key, entry);
  }
  const analyze = new Map<string, Json[]>();
  const rawAnalyze = asObject(o.analyze) ?? {};
  for (const key of Object.keys(rawAnalyze).sort()) analyze.set(key, asArray(rawAnalyze[key]));
  const snapshot: Snapshot = { proxyStatus: asArray(o.proxyStatus), proxies, analyze };
  if (o.version >= 2) snapshot.redactions = parseRedactions(name, o.redactions);
  if (o.objects !== undefined && o.objects !== null) {
    if (!Array.isArray(o.objects)) throw new InputError(name, 'field "objects" must be a list of Kubernetes objects');
    snapshot.objects = readConfigValue(`${name} objects`, o.objects);
  }
  for (const key of ['capturedAt', 'context', 'istioctlVersion', 'istioVersion', 'capturedBy'] as const) {
    const value = optionalString(name, o, key);
    if (value !== undefined) snapshot[key] = value;
  }
  return snapshot;
}

function parseRedactions(name: string, value: Json | undefined): Redaction[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw new InputError(name, 'field "redactions" must be a list of {kind, path}');
  return value.map((item, i) => {
    const r = asObject(item);
    if (typeof r?.kind !== 'string' || typeof r.path !== 'string') throw new InputError(name, `redactions[${i}] must be {"kind": string, "path": string}`);
    return { kind: r.kind as RedactionKind, path: r.path };
  });
}

/** The file's JSON object, in the documented field order (proxies and namespaces sorted). */
export function snapshotToJson(snapshot: Snapshot): JsonObject {
  const out: JsonObject = { format: SNAPSHOT_FORMAT, version: SNAPSHOT_VERSION };
  for (const key of ['capturedAt', 'capturedBy', 'context', 'istioctlVersion', 'istioVersion'] as const) {
    const value = snapshot[key];
    if (value !== undefined) out[key] = value;
  }
  out.proxyStatus = snapshot.proxyStatus;
  const proxies: JsonObject = {};
  for (const name of [...snapshot.proxies.keys()].sort()) {
    const p = snapshot.proxies.get(name)!;
    const entry: JsonObject = {};
    if (p.configDump !== undefined) entry.configDump = p.configDump;
    if (p.endpoints !== undefined) entry.endpoints = p.endpoints;
    if (p.stats !== undefined) entry.stats = p.stats;
    if (p.error !== undefined) entry.error = p.error;
    proxies[name] = entry;
  }
  out.proxies = proxies;
  const analyze: JsonObject = {};
  for (const ns of [...snapshot.analyze.keys()].sort()) analyze[ns] = snapshot.analyze.get(ns)!;
  out.analyze = analyze;
  if (snapshot.objects !== undefined) out.objects = snapshot.objects.objects.map((o) => o.raw);
  out.redactions = (snapshot.redactions ?? []).map((r) => ({ kind: r.kind, path: r.path }));
  return out;
}

/** True when the parsed JSON looks like a snapshot (to tell it from a config dump). */
export function isSnapshotJson(doc: Json): boolean {
  return isObject(doc) && doc.format === SNAPSHOT_FORMAT;
}
