import type { ProxyConfig } from '../core/envoy/types.ts';
import type { MeshSource, ProxySummary } from './mesh-source.ts';

/** What a recording source has handed out so far. */
export interface SourceRecord {
  /** The proxy list, once read. */
  proxies: ProxySummary[] | undefined;
  /** Every config read, by proxy name (a hop's endpoints come from its own proxy's config). */
  configs: Map<string, ProxyConfig>;
}

/**
 * A MeshSource that passes every call on to `source` and remembers the proxy list and the
 * configs it read, calling `onRead` after each: the TUI's path view shows how far the reading
 * got, and draws a hop's endpoints from that hop's config without fetching it again.
 */
export function recordingSource(source: MeshSource, onRead?: (record: SourceRecord) => void): { source: MeshSource; record: SourceRecord } {
  const record: SourceRecord = { proxies: undefined, configs: new Map() };
  const wrapped: MeshSource = {
    kind: source.kind,
    label: source.label,
    async listProxies(signal) {
      record.proxies = await source.listProxies(signal);
      onRead?.(record);
      return record.proxies;
    },
    async proxyConfig(proxy, signal) {
      const fetched = await source.proxyConfig(proxy, signal);
      record.configs.set(proxy, fetched.config);
      onRead?.(record);
      return fetched;
    },
    analyze: (namespace, signal) => source.analyze(namespace, signal),
  };
  return { source: wrapped, record };
}
