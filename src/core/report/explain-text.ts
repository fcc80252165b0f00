import { usableEndpoint } from '../envoy/cluster-endpoints.ts';
import { changesAnswer } from '../envoy/issue-kinds.ts';
import { type ExplainEndpoint, type ExplainLoadBalancing, type ExplainResult, type SplitEndpoint, stageLabel } from '../explain/result.ts';
import { percent } from '../text/percent.ts';
import { sanitizeLine as line } from '../text/sanitize.ts';
import { columns, weightBar } from './bars.ts';
import { failureRows, failureTitle } from './failure-text.ts';
import { describeInbound } from './inbound-line.ts';
import { describePolicies } from './policies-text.ts';
import { shareText, splitEndpoints } from './split-endpoints.ts';
import { plain, type Style } from './style.ts';

function endpointRows(endpoints: readonly (ExplainEndpoint | SplitEndpoint)[], style: Style, subset?: string): string[] {
  if (endpoints.length === 0) return [style('bad', '  none')];
  const rows = endpoints.map((e) => [
    `${e.address}:${e.port}`,
    e.workload ?? '-',
    e.locality ?? '-',
    e.ejected ? 'EJECTED' : e.health,
    line(shareText(e, subset)),
  ]);
  return columns(rows, '  ').map((text, i) => (usableEndpoint(endpoints[i]!) || (endpoints[i]!.share ?? 0) > 0 ? text : style('bad', text)));
}

/** The load balancer's decision under an endpoint table: its headline, then each sentence. */
function lbLines(lb: ExplainLoadBalancing | undefined, style: Style): string[] {
  if (!lb || lb.summary.length === 0) return [];
  return [style('dim', `  ${lb.policy}: ${line(lb.headline)}`), ...lb.summary.map((s) => style('dim', `  · ${line(s)}`))];
}

/**
 * The compact trace a person reads in ten seconds: the decision first, then the evidence.
 */
export function renderExplainText(result: ExplainResult, style: Style = plain): string {
  const lines: string[] = [];
  const r = result.request;
  const hdrs = r.headers.length ? `  ${r.headers.map(([n, v]) => line(`${n}: ${v}`)).join(', ')}` : '';
  lines.push(style('title', line(`${r.method} ${r.url}`)) + style('dim', hdrs));
  lines.push(`${style(result.outcome === 'route' ? 'good' : 'bad', '→')} ${line(result.summary)}`);
  if (result.inbound) lines.push(style('dim', `  inbound: ${line(describeInbound(result.inbound))}`));
  lines.push('');
  const rows = result.steps.map((s) => [s.deciding ? '▶' : ' ', stageLabel(s.stage), s.result, s.reason]);
  lines.push(...columns(rows).map((line, i) => (result.steps[i]!.deciding ? style('key', line) : line)));
  if (result.notTaken.length > 0) {
    lines.push('', style('title', 'Routes not taken'));
    lines.push(
      ...columns(
        result.notTaken.map((n) => [`#${n.index}`, n.name ?? '', n.reason]),
        '  ',
      ),
    );
  }
  if (result.destinations.length > 1) {
    lines.push('', style('title', 'Destinations'));
    const rowsD = result.destinations.map((d) => [
      d.subset ?? '-',
      weightBar(d.probability),
      percent(d.probability),
      d.cluster + (d.known ? '' : '  (missing: 503 NC)'),
    ]);
    lines.push(...columns(rowsD, '  '));
    if (result.pick) lines.push(style('dim', `  ${line(result.pick)}`));
  }
  if (result.cluster && (result.endpoints.length > 0 || result.responseFlag === 'UH')) {
    lines.push('', style('title', `Endpoints of ${line(result.cluster)}`));
    lines.push(...endpointRows(result.endpoints, style));
    lines.push(...lbLines(result.loadBalancing, style));
  }
  for (const { destination: d, endpoints } of splitEndpoints(result)) {
    lines.push('', style('title', `Endpoints of ${line(d.subset ?? d.cluster)} (${percent(d.probability)}, ${line(d.cluster)})`));
    if (!d.known) lines.push(style('bad', '  cluster missing from CDS: requests here get 503 NC'));
    else if (endpoints.length === 0) lines.push(style('bad', '  none: requests here get 503 UH (no healthy upstream)'));
    else lines.push(...endpointRows(endpoints, style, d.subset ?? 'the cluster'), ...lbLines(d.loadBalancing, style));
  }
  const policies = describePolicies(result.policies);
  if (policies.length > 0) {
    lines.push('', style('title', 'Policies'));
    lines.push(
      ...columns(
        policies.map(([k, v]) => [k, v]),
        '  ',
      ),
    );
  }
  if (result.failure) {
    lines.push('', style('title', line(failureTitle(result.failure))));
    lines.push(
      ...columns(
        failureRows(result.failure).map(([k, v]) => [k, line(v)]),
        '  ',
      ),
    );
  }
  if (result.findings.length > 0) {
    lines.push('', style('title', 'Findings'));
    for (const f of result.findings) lines.push(`  ${style(f.severity === 'error' ? 'bad' : 'warn', f.code)} ${line(f.message)}`);
  }
  const onPath = result.caveats.filter(changesAnswer);
  if (onPath.length > 0) {
    lines.push('', style('title', 'Caveats'), "  not interpreted by meshscope, on this request's path:");
    for (const c of onPath) lines.push(`  ${style('warn', line(c.code))} ${line(c.message)}${c.where ? style('dim', ` (${line(c.where)})`) : ''}`);
  }
  for (const c of result.caveats) if (!changesAnswer(c)) lines.push(style('dim', `note: ${line(c.message)}`));
  return `${lines.join('\n')}\n`;
}
