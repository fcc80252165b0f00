import { asObject, asString, type Json } from '../envoy/json.ts';
import { parseJsonDocument } from '../envoy/parse-json.ts';
import { redactContent } from '../envoy/redact-content.ts';
import { pathStep, type Redaction } from '../envoy/redaction.ts';
import { parseAnalyzeText } from '../istio/analyze-text.ts';
import { isBugReportObjectFile, objectsFromBugReport } from './bug-report-objects.ts';
import { looksLikeClustersText, parseClustersText } from './clusters-text.ts';
import { ALL_NAMESPACES, type Snapshot, type SnapshotProxy } from './format.ts';

/**
 * An `istioctl bug-report` archive or its extracted folder read as a snapshot. The layout
 * (tools/bug-report in istio/istio) under the report's root directory:
 *
 * - `proxies/<ns>/<pod>/config_dump?include_eds` (older: `config_dump`): Envoy's config dump;
 * - `proxies/<ns>/<pod>/clusters`: Envoy's `/clusters` in text form;
 * - `analyze/allNamespaces/allNamespaces` (or `analyze/<ns>/...`): `istioctl analyze` log output;
 * - `istio/<ns>/<istiod pod>/debug/syncz`: istiod's sync status, as `proxy-status -o json` prints it;
 * - `cluster/cluster-context`: the kube context; `versions`: istioctl and control plane versions;
 * - `cluster/crs`, `cluster/k8s-resources`, `cluster/k8s-cluster-resources`, `cluster/pods`,
 *   `cluster/secrets`: the Istio, Gateway API and Kubernetes objects (`bug-report-objects.ts`).
 *
 * Everything else (logs, events, netstat, core dumps) is not read. What is read is
 * redacted by content on import (`redactContent`: private keys, tokens; listed in `redactions`);
 * field-based removal (certificates, key fields) happens when a snapshot is written from it.
 */
export interface BugReportFile {
  /** Path inside the archive or folder, `/`-separated. */
  path: string;
  mtimeMs?: number;
  text: string;
}

const PROXY_FILE = /(?:^|\/)proxies\/([^/]+)\/([^/]+)\/(config_dump(?:\?include_eds)?|clusters(?:\?format=json)?)$/;
const ANALYZE_FILE = /(?:^|\/)analyze\/([^/]+)(?:\/[^/]+)?$/;
const SYNCZ_FILE = /(?:^|\/)istio\/[^/]+\/[^/]+\/debug\/syncz$/;
const CONTEXT_FILE = /(?:^|\/)cluster\/cluster-context$/;
const VERSIONS_FILE = /(?:^|\/)versions$/;

/** Whether meshscope reads this file of a bug report (the rest can be skipped unread). */
export function isBugReportFileWanted(path: string): boolean {
  return (
    PROXY_FILE.test(path) ||
    ANALYZE_FILE.test(path) ||
    SYNCZ_FILE.test(path) ||
    CONTEXT_FILE.test(path) ||
    VERSIONS_FILE.test(path) ||
    isBugReportObjectFile(path)
  );
}

/** True when the paths include at least one proxy config dump in the bug-report layout. */
export function looksLikeBugReport(paths: Iterable<string>): boolean {
  for (const p of paths) if (PROXY_FILE.test(p) && /config_dump/.test(p)) return true;
  return false;
}

function parseJson(name: string, text: string): Json | { error: string } {
  try {
    return parseJsonDocument(name, text);
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

const isError = (value: unknown): value is { error: string } => typeof asObject(value)?.error === 'string' && Object.keys(asObject(value)!).length === 1;

/**
 * The `Version:"X"` on the line after `CLI version` (istioctl version's verbose output), by hand in
 * one pass: the lazy /CLI version:?\s*\n?[^\n]*?Version:"([^"]+)"/ rescanned each line from every
 * `CLI version` on it.
 */
export function cliVersion(text: string): string | undefined {
  let failedLine = -1;
  let next = -1;
  for (let at = text.indexOf('CLI version'); at !== -1; at = text.indexOf('CLI version', at + 1)) {
    let i = at + 11;
    if (text[i] === ':') i++;
    while (i < text.length && /\s/.test(text[i]!)) i++;
    if (i <= failedLine) continue;
    let lineEnd = text.indexOf('\n', i);
    if (lineEnd === -1) lineEnd = text.length;
    if (next < i) next = text.indexOf('Version:"', i);
    if (next === -1) return undefined;
    for (let v = next; v !== -1 && v < lineEnd; v = text.indexOf('Version:"', v + 1)) {
      const close = text.indexOf('"', v + 10);
      if (text[v + 9] !== '"' && close !== -1) return text.slice(v + 9, close);
      if (close === -1) return undefined;
    }
    failedLine = lineEnd;
  }
  return undefined;
}

function readVersions(text: string): { istioctl?: string; istio?: string } {
  const cli = cliVersion(text) ?? /client version:\s*(\S+)/i.exec(text)?.[1];
  const plane = text.indexOf('control plane');
  const server = plane >= 0 ? /Version:"([^"]+)"/.exec(text.slice(plane)) : null;
  const out: { istioctl?: string; istio?: string } = {};
  if (cli) out.istioctl = cli;
  if (server) out.istio = server[1]!;
  return out;
}

function istioVersionOf(dump: Json | undefined): string | undefined {
  for (const section of (asObject(dump)?.configs as Json[] | undefined) ?? []) {
    const node = asObject(asObject(asObject(section)?.bootstrap)?.node);
    const version = asString(asObject(node?.metadata)?.ISTIO_VERSION);
    if (version) return version;
  }
  return undefined;
}

function redactImported(snapshot: Snapshot): Redaction[] {
  const out: Redaction[] = [];
  for (const [key, entry] of snapshot.proxies) {
    if (entry.configDump !== undefined) redactContent(entry.configDump, `.proxies${pathStep(key)}.configDump`, out);
    if (entry.endpoints !== undefined) redactContent(entry.endpoints, `.proxies${pathStep(key)}.endpoints`, out);
  }
  snapshot.proxyStatus.forEach((doc, i) => {
    redactContent(doc, `.proxyStatus[${i}]`, out);
  });
  return out;
}

/** Assembles the snapshot from the files of one bug report; `name` is used in messages. */
export function snapshotFromBugReport(name: string, files: BugReportFile[]): Snapshot {
  const snapshot: Snapshot = { proxyStatus: [], proxies: new Map(), analyze: new Map(), capturedBy: 'istioctl bug-report' };
  let newest = 0;
  const sorted = [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  for (const file of sorted) {
    const where = `${name}:${file.path}`;
    const proxy = PROXY_FILE.exec(file.path);
    if (proxy) {
      const key = `${proxy[2]}.${proxy[1]}`;
      const entry: SnapshotProxy = snapshot.proxies.get(key) ?? {};
      snapshot.proxies.set(key, entry);
      if (proxy[3]!.startsWith('config_dump')) {
        if (entry.configDump !== undefined && !proxy[3]!.includes('include_eds')) continue;
        const parsed = parseJson(where, file.text);
        if (isError(parsed)) entry.error = parsed.error;
        else entry.configDump = parsed;
        newest = Math.max(newest, file.mtimeMs ?? 0);
      } else {
        const parsed = looksLikeClustersText(file.text) ? parseClustersText(file.text) : parseJson(where, file.text);
        if (isError(parsed)) entry.error = parsed.error;
        else entry.endpoints = parsed;
      }
      continue;
    }
    if (SYNCZ_FILE.test(file.path)) {
      const parsed = parseJson(where, file.text);
      if (!isError(parsed)) snapshot.proxyStatus.push(parsed);
      continue;
    }
    const analyze = ANALYZE_FILE.exec(file.path);
    if (analyze) {
      const ns = analyze[1] === 'allNamespaces' ? ALL_NAMESPACES : analyze[1]!;
      const trimmed = file.text.trimStart();
      const parsed = trimmed.startsWith('[') ? parseJson(where, file.text) : parseAnalyzeText(file.text);
      if (Array.isArray(parsed)) snapshot.analyze.set(ns, [...(snapshot.analyze.get(ns) ?? []), ...parsed]);
      continue;
    }
    if (CONTEXT_FILE.test(file.path)) {
      const context = file.text.split('\n', 1)[0]!.trim();
      if (context) snapshot.context = context;
      continue;
    }
    if (VERSIONS_FILE.test(file.path)) {
      const v = readVersions(file.text);
      if (v.istioctl) snapshot.istioctlVersion = v.istioctl;
      if (v.istio) snapshot.istioVersion = v.istio;
    }
  }
  for (const [key, entry] of snapshot.proxies) {
    if (entry.configDump === undefined && entry.error === undefined) entry.error = `${name}: no config_dump for ${key}`;
    if (!snapshot.istioVersion) {
      const version = istioVersionOf(entry.configDump);
      if (version) snapshot.istioVersion = version;
    }
  }
  const objectFiles = sorted.filter((f) => isBugReportObjectFile(f.path));
  if (objectFiles.length > 0) snapshot.objects = objectsFromBugReport(name, objectFiles);
  if (newest > 0) snapshot.capturedAt = new Date(newest).toISOString().replace(/\.000Z$/, 'Z');
  snapshot.redactions = redactImported(snapshot);
  return snapshot;
}
