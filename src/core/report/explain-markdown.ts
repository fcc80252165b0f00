import { describeGatewayApiOrigin } from '../envoy/gateway-api-origin.ts';
import { changesAnswer } from '../envoy/issue-kinds.ts';
import { type ExplainEndpoint, type ExplainLoadBalancing, type ExplainResult, type SplitEndpoint, stageLabel } from '../explain/result.ts';
import type { IntentReport } from '../intent/types.ts';
import type { AnalyzerMessage } from '../istio/analyze.ts';
import { percent } from '../text/percent.ts';
import { failureRows, failureTitle } from './failure-text.ts';
import { describeInbound } from './inbound-line.ts';
import { renderIntentMarkdown } from './intent-report.ts';
import { cell, code, fenced, leadingText, linkTarget, table, text } from './markdown.ts';
import { describePolicies } from './policies-text.ts';
import { shareText, splitEndpoints } from './split-endpoints.ts';

/** Where and when the data came from, for incident notes. */
export interface Provenance {
  /** When the data was captured (a snapshot) or fetched (live). */
  capturedAt?: string;
  /** For a dump file, which does not say when it was captured: its modification time. */
  modifiedAt?: string;
  /** The kube context the data came from (never a file's name). */
  context?: string;
  istioVersion?: string;
  istioctlVersion?: string;
  /** Where the data was read: `snapshot incident.json.gz`, a dump file. */
  source?: string;
  /** What captured it: `meshscope 0.1.0`, `istioctl bug-report`. */
  capturedBy?: string;
  /** `istioctl analyze` messages about the resources on the request's path (see relevantAnalyzerMessages). */
  analyzer?: AnalyzerMessage[];
  /** The command that reproduces this note. */
  command?: string;
  /** The Istio objects' verdicts for this request (`--config`, a snapshot's objects, live). */
  intent?: IntentReport;
}

function analyzerLine(m: AnalyzerMessage): string {
  const label = m.documentationUrl ? `[${text(m.code)}](${linkTarget(m.documentationUrl)})` : text(m.code);
  return `- **${label}** (${m.level}) ${m.origin ? `${code(m.origin)}: ` : ''}${text(m.message)}`;
}

/** Where a route istiod generated from a Gateway API route came from, and what the dump cannot say. */
function gatewayApiNote(result: ExplainResult): string {
  const o = result.origin!;
  const gw = o.gateway
    ? ` on Gateway ${code(`${o.gateway.namespace}/${o.gateway.name}`)} listener ${code(o.gateway.listener)}`
    : o.mesh
      ? ' for a Service (mesh)'
      : '';
  return `> **Gateway API:** the route comes from ${text(describeGatewayApiOrigin(o))}${gw}; the VirtualService ${code(result.virtualService ?? '')} is the one istiod generated. The config dump does not say whether it was an HTTPRoute or a GRPCRoute.`;
}

/** `goes to v2`, `is split v1 90% / v3 10%`, `ends in no route`. */
function headlineVerb(result: ExplainResult): string {
  if (result.outcome === 'route' && result.cluster) return `goes to ${result.subset ?? result.cluster}`;
  if (result.outcome === 'route' && result.destinations.length > 1)
    return `is split ${result.destinations.map((d) => `${d.subset ?? d.cluster} ${percent(d.probability)}`).join(' / ')}`;
  return `ends in ${result.outcome.replace('_', ' ')}`;
}

function endpointTable(endpoints: readonly (ExplainEndpoint | SplitEndpoint)[], none: string, subset?: string): string[] {
  if (endpoints.length === 0) return [none, ''];
  return [
    ...table(
      ['Address', 'Workload', 'Locality', 'Health', 'Ejected', 'Share'],
      endpoints.map((e) => [`${e.address}:${e.port}`, e.workload ?? '-', e.locality ?? '-', e.health, e.ejected ? '**yes**' : 'no', shareText(e, subset)]),
    ),
    '',
  ];
}

/** The load balancer's decision under an endpoint table. */
function lbMarkdown(lb: ExplainLoadBalancing | undefined): string[] {
  if (!lb || lb.summary.length === 0) return [];
  return [`**Load balancer** (${code(lb.policy)}): ${text(lb.headline)}`, '', ...lb.summary.map((s) => `- ${text(s)}`), ''];
}

/**
 * The explain trace as Markdown for incident notes (GitHub, Confluence, Slack all render it).
 */
export function renderExplainMarkdown(result: ExplainResult, provenance: Provenance = {}): string {
  const r = result.request;
  const out: string[] = [];
  out.push(`## Why ${code(`${r.method} ${r.url}`)} ${text(headlineVerb(result))}`, '');
  const facts: string[] = [`- **Proxy:** ${code(result.proxy.node ?? result.proxy.source)}`];
  if (provenance.source) facts.push(`- **Source:** ${text(provenance.source)}${provenance.capturedBy ? ` (captured by ${text(provenance.capturedBy)})` : ''}`);
  if (provenance.capturedAt) facts.push(`- **Captured:** ${text(provenance.capturedAt)}`);
  if (provenance.modifiedAt) facts.push(`- **File modified at:** ${text(provenance.modifiedAt)}`);
  if (provenance.context) facts.push(`- **Cluster context:** ${code(provenance.context)}`);
  if (provenance.istioVersion)
    facts.push(`- **Istio:** ${text(provenance.istioVersion)}${provenance.istioctlVersion ? ` (istioctl ${text(provenance.istioctlVersion)})` : ''}`);
  else if (provenance.istioctlVersion) facts.push(`- **istioctl:** ${text(provenance.istioctlVersion)}`);
  facts.push(`- **Request:** ${code(`${r.method} ${r.url}`)}${r.headers.length ? ` with ${r.headers.map(([n, v]) => code(`${n}: ${v}`)).join(', ')}` : ''}`);
  if (result.inbound) facts.push(`- **Inbound:** ${text(describeInbound(result.inbound))}`);
  out.push(...facts, '', `**Decision:** ${text(result.summary)}`, '');
  if (result.origin) out.push(gatewayApiNote(result), '');
  out.push(
    '### Trace',
    '',
    ...table(
      ['Stage', 'Result', 'Why'],
      result.steps.map((s) => [s.deciding ? `**${stageLabel(s.stage)}**` : stageLabel(s.stage), code(s.result), s.reason]),
    ),
    '',
  );
  if (result.notTaken.length > 0) {
    out.push(
      '### Routes not taken',
      '',
      ...table(
        ['#', 'Name', 'Failed predicate'],
        result.notTaken.map((n) => [String(n.index), n.name ?? '', n.reason]),
      ),
      '',
    );
  }
  if (result.destinations.length > 0) {
    out.push(
      '### Destinations',
      '',
      ...table(
        ['Subset', 'Weight', 'Share', 'Cluster', 'DestinationRule'],
        result.destinations.map((d) => [
          d.subset ?? '-',
          String(d.weight),
          percent(d.probability),
          code(d.cluster) + (d.known ? '' : ' (missing: 503 NC)'),
          d.destinationRule ?? '-',
        ]),
      ),
      '',
    );
    if (result.pick) out.push(`_${cell(result.pick)}_`, '');
  }
  if (result.cluster) {
    out.push(`### Endpoints of ${code(result.cluster)}`, '');
    out.push(...endpointTable(result.endpoints, '_No endpoints._'), ...lbMarkdown(result.loadBalancing));
  }
  for (const { destination: d, endpoints } of splitEndpoints(result)) {
    out.push(`### Endpoints of ${text(d.subset ?? d.cluster)} (${percent(d.probability)}, ${code(d.cluster)})`, '');
    if (!d.known) out.push('_Cluster missing from CDS: requests here get 503 NC._', '');
    else
      out.push(
        ...endpointTable(endpoints, '_No endpoints: requests here get 503 UH (no healthy upstream)._', d.subset ?? 'the cluster'),
        ...lbMarkdown(d.loadBalancing),
      );
  }
  const policies = describePolicies(result.policies);
  if (policies.length > 0) out.push('### Policies on the way', '', ...policies.map(([k, v]) => `- **${k}:** ${text(v)}`), '');
  if (result.failure) out.push(`### ${text(failureTitle(result.failure))}`, '', ...failureRows(result.failure).map(([k, v]) => `- **${k}:** ${text(v)}`), '');
  if (result.findings.length > 0) out.push('### Findings', '', ...result.findings.map((f) => `- **${f.code}** (${f.severity}) ${text(f.message)}`), '');
  if (provenance.intent) out.push(...renderIntentMarkdown(provenance.intent));
  if (provenance.analyzer && provenance.analyzer.length > 0) out.push('### Analyzer messages', '', ...provenance.analyzer.map(analyzerLine), '');
  if (result.caveats.length > 0) out.push('### Caveats', '', ...result.caveats.map(caveatLine), '');
  if (provenance.command) out.push('### Reproduce', '', ...fenced('sh', provenance.command), '');
  return `${out.join('\n').trimEnd()}\n`;
}

/** A caveat; one that can change the answer says where it sits (a load issue on the request's path). */
function caveatLine(c: ExplainResult['caveats'][number]): string {
  return changesAnswer(c) && c.where ? `- ${leadingText(c.message)} (at ${code(c.where)})` : `- ${leadingText(c.message)}`;
}
