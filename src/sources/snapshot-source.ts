import type { AnalyzerMessage, FetchedProxyConfig, ProxyStats, ProxySummary } from '../app/mesh-source.ts';
import { type ConfigSet, emptyConfigSet } from '../core/config/objects.ts';
import { parseNode } from '../core/envoy/bootstrap.ts';
import { asArray, asObject, isObject, type Json } from '../core/envoy/json.ts';
import { loadProxyConfig } from '../core/envoy/load.ts';
import type { Redaction } from '../core/envoy/redaction.ts';
import { InputError } from '../core/errors.ts';
import { parseAnalyze } from '../core/istio/analyze.ts';
import { parseProxyStatus } from '../core/istio/proxy-status.ts';
import { parseSnapshotStats } from '../core/snapshot/envoy-stats.ts';
import { ALL_NAMESPACES, type Snapshot, type SnapshotProxy } from '../core/snapshot/format.ts';
import type { CaptureSource } from './snapshot/capture.ts';
import { readSnapshot } from './snapshot/read.ts';

/** When, where and with what a snapshot was captured: the provenance of an incident note. */
export interface SnapshotProvenance {
  capturedAt?: string;
  context?: string;
  istioVersion?: string;
  istioctlVersion?: string;
  capturedBy?: string;
}

/**
 * A MeshSource over a snapshot file (`meshscope snapshot`), an `istioctl bug-report` archive, or
 * a bug report's folder. Never runs istioctl. Proxies are the captured ones; a proxy whose
 * capture failed is listed, and asking for its config says why it is missing. It also hands out
 * the stored documents as they are (RawCapture), so a snapshot can be re-captured: filtered to
 * some proxies, or converted from a bug report.
 */
export class SnapshotSource implements CaptureSource {
  readonly kind = 'snapshot' as const;
  readonly label: string;
  private readonly configs = new Map<string, FetchedProxyConfig>();
  private readonly fetchedAt: number;

  constructor(
    readonly file: string,
    readonly snapshot: Snapshot,
  ) {
    this.label = `snapshot ${file}`;
    const at = snapshot.capturedAt ? Date.parse(snapshot.capturedAt) : NaN;
    this.fetchedAt = Number.isNaN(at) ? 0 : at;
  }

  /** Reads the file or folder; InputError (exit 2) when it is none of the accepted shapes. */
  static async open(file: string): Promise<SnapshotSource> {
    return new SnapshotSource(file, await readSnapshot(file));
  }

  get context(): string | undefined {
    return this.snapshot.context;
  }

  /** The snapshot's `capturedAt`, when it states one: the age of everything it holds. */
  capturedAt(): number | undefined {
    return this.fetchedAt === 0 ? undefined : this.fetchedAt;
  }

  /** What the capture that wrote this snapshot (or the bug-report import) removed. */
  get priorRedactions(): readonly Redaction[] {
    return this.snapshot.redactions ?? [];
  }

  get provenance(): SnapshotProvenance {
    const { capturedAt, context, istioVersion, istioctlVersion, capturedBy } = this.snapshot;
    return { capturedAt, context, istioVersion, istioctlVersion, capturedBy };
  }

  /** Captured proxy names (`pod.namespace`), sorted. */
  proxyNames(): string[] {
    return [...this.snapshot.proxies.keys()].sort();
  }

  /** The captured proxy a user means: `pod.namespace`, or a pod name that is unique in the snapshot. */
  resolveProxy(name: string): string {
    if (this.snapshot.proxies.has(name)) return name;
    const byPod = this.proxyNames().filter((p) => p.slice(0, p.lastIndexOf('.')) === name);
    if (byPod.length === 1) return byPod[0]!;
    const known = this.proxyNames();
    const list = known.length <= 6 ? known.join(', ') : `${known.slice(0, 6).join(', ')} and ${known.length - 6} more`;
    throw new InputError(this.file, `has no proxy "${name}"; it holds ${known.length === 0 ? 'no proxies' : list}`);
  }

  async listProxies(): Promise<ProxySummary[]> {
    const fromStatus = new Map(parseProxyStatus(this.snapshot.proxyStatus).map((p) => [p.name, p]));
    return this.proxyNames().map((name) => fromStatus.get(name) ?? summaryFromDump(name, this.snapshot.proxies.get(name)!));
  }

  async proxyConfig(proxy: string): Promise<FetchedProxyConfig> {
    const name = this.resolveProxy(proxy);
    const cached = this.configs.get(name);
    if (cached) return cached;
    const entry = this.snapshot.proxies.get(name)!;
    if (entry.configDump === undefined) {
      throw new InputError(this.file, `holds no config for ${name}${entry.error ? `: the capture failed (${entry.error})` : ''}`);
    }
    const docs = [{ name: `${this.file} [${name} configDump]`, data: entry.configDump }];
    if (entry.endpoints !== undefined) docs.push({ name: `${this.file} [${name} endpoints]`, data: entry.endpoints });
    const config = loadProxyConfig(docs, name);
    const fetched = { config, fetchedAt: this.fetchedAt };
    this.configs.set(name, fetched);
    return fetched;
  }

  async analyze(namespace: string | undefined): Promise<AnalyzerMessage[]> {
    const { analyze } = this.snapshot;
    if (namespace === undefined) return [...analyze.values()].flatMap((docs) => parseAnalyze(docs));
    const own = analyze.get(namespace);
    if (own) return parseAnalyze(own);
    const all = analyze.get(ALL_NAMESPACES);
    return all ? parseAnalyze(all).filter((m) => m.namespace === namespace) : [];
  }

  async stats(proxy: string): Promise<ProxyStats> {
    const name = this.resolveProxy(proxy);
    const stats = this.snapshot.proxies.get(name)!.stats;
    if (stats === undefined) throw new InputError(this.file, `holds no stats for ${name}`);
    return { fetchedAt: this.fetchedAt, ...parseSnapshotStats(stats) };
  }

  async rawProxyStatus(): Promise<Json[]> {
    return this.snapshot.proxyStatus;
  }

  async rawProxyConfig(proxy: string): Promise<{ configDump: Json; endpoints?: Json }> {
    const name = this.resolveProxy(proxy);
    const entry = this.snapshot.proxies.get(name)!;
    if (entry.configDump === undefined) throw new InputError(this.file, `holds no config for ${name}${entry.error ? `: ${entry.error}` : ''}`);
    return entry.endpoints === undefined ? { configDump: entry.configDump } : { configDump: entry.configDump, endpoints: entry.endpoints };
  }

  async rawStats(proxy: string): Promise<Json | undefined> {
    return this.snapshot.proxies.get(this.resolveProxy(proxy))!.stats;
  }

  async rawAnalyze(namespace: string | undefined): Promise<Json[]> {
    const { analyze } = this.snapshot;
    if (namespace === undefined) return analyze.get(ALL_NAMESPACES) ?? [...analyze.values()].flat();
    return analyze.get(namespace) ?? (await this.analyze(namespace)).map((m) => ({ code: m.code, level: m.level, message: m.message, origin: m.origin }));
  }

  /** The objects the snapshot (or the bug report's `cluster/` files) recorded; none for an older snapshot. */
  async objects(): Promise<ConfigSet> {
    return this.snapshot.objects ?? emptyConfigSet();
  }

  /** The objects as recorded, for a re-capture: undefined when the snapshot recorded none. */
  async rawObjects(): Promise<ConfigSet | undefined> {
    return this.snapshot.objects;
  }

  async versions(): Promise<{ istioctl?: string; istio?: string }> {
    return { istioctl: this.snapshot.istioctlVersion, istio: this.snapshot.istioVersion };
  }
}

/** A proxy missing from proxy-status: who it is, from its own bootstrap. */
function summaryFromDump(name: string, entry: SnapshotProxy): ProxySummary {
  const dot = name.lastIndexOf('.');
  const summary: ProxySummary = { name, pod: name.slice(0, dot), namespace: name.slice(dot + 1), sync: {} };
  for (const section of asArray(asObject(entry.configDump)?.configs)) {
    const node = asObject(asObject(section)?.bootstrap)?.node;
    if (!isObject(node)) continue;
    const parsed = parseNode(node as never);
    if (parsed.proxyType) summary.proxyType = parsed.proxyType;
    if (parsed.istioVersion) summary.istioVersion = parsed.istioVersion;
    if (parsed.clusterId) summary.clusterId = parsed.clusterId;
  }
  return summary;
}
