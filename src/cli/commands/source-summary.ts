import type { MeshSource } from '../../app/mesh-source.ts';
import { syncText } from '../../core/browse/sync.ts';
import { columns } from '../../core/report/bars.ts';
import { sanitizeLine } from '../../core/text/sanitize.ts';
import type { CliIo } from '../io.ts';

/**
 * A capture (folder or snapshot) opened without a terminal: its proxies, and the
 * non-interactive commands to run on one of them.
 */
export async function printSourceSummary(
  source: MeshSource,
  name: string,
  io: CliIo,
  hints: string[],
  captured?: ReadonlyMap<string, unknown>,
): Promise<number> {
  const proxies = await source.listProxies();
  // A folder lists proxy-status's proxies too: say which ones have a dump to open.
  const dumpColumn = captured ? (p: { name: string }) => [captured.has(p.name) ? 'captured' : '—'] : () => [];
  const rows = [
    ['NAME', 'NAMESPACE', 'TYPE', 'ISTIO', 'SYNC', ...(captured ? ['DUMP'] : [])],
    ...proxies.map((p) => [p.pod, p.namespace, p.proxyType ?? '', p.istioVersion ?? '', syncText(p.sync), ...dumpColumn(p)].map(sanitizeLine)),
  ];
  io.stdout.write(`${proxies.length} proxies in ${sanitizeLine(name)}\n\n${columns(rows).join('\n')}\n`);
  if (hints.length === 0) {
    io.stdout.write('\nNot a terminal, so no interactive TUI; no proxy here has a captured config dump to open.\n');
    return 0;
  }
  io.stdout.write(`\nNot a terminal, so no interactive TUI. On a captured proxy, run e.g.\n${hints.map((h) => `  ${h}\n`).join('')}`);
  return 0;
}
