import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { FetchedProxyConfig, MeshSource, ProxySummary } from '../app/mesh-source.ts';
import type { ProxyConfig } from '../core/envoy/types.ts';
import { UsageError } from '../core/errors.ts';
import { type ProxyConfigFiles, readProxyConfig } from './files.ts';

/** The proxy a dump belongs to, from its bootstrap node (`pod.namespace`), else the file name. */
function proxySummaryOf(config: ProxyConfig, fallbackName: string): ProxySummary {
  const node = config.node;
  const pod = node?.podName ?? fallbackName;
  const namespace = node?.namespace ?? '';
  return {
    name: namespace ? `${pod}.${namespace}` : pod,
    pod,
    namespace,
    proxyType: node?.proxyType,
    istioVersion: node?.istioVersion,
    clusterId: node?.clusterId,
    sync: {},
  };
}

/** Epoch ms the capture was written, for the data age shown in the TUI. */
export async function capturedAt(file: string): Promise<number> {
  try {
    return (await stat(file)).mtimeMs;
  } catch {
    return Date.now();
  }
}

function checkAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw signal.reason instanceof Error ? signal.reason : new Error('aborted');
}

/**
 * A MeshSource over one captured proxy: `--file DUMP [--endpoints FILE]`. It holds exactly one
 * proxy (named by the dump's bootstrap node) and no analyzer messages. `proxyConfig` re-reads the
 * files, so a refresh picks up a new capture; the read done for `listProxies` is reused once.
 */
export function createFileSource(files: ProxyConfigFiles, options: { label?: string } = {}): MeshSource {
  let pending: Promise<FetchedProxyConfig> | undefined;
  let modifiedAt: number | undefined;
  const read = async (): Promise<FetchedProxyConfig> => {
    const config = await readProxyConfig(files);
    modifiedAt = await capturedAt(files.dump);
    return { config, fetchedAt: modifiedAt };
  };
  const fallbackName = path.basename(files.dump).replace(/\.json$/i, '');
  return {
    kind: 'file',
    label: options.label ?? `file ${files.dump}`,
    async listProxies(signal) {
      // A failed read is not kept: the UI's retry (r) reads the files again.
      pending ??= read().catch((error: unknown) => {
        pending = undefined;
        throw error;
      });
      const { config } = await pending;
      checkAborted(signal);
      return [proxySummaryOf(config, fallbackName)];
    },
    async proxyConfig(proxy, signal) {
      const fetched = await (pending ?? read());
      pending = undefined;
      checkAborted(signal);
      const own = proxySummaryOf(fetched.config, fallbackName);
      if (proxy !== own.name && proxy !== own.pod) throw new UsageError(`${files.dump} is the config of ${own.name}, not ${proxy}`);
      return fetched;
    },
    async analyze() {
      return [];
    },
    capturedAt: () => modifiedAt,
  };
}
