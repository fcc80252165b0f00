import type { Json } from '../../core/envoy/json.ts';
import { loadProxyConfig } from '../../core/envoy/load.ts';
import type { ProxyConfig } from '../../core/envoy/types.ts';
import { InputError } from '../../core/errors.ts';
import { onAbort } from './abort.ts';
import { istioctlCalls as calls } from './commands.ts';
import { IstioctlError, isCanceled } from './istioctl-error.ts';
import { jsonOutput } from './output.ts';
import type { IstioctlRunner } from './runner.ts';

/** loadProxyConfig, with a shape it cannot read reported as a source failure (exit 3). */
export function loadLive(docs: { name: string; data: Json }[], name: string): ProxyConfig {
  try {
    return loadProxyConfig(docs, name);
  } catch (error) {
    if (error instanceof InputError) throw new IstioctlError('not-json', error.message);
    throw error;
  }
}

/**
 * One proxy's config: `proxy-config all` (the dump with EDS) and `proxy-config endpoints`
 * (/clusters host health and outlier ejection) side by side. The dump is required; when only
 * /clusters fails the config is kept with a `source-partial` warning. On any failure the other
 * call is stopped and awaited, so no istioctl outlives the fetch.
 */
export async function fetchProxyDump(runner: IstioctlRunner, name: string, signal: AbortSignal): Promise<{ config: ProxyConfig; text: string }> {
  const both = new AbortController();
  const unlisten = onAbort(signal, () => both.abort());
  const endpoints = runner.run(calls.endpoints(name), both.signal).then(
    (a) => a,
    (e: unknown) => e as Error,
  );
  try {
    const dump = await runner.run(calls.configDump(name), both.signal);
    const docs = [{ name: dump.display, data: jsonOutput(dump.display, dump.stdout) }];
    const hosts = await endpoints;
    if (hosts instanceof Error && isCanceled(hosts)) throw hosts;
    if (!(hosts instanceof Error)) docs.push({ name: hosts.display, data: jsonOutput(hosts.display, hosts.stdout) });
    const config = loadLive(docs, name);
    if (hosts instanceof Error) {
      config.issues.value.push({
        severity: 'warning',
        code: 'source-partial',
        message: `endpoint health and outlier ejection unknown: ${hosts.message}`,
        where: 'endpoints',
      });
    }
    return { config, text: dump.stdout };
  } catch (error) {
    both.abort();
    await endpoints;
    throw error;
  } finally {
    unlisten();
  }
}
