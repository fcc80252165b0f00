import type { Dirent } from 'node:fs';
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import type { FetchedProxyConfig, MeshSource, ProxySummary } from '../app/mesh-source.ts';
import { parseNode } from '../core/envoy/bootstrap.ts';
import { asArray, asObject, type Json } from '../core/envoy/json.ts';
import { InputError } from '../core/errors.ts';
import { type AnalyzerMessage, parseAnalyze } from '../core/istio/analyze.ts';
import { parseConcatenatedJson } from '../core/istio/concatenated-json.ts';
import { parseProxyStatus } from '../core/istio/proxy-status.ts';
import { capturedAt } from './file-source.ts';
import { readJsonFile, readProxyConfig } from './files.ts';
import { readTextFile } from './text-file.ts';

/** One captured proxy in the folder: `<sub>/config_dump.json` and maybe `<sub>/endpoints.json`. */
interface CapturedProxy {
  summary: ProxySummary;
  dump: string;
  endpoints?: string;
}

/** The bootstrap node of a config dump, if it has one. */
function bootstrapNode(doc: Json) {
  for (const section of asArray(asObject(doc)?.configs)) {
    const node = asObject(asObject(asObject(section)?.bootstrap)?.node);
    if (node) return parseNode(node);
  }
  return undefined;
}

async function scan(dir: string): Promise<Map<string, CapturedProxy>> {
  let entries: Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    throw new InputError(
      dir,
      code === 'ENOENT'
        ? 'no such folder'
        : code === 'ENOTDIR'
          ? 'is not a folder; expected a capture folder (see fixtures/bookinfo)'
          : `cannot be read (${String(code)})`,
    );
  }
  const proxies = new Map<string, CapturedProxy>();
  for (const entry of entries.filter((e) => e.isDirectory()).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const dump = path.join(dir, entry.name, 'config_dump.json');
    if (!existsSync(dump)) continue;
    const node = bootstrapNode(await readJsonFile(dump));
    const pod = node?.podName ?? entry.name;
    const namespace = node?.namespace ?? '';
    const name = namespace ? `${pod}.${namespace}` : pod;
    const endpoints = path.join(dir, entry.name, 'endpoints.json');
    proxies.set(name, {
      summary: { name, pod, namespace, proxyType: node?.proxyType, istioVersion: node?.istioVersion, clusterId: node?.clusterId, sync: {} },
      dump,
      endpoints: existsSync(endpoints) ? endpoints : undefined,
    });
  }
  return proxies;
}

/**
 * A MeshSource over a capture folder laid out like `fixtures/bookinfo/`: `proxy-status.json`
 * (`istioctl proxy-status -o json`), `analyze.json` (`istioctl analyze -o json`) and one
 * sub-folder per captured proxy with `config_dump.json` and optionally `endpoints.json`.
 * Sub-folders are matched to proxies by the pod name and namespace in each dump's bootstrap.
 * Proxies listed by proxy-status without a captured dump are listed; opening one says how to
 * capture it.
 */
/** A folder source also says which proxies it holds a dump of (the others are only in proxy-status). */
export interface FolderSource extends MeshSource {
  /** The captured files by proxy name (`pod.namespace`). */
  capturedFiles(): Promise<Map<string, { dump: string; endpoints?: string }>>;
}

export function createFolderSource(dir: string, options: { label?: string } = {}): FolderSource {
  let captured: Promise<Map<string, CapturedProxy>> | undefined;
  const index = () =>
    (captured ??= scan(dir).catch((error: unknown) => {
      captured = undefined;
      throw error;
    }));
  const statusFile = path.join(dir, 'proxy-status.json');
  const analyzeFile = path.join(dir, 'analyze.json');
  return {
    kind: 'file',
    label: options.label ?? `folder ${dir}`,
    async listProxies() {
      captured = undefined;
      const proxies = await index();
      const byName = new Map<string, ProxySummary>();
      if (existsSync(statusFile)) {
        for (const p of parseProxyStatus(parseConcatenatedJson(statusFile, await readTextFile(statusFile)))) byName.set(p.name, p);
      }
      for (const [name, p] of proxies) if (!byName.has(name)) byName.set(name, p.summary);
      // proxy-status lists proxies the folder holds no dump of: say which can be opened.
      return [...byName.values()].map((p) => ({ ...p, captured: proxies.has(p.name) })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    },
    async proxyConfig(proxy): Promise<FetchedProxyConfig> {
      const found = (await index()).get(proxy);
      if (!found) {
        throw new InputError(
          dir,
          `has no config dump for ${proxy}; capture one with \`istioctl proxy-config all ${proxy} -o json > ${path.join(dir, proxy.split('.')[0] ?? proxy, 'config_dump.json')}\``,
        );
      }
      const config = await readProxyConfig({ dump: found.dump, endpoints: found.endpoints });
      config.source = found.dump;
      return { config, fetchedAt: await capturedAt(found.dump) };
    },
    async capturedFiles() {
      const out = new Map<string, { dump: string; endpoints?: string }>();
      for (const [name, p] of await index()) out.set(name, p.endpoints ? { dump: p.dump, endpoints: p.endpoints } : { dump: p.dump });
      return out;
    },
    async analyze(namespace): Promise<AnalyzerMessage[]> {
      if (!existsSync(analyzeFile)) return [];
      const all = parseAnalyze(await readJsonFile(analyzeFile));
      return namespace === undefined ? all : all.filter((m) => m.namespace === undefined || m.namespace === namespace);
    },
  };
}
