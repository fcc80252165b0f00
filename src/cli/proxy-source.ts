import path from 'node:path';
import type { ProxyConfig, SkippableSection } from '../core/envoy/types.ts';
import { UsageError } from '../core/errors.ts';
import { readProxyConfig } from '../sources/files.ts';
import type { CliIo } from './io.ts';
import { liveFlagGiven, liveOptions } from './live-flags.ts';
import { loadLiveProxy } from './live-proxy.ts';
import type { SnapshotProxyInput } from './snapshot-input.ts';
import { noteLoaded, warningOptions } from './warnings.ts';

/** The flags every command that reads one proxy's config accepts. */
export const proxySourceOptions = {
  file: { type: 'string', short: 'f' },
  endpoints: { type: 'string' },
  from: { type: 'string' },
  snapshot: { type: 'string' },
  ...liveOptions,
  ...warningOptions,
} as const;

/**
 * Picks the source for one proxy: `--file DUMP [--endpoints FILE]`, or `--snapshot FILE
 * [--from POD.NS]` (a meshscope snapshot or an istioctl bug-report), or a live `POD.NAMESPACE`
 * (the first of `positionals`) fetched through istioctl. `sections` are the large sections of a
 * dump file the command reads (all when absent; see `readProxyConfig`). The config is noted for the one-line
 * load warning the command prints when done (`writeLoadWarnings`).
 */
export async function loadProxyForCommand(
  command: string,
  values: Record<string, unknown>,
  positionals: string[],
  io: CliIo,
  sections?: readonly SkippableSection[],
): Promise<{ config: ProxyConfig; label: string; snapshot?: SnapshotProxyInput['snapshot']; dumpText?: () => Promise<string> }> {
  const loaded = await loadProxy(command, values, positionals, io, sections);
  noteLoaded(io, loaded.label, loaded.config, values);
  return loaded;
}

async function loadProxy(
  command: string,
  values: Record<string, unknown>,
  positionals: string[],
  io: CliIo,
  sections: readonly SkippableSection[] | undefined,
): Promise<{ config: ProxyConfig; label: string; snapshot?: SnapshotProxyInput['snapshot']; dumpText?: () => Promise<string> }> {
  const file = values.file as string | undefined;
  const proxy = positionals[0];
  if (proxy !== undefined) {
    if (file !== undefined || values.snapshot !== undefined) throw new UsageError(`${command}: give POD.NAMESPACE (live) or --file/--snapshot, not both`);
    return loadLiveProxy(command, proxy, values, io);
  }
  const live = liveFlagGiven(values);
  if (live !== undefined && (file !== undefined || values.snapshot !== undefined)) {
    throw new UsageError(`${command}: --${live} is for a live POD.NAMESPACE; --file and --snapshot read no cluster`);
  }
  if (values.snapshot !== undefined) {
    if (file !== undefined) throw new UsageError(`${command}: give --file or --snapshot, not both`);
    if (values.endpoints !== undefined) throw new UsageError(`${command}: --endpoints goes with --file; a snapshot carries its own endpoints`);
    // Imported here: the snapshot readers (YAML, tar, bug-report archives) are for --snapshot only.
    const { loadProxyFromSnapshot } = await import('./snapshot-input.ts');
    return loadProxyFromSnapshot(command, values.snapshot as string, values.from as string | undefined, io);
  }
  if (file === undefined)
    throw new UsageError(`${command} needs POD.NAMESPACE (live, through istioctl) or --file DUMP (istioctl proxy-config all POD -o json)`);
  const endpoints = values.endpoints as string | undefined;
  // Errors name the file as the user typed it when it resolves the same from the process.
  const at = (f: string): string => (path.isAbsolute(f) || path.resolve(f) === path.resolve(io.cwd, f) ? f : path.resolve(io.cwd, f));
  const config = await readProxyConfig({ dump: at(file), endpoints: endpoints === undefined ? undefined : at(endpoints) }, sections);
  config.source = file;
  const from = values.from as string | undefined;
  if (from !== undefined) checkFrom(config, from, file);
  return { config, label: file };
}

/** `--from POD.NS` must name the proxy the dump came from (when the dump says). */
function checkFrom(config: ProxyConfig, from: string, file: string): void {
  if (!/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(from) || !from.includes('.')) throw new UsageError(`--from "${from}" is not POD.NAMESPACE`);
  const node = config.node;
  if (!node?.podName) return;
  const own = `${node.podName}.${node.namespace ?? ''}`;
  if (own !== from && node.podName !== from.slice(0, from.lastIndexOf('.'))) {
    throw new UsageError(`--from ${from} is unknown: ${file} is the config of ${own}`);
  }
}
