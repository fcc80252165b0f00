import type { MeshSource } from '../../app/mesh-source.ts';
import { syncText } from '../../core/browse/sync.ts';
import { columns } from '../../core/report/bars.ts';
import { sanitizeLine } from '../../core/text/sanitize.ts';
import type { CliIo } from '../io.ts';

/**
 * A capture (folder or snapshot) opened without a terminal: its proxies, and the
 * non-interactive commands to run on one of them.
 */
export async function printSourceSummary(source: MeshSource, name: string, io: CliIo, hints: string[]): Promise<number> {
  const proxies = await source.listProxies();
  const rows = [
    ['NAME', 'NAMESPACE', 'TYPE', 'ISTIO', 'SYNC'],
    ...proxies.map((p) => [p.pod, p.namespace, p.proxyType ?? '', p.istioVersion ?? '', syncText(p.sync)].map(sanitizeLine)),
  ];
  io.stdout.write(`${proxies.length} proxies in ${sanitizeLine(name)}\n\n${columns(rows).join('\n')}\n`);
  io.stdout.write(`\nNot a terminal, so no interactive TUI. On a captured proxy, run e.g.\n${hints.map((h) => `  ${h}\n`).join('')}`);
  return 0;
}
