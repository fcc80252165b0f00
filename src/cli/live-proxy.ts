import type { ProxyConfig } from '../core/envoy/types.ts';
import { UsageError } from '../core/errors.ts';
import { sanitizeLine } from '../core/text/sanitize.ts';
import { withInterrupt } from './interrupt.ts';
import type { CliIo } from './io.ts';
import { liveSourceOptionsFrom } from './live-flags.ts';
import { openLiveSource } from './live-source.ts';

/** One proxy's config fetched live, and the dump text istioctl printed (for `proxy-config all -o json`). */
export interface LiveProxyInput {
  config: ProxyConfig;
  label: string;
  dumpText: () => Promise<string>;
}

/**
 * `meshscope <command> POD.NAMESPACE`: fetches the proxy's config dump and /clusters state through
 * istioctl (`proxy-config all` and `proxy-config endpoints`), with Ctrl-C stopping istioctl.
 */
export async function loadLiveProxy(command: string, proxy: string, values: Record<string, unknown>, io: CliIo): Promise<LiveProxyInput> {
  for (const fileOnly of ['endpoints', 'from'] as const) {
    if (values[fileOnly] !== undefined) throw new UsageError(`${command}: --${fileOnly} goes with --file; a live proxy (${proxy}) brings its own`);
  }
  const source = await openLiveSource(liveSourceOptionsFrom(values, io));
  try {
    const name = source.proxyName(proxy);
    const { config } = await withInterrupt((signal) => source.proxyConfig(name, signal));
    for (const issue of config.issues.value) {
      if (issue.code === 'source-partial') io.stderr.write(`meshscope: warning: ${sanitizeLine(issue.message)}\n`);
    }
    const text = await source.dumpText(name);
    return { config, label: name, dumpText: async () => text };
  } finally {
    source.close();
  }
}
