import type { MeshSource, ProxyStats, ProxySummary } from '../../app/mesh-source.ts';
import type { ConfigSet } from '../../core/config/objects.ts';
import type { Json, JsonObject } from '../../core/envoy/json.ts';
import { pathStep, type Redaction } from '../../core/envoy/redaction.ts';
import type { AnalyzerMessage } from '../../core/istio/analyze.ts';
import { ALL_NAMESPACES, type Snapshot, type SnapshotProxy } from '../../core/snapshot/format.ts';
import { clusterStatusesFromModel, configDumpFromModel } from '../../core/snapshot/model-dump.ts';
import { redactSecrets } from '../../core/snapshot/redact.ts';
import { syncDocumentsFromSummaries } from '../../core/snapshot/sync-document.ts';

/**
 * What a source may offer beyond MeshSource to make a faithful snapshot: the documents exactly
 * as istioctl printed them. Without them, capture rebuilds documents from the models
 * (`configDumpFromModel`), which loads back to the same answers.
 */
export interface RawCapture {
  /** `istioctl proxy-status -o json`, split into documents. */
  rawProxyStatus?(signal?: AbortSignal): Promise<Json[]>;
  /** `istioctl proxy-config all POD -o json` and `istioctl proxy-config endpoints POD -o json`. */
  rawProxyConfig?(proxy: string, signal?: AbortSignal): Promise<{ configDump: Json; endpoints?: Json }>;
  /** `istioctl x envoy-stats POD -o json`; undefined when the source has none for the proxy. */
  rawStats?(proxy: string, signal?: AbortSignal): Promise<Json | undefined>;
  /** `istioctl analyze -n NS -o json` (all namespaces when undefined). */
  rawAnalyze?(namespace: string | undefined, signal?: AbortSignal): Promise<Json[]>;
  /** `istioctl version -o json`: the client and control plane versions. */
  versions?(signal?: AbortSignal): Promise<{ istioctl?: string; istio?: string }>;
  /**
   * The Istio, Gateway API and Kubernetes objects (kubectl for a live source; a snapshot's own);
   * undefined when the source recorded none (a snapshot from before objects were captured).
   */
  rawObjects?(signal?: AbortSignal): Promise<ConfigSet | undefined>;
  /** The kube context the source talks to. */
  readonly context?: string;
  /** What an earlier capture already removed (a snapshot being re-captured or a converted bug report). */
  readonly priorRedactions?: readonly Redaction[];
}

export type CaptureSource = MeshSource & RawCapture;

/** Which proxies to capture: named ones, the proxies of some namespaces, or every proxy. */
export type CaptureSelection = { proxies: string[] } | { namespaces: string[] } | { all: true };

export type CaptureEvent =
  | { kind: 'proxy-start'; proxy: string; index: number; total: number }
  /** `error`: nothing was captured; `warning`: captured without part of it (stats). */
  | { kind: 'proxy-done'; proxy: string; index: number; total: number; error?: string; warning?: string }
  | { kind: 'analyze'; namespace: string; error?: string }
  /** The objects: how many were recorded, or why none were. */
  | { kind: 'objects'; count: number; notes: number; error?: string };

export interface CaptureOptions {
  selection: CaptureSelection;
  /** The capture time (passed in, so tests are deterministic). */
  now: Date;
  capturedBy: string;
  onEvent?: (event: CaptureEvent) => void;
  signal?: AbortSignal;
  /** Proxies captured at once; default 4 (the live source bounds istioctl calls itself too). */
  concurrency?: number;
  /** Where the objects come from instead of the source's own (`--config`). */
  objects?: (signal?: AbortSignal) => Promise<ConfigSet>;
}

export interface CaptureResult {
  snapshot: Snapshot;
  /** How many values this capture removed; `snapshot.redactions` lists them with an earlier capture's. */
  redacted: number;
  /** Proxies whose capture failed (recorded in the snapshot with their error). */
  failed: string[];
}

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

function select(proxies: ProxySummary[], selection: CaptureSelection): string[] {
  if ('all' in selection) return proxies.map((p) => p.name);
  if ('namespaces' in selection) return proxies.filter((p) => selection.namespaces.includes(p.namespace)).map((p) => p.name);
  return selection.proxies;
}

function statsJson(stats: ProxyStats): JsonObject {
  return { counters: stats.counters, gauges: stats.gauges, histograms: stats.histograms } as unknown as JsonObject;
}

async function captureProxy(source: CaptureSource, proxy: string, signal: AbortSignal | undefined): Promise<SnapshotProxy> {
  const entry: SnapshotProxy = {};
  try {
    if (source.rawProxyConfig) {
      const raw = await source.rawProxyConfig(proxy, signal);
      entry.configDump = raw.configDump;
      if (raw.endpoints !== undefined) entry.endpoints = raw.endpoints;
    } else {
      const { config } = await source.proxyConfig(proxy, signal);
      entry.configDump = configDumpFromModel(config);
      const endpoints = clusterStatusesFromModel(config);
      if (endpoints) entry.endpoints = endpoints;
    }
  } catch (error) {
    entry.error = message(error);
    return entry;
  }
  try {
    const stats = source.rawStats ? await source.rawStats(proxy, signal) : source.stats ? statsJson(await source.stats(proxy, signal)) : undefined;
    if (stats !== undefined) entry.stats = stats;
  } catch (error) {
    entry.error = `stats: ${message(error)}`;
  }
  return entry;
}

/** A parsed analyzer message back in `istioctl analyze -o json` form. */
function analyzeJson(m: AnalyzerMessage): JsonObject {
  const out: JsonObject = { code: m.code };
  if (m.documentationUrl) out.documentationUrl = m.documentationUrl;
  out.level = m.level;
  out.message = m.message;
  if (m.origin) out.origin = m.origin;
  return out;
}

/** The most common value, for the mesh's Istio version. */
function mostCommon(values: (string | undefined)[]): string | undefined {
  const counts = new Map<string, number>();
  for (const v of values) if (v) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0];
}

/**
 * Captures the selected proxies, a few at a time (progress through `onEvent`; `index` counts
 * finished proxies), the analyzer
 * messages of their namespaces, proxy-status and versions, then removes secrets from everything.
 * A proxy that fails is recorded with its error; only failing to list proxies is fatal.
 */
export async function captureSnapshot(source: CaptureSource, options: CaptureOptions): Promise<CaptureResult> {
  const { signal, onEvent } = options;
  const summaries = await source.listProxies(signal);
  const names = select(summaries, options.selection);
  const snapshot: Snapshot = { capturedAt: options.now.toISOString(), capturedBy: options.capturedBy, proxyStatus: [], proxies: new Map(), analyze: new Map() };
  if (source.context) snapshot.context = source.context;
  const failed: string[] = [];
  let done = 0;
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < names.length) {
      const proxy = names[next++]!;
      onEvent?.({ kind: 'proxy-start', proxy, index: done, total: names.length });
      const entry = await captureProxy(source, proxy, signal);
      snapshot.proxies.set(proxy, entry);
      if (entry.configDump === undefined) failed.push(proxy);
      const problem = entry.error === undefined ? {} : entry.configDump === undefined ? { error: entry.error } : { warning: entry.error };
      onEvent?.({ kind: 'proxy-done', proxy, index: done++, total: names.length, ...problem });
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency ?? 4, names.length) }, worker));
  // Interrupted: every proxy after the signal "failed"; write nothing rather than half a capture.
  signal?.throwIfAborted();
  failed.sort();
  const all = 'all' in options.selection;
  const namespaces = all ? [ALL_NAMESPACES] : [...new Set(names.map((n) => n.slice(n.lastIndexOf('.') + 1)))].sort();
  for (const ns of namespaces) {
    signal?.throwIfAborted();
    const target = ns === ALL_NAMESPACES ? undefined : ns;
    try {
      const docs = source.rawAnalyze ? await source.rawAnalyze(target, signal) : (await source.analyze(target, signal)).map(analyzeJson);
      snapshot.analyze.set(ns, docs);
      onEvent?.({ kind: 'analyze', namespace: ns });
    } catch (error) {
      onEvent?.({ kind: 'analyze', namespace: ns, error: message(error) });
    }
  }
  const objects = options.objects ?? source.rawObjects?.bind(source);
  if (objects !== undefined) {
    try {
      const set = await objects(signal);
      if (set !== undefined) {
        snapshot.objects = set;
        onEvent?.({ kind: 'objects', count: set.objects.length, notes: set.problems.length });
      }
    } catch (error) {
      signal?.throwIfAborted();
      onEvent?.({ kind: 'objects', count: 0, notes: 0, error: message(error) });
    }
  }
  snapshot.proxyStatus = source.rawProxyStatus
    ? await source.rawProxyStatus(signal).catch(() => syncDocumentsFromSummaries(summaries))
    : syncDocumentsFromSummaries(summaries);
  const versions = source.versions ? await source.versions(signal).catch(() => ({})) : {};
  const versionsOf = versions as { istioctl?: string; istio?: string };
  if (versionsOf.istioctl) snapshot.istioctlVersion = versionsOf.istioctl;
  const istio = versionsOf.istio ?? mostCommon(summaries.map((s) => s.istiodVersion ?? s.istioVersion));
  if (istio) snapshot.istioVersion = istio;
  const prior = source.priorRedactions ?? [];
  snapshot.redactions = redactSnapshot(snapshot, prior);
  const before = new Set(prior.map((r) => r.path));
  return { snapshot, redacted: snapshot.redactions.filter((r) => !before.has(r.path)).length, failed };
}

/**
 * Removes secrets from every captured document (`redactSecrets`), with paths from the file's
 * root; an earlier capture's list is kept for the proxies and documents kept.
 */
function redactSnapshot(snapshot: Snapshot, prior: readonly Redaction[]): Redaction[] {
  const out: Redaction[] = [];
  const kept = [...snapshot.proxies.keys()].sort();
  const prefixes = ['.proxyStatus[', '.analyze', '.objects[', ...kept.map((name) => `.proxies${pathStep(name)}.`)];
  for (const r of prior) if (prefixes.some((p) => r.path.startsWith(p))) out.push({ kind: r.kind, path: r.path });
  for (const name of kept) {
    const entry = snapshot.proxies.get(name)!;
    for (const field of ['configDump', 'endpoints', 'stats'] as const) {
      const doc = entry[field];
      if (doc !== undefined) out.push(...redactSecrets(doc, `.proxies${pathStep(name)}.${field}`));
    }
  }
  snapshot.proxyStatus.forEach((doc, i) => {
    out.push(...redactSecrets(doc, `.proxyStatus[${i}]`));
  });
  for (const [ns, docs] of snapshot.analyze) out.push(...redactSecrets(docs, `.analyze${pathStep(ns)}`));
  // Already without Secret payloads and last-applied copies (core/config/objects.ts); this catches
  // a key or token written into an object itself (an EnvoyFilter, a ConfigMap).
  // A Secret holds only key names by then; its keys (`password`, `tls.key`) stay, so it reads back the same.
  snapshot.objects?.objects.forEach((object, i) => {
    if (object.kind !== 'Secret') out.push(...redactSecrets(object.raw, `.objects[${i}]`));
  });
  const byPath = new Map(out.map((r) => [r.path, r]));
  return [...byPath.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
