import type { ProxyConfig } from '../envoy/types.ts';
import type { Finding } from '../findings/finding.ts';
import { sanitizeLine as line } from '../text/sanitize.ts';
import { columns } from './bars.ts';
import { plain, type Style } from './style.ts';

/**
 * A one-screen overview of one proxy: who it is, what its config holds, what is broken, and the
 * commands to dig further. The non-interactive face of `meshscope --file DUMP`.
 */
export function renderOverview(config: ProxyConfig, findings: Finding[], hints: string[], style: Style = plain): string {
  const node = config.node;
  const lines: string[] = [];
  const who = node?.podName ? `${node.podName}.${node.namespace ?? '?'}` : config.source;
  lines.push(
    style('title', line(who)) +
      style('dim', `  ${line(node?.proxyType ?? 'proxy')}${node?.istioVersion ? `, Istio ${line(node.istioVersion)}` : ''}  (${line(config.source)})`),
  );
  const vhosts = config.routeConfigs.reduce((n, rc) => n + rc.virtualHosts.value.length, 0);
  const routes = config.routeConfigs.reduce((n, rc) => n + rc.virtualHosts.value.reduce((m, vh) => m + vh.routes.length, 0), 0);
  const endpoints = config.endpoints.reduce((n, cla) => n + cla.localities.value.reduce((m, l) => m + l.endpoints.length, 0), 0);
  const ejected = config.hostStatus.reduce((n, c) => n + c.hosts.filter((h) => h.outlierEjected).length, 0);
  const rows = [
    ['listeners', String(config.listeners.length)],
    ['route configs', `${config.routeConfigs.length} (${vhosts} virtual host${vhosts === 1 ? '' : 's'}, ${routes} route${routes === 1 ? '' : 's'})`],
    ['clusters', String(config.clusters.length)],
    ['endpoints', `${endpoints} in EDS${config.hostStatus.length ? `, ${ejected} ejected by outlier detection` : ''}`],
  ];
  lines.push('', ...columns(rows, '  '));
  const counts = (['error', 'warning', 'info'] as const).map((s) => [s, findings.filter((f) => f.severity === s).length] as const);
  lines.push('', style('title', 'Findings') + style('dim', `  ${counts.map(([s, n]) => `${n} ${s}`).join(', ')}`));
  for (const f of findings.filter((x) => x.severity !== 'info').slice(0, 8)) {
    lines.push(`  ${style(f.severity === 'error' ? 'bad' : 'warn', f.code)} ${line(f.message)}`);
  }
  const missing = config.issues.value.filter((i) => i.code === 'missing-section');
  for (const m of missing) lines.push(style('dim', `note: ${line(m.message)}`));
  if (hints.length) lines.push('', style('title', 'Try'), ...hints.map((h) => `  ${line(h)}`));
  return `${lines.join('\n')}\n`;
}
