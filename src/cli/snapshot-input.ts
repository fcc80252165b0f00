import path from 'node:path';
import type { ProxyConfig } from '../core/envoy/types.ts';
import { UsageError } from '../core/errors.ts';
import { SnapshotSource } from '../sources/snapshot-source.ts';
import type { CliIo } from './io.ts';

/** A proxy read from `--snapshot FILE [--from POD.NS]`, with the source for provenance and analysis. */
export interface SnapshotProxyInput {
  config: ProxyConfig;
  label: string;
  snapshot: { source: SnapshotSource; proxy: string };
}

/** Opens a snapshot named on the command line (relative to the CLI's cwd). */
export async function openSnapshot(file: string, io: CliIo): Promise<SnapshotSource> {
  const resolved = path.isAbsolute(file) || path.resolve(file) === path.resolve(io.cwd, file) ? file : path.resolve(io.cwd, file);
  const source = await SnapshotSource.open(resolved);
  return resolved === file ? source : new SnapshotSource(file, source.snapshot);
}

/**
 * `--snapshot FILE [--from POD.NS]`: the proxy named by `--from`, or the only proxy the snapshot
 * holds. A snapshot with several proxies and no `--from` is a usage error that lists them.
 */
export async function loadProxyFromSnapshot(command: string, file: string, from: string | undefined, io: CliIo): Promise<SnapshotProxyInput> {
  const source = await openSnapshot(file, io);
  let proxy: string;
  if (from !== undefined) proxy = source.resolveProxy(from);
  else {
    const names = source.proxyNames().filter((n) => source.snapshot.proxies.get(n)!.configDump !== undefined);
    if (names.length !== 1) {
      const shown = names.slice(0, 8).join(', ') + (names.length > 8 ? `, ... (${names.length})` : '');
      throw new UsageError(
        `${command}: ${file} holds ${names.length === 0 ? 'no proxy config' : `${names.length} proxies (${shown})`}; pick one with --from POD.NAMESPACE`,
      );
    }
    proxy = names[0]!;
  }
  const { config } = await source.proxyConfig(proxy);
  return { config, label: `${file} (${proxy})`, snapshot: { source, proxy } };
}
