import type { EndpointRow } from '../../core/browse/endpoint-rows.ts';
import { changesAnswer } from '../../core/envoy/issue-kinds.ts';
import { type ExplainEndpoint, type ExplainLoadBalancing, type ExplainResult, type SplitEndpoint, stageLabel } from '../../core/explain/result.ts';
import type { IntentReport } from '../../core/intent/types.ts';
import { weightBar } from '../../core/report/bars.ts';
import { failureRows, failureTitle } from '../../core/report/failure-text.ts';
import { describeInbound } from '../../core/report/inbound-line.ts';
import { describePolicies } from '../../core/report/policies-text.ts';
import { shareParts } from '../../core/report/split-endpoints.ts';
import { percent } from '../../core/text/percent.ts';
import { intentKind, intentName, verdictWord } from '../tables/intent-table.ts';
import { cellWidth, clean, clip } from '../text.ts';
import { type Line, labelled, wrap } from './lines.ts';

export interface ExplainLayout {
  width: number;
  /** Routes not taken in full; folded they take one line each. */
  unfolded: boolean;
  /** Endpoints of a cluster (EDS + /clusters), for the destinations of an undecided split. */
  endpointsOf(cluster: string): EndpointRow[];
  /** `--config` given: the objects' verdicts for this request (intentForExplain), shown as "Istio config for this request". */
  intent?: IntentReport;
}

/**
 * "Istio config for this request", compact: one line per object (`✓`/`✗ Kind ns/name verdict
 * reason`), clipped to the width, each note on its own line under it, then the caveats. The same
 * verdicts as the CLI's section (core/report/intent-report.ts), cut to the panel.
 */
export function intentLines(report: IntentReport, width: number): Line[] {
  const out: Line[] = [heading(clip(clean(`Istio config for this request (${report.host}:${report.port})`), width))];
  if (report.verdicts.length === 0)
    out.push(
      ...wrap('  no VirtualService, DestinationRule, Gateway, ServiceEntry, Sidecar or route among the --config objects names this host', width).map(
        (t): Line => [{ text: t, tone: 'muted' }],
      ),
    );
  for (const v of report.verdicts) {
    const head = clean(`  ${v.applies ? '✓' : '✗'} ${intentKind(v.kind)} ${intentName(v)} ${verdictWord(v)}`);
    const why = v.applies ? (v.produced.length > 0 ? ` ${v.produced.join(', ')}` : '') : v.reason ? `: ${v.reason.message}` : '';
    const shownHead = clip(head, width);
    out.push([
      { text: shownHead, tone: v.applies ? 'good' : 'bad' },
      { text: clip(clean(why), Math.max(0, width - cellWidth(shownHead))), tone: 'muted' },
    ]);
    for (const n of v.notes) out.push([{ text: clip(clean(`      ${n.code}: ${n.message}`), width), tone: 'warn' }]);
  }
  for (const c of report.caveats) out.push(...labelled('  note:', 8, clean(c), width, 'muted'));
  return out;
}

const heading = (text: string): Line => [{ text, tone: 'title' }];

type Shared = ExplainEndpoint | SplitEndpoint;

/** An endpoint's share for the panel: `50%`, a split's `45% (50% of v1)`, `0%` with the reason after it. */
function shareCell(e: Shared | undefined, subset: string | undefined): { text: string; reason: string } {
  if (!e) return { text: '', reason: '' };
  const { text, reason } = shareParts(e, subset, true);
  return { text: text ? `  ${clean(text)}` : '', reason: reason ? `  ${reason}` : '' };
}

function endpointLines(rows: EndpointRow[], width: number, indent: string, shared: readonly Shared[] = [], subset?: string): Line[] {
  if (rows.length === 0) return [[{ text: `${indent}no endpoints: requests here get 503 UH (no healthy upstream)`, tone: 'bad' }]];
  const byAddress = new Map(shared.map((e) => [`${e.address}:${e.port}`, e]));
  return rows.map((e) => {
    const usable = !e.ejected && ['HEALTHY', 'UNKNOWN', 'DEGRADED'].includes(e.health);
    const state = e.ejected ? 'EJECTED' : e.health;
    const text = `${indent}${clean(e.address).padEnd(21)} ${clean(e.workload).padEnd(14)} ${clean(e.locality).padEnd(22)} `;
    const share = shareCell(byAddress.get(e.address), subset);
    const head = clip(text, Math.max(0, width - 10));
    const counters = e.requests !== null ? `  rq ${e.requests} err ${e.errors}` : '';
    const used = cellWidth(head) + state.length + share.text.length;
    return [
      { text: head },
      { text: state, tone: e.ejected ? 'bad' : usable ? 'good' : 'warn' },
      { text: clip(share.text, Math.max(0, width - cellWidth(head) - state.length)), tone: share.text.trim().startsWith('0%') ? 'bad' : 'accent' },
      { text: clip(clean(share.reason), Math.max(0, width - used)), tone: 'muted' },
      { text: share.reason ? '' : clip(counters, Math.max(0, width - used)), tone: 'muted' },
    ];
  });
}

/** The load balancer's headline and reason under the endpoints, wrapped to the panel. */
function lbLines(lb: ExplainLoadBalancing | undefined, width: number): Line[] {
  if (!lb || lb.summary.length === 0) return [];
  return [
    ...wrap(clean(`  ${lb.policy}: ${lb.headline}`), width).map((t): Line => [{ text: t, tone: 'accent' }]),
    ...lb.summary.flatMap((s) => labelled('   ·', 5, clean(s), width, 'muted')),
  ];
}

/**
 * The explain trace as lines for the panel: decision, stages (the deciding one marked `▶`),
 * routes not taken with their failed predicate, destinations with weight bars, endpoints with
 * health and ejection, policies, findings and caveats.
 */
export function explainLines(result: ExplainResult, layout: ExplainLayout): Line[] {
  const { width } = layout;
  const out: Line[] = [];
  const decision = result.outcome === 'route' && result.subset ? 'good' : result.outcome === 'route' ? 'accent' : 'bad';
  for (const part of wrap(clean(result.summary), width)) out.push([{ text: part, tone: decision }]);
  if (result.inbound) for (const part of wrap(clean(`inbound: ${describeInbound(result.inbound)}`), width)) out.push([{ text: part, tone: 'muted' }]);
  out.push([]);
  out.push(heading('Trace'));
  // The marker, the longest stage label (`authorization` on an inbound trace), one space.
  const stageWidth = Math.max(15, 3 + Math.max(0, ...result.steps.map((st) => stageLabel(st.stage).length)));
  const resultWidth = Math.min(40, Math.max(16, Math.floor(width / 3)));
  for (const step of result.steps) {
    const marker = step.deciding ? '▶ ' : '  ';
    const head = `${marker}${stageLabel(step.stage).padEnd(stageWidth - 2)}${clip(clean(step.result), resultWidth - 1).padEnd(resultWidth)}`;
    const reasons = wrap(clean(step.reason), Math.max(4, width - head.length));
    reasons.forEach((reason, i) => {
      out.push([
        { text: i === 0 ? head : ' '.repeat(head.length), tone: step.deciding ? 'deciding' : 'muted' },
        { text: reason, tone: step.deciding ? 'accent' : undefined },
      ]);
    });
  }
  if (result.notTaken.length > 0) {
    out.push([]);
    out.push([
      { text: `Routes not taken (${result.notTaken.length})`, tone: 'title' },
      { text: layout.unfolded ? '  n folds' : '  n unfolds', tone: 'muted' },
    ]);
    for (const n of result.notTaken) {
      const label = `  ✗ #${n.index} ${clean(n.name ?? '(unnamed)')}: `;
      if (layout.unfolded) out.push(...labelled(label, label.length, clean(n.reason), width, undefined, 'warn'));
      else out.push([{ text: label, tone: 'warn' }, { text: clip(clean(n.reason), Math.max(4, width - label.length)) }]);
    }
  }
  if (result.destinations.length > 0) {
    out.push([]);
    out.push(heading('Destinations'));
    const barWidth = width >= 90 ? 20 : 10;
    for (const d of result.destinations) {
      const chosen = result.cluster === d.cluster;
      out.push([
        { text: `${chosen ? '▶ ' : '  '}${clean(d.subset ?? '-').padEnd(8)} ` },
        { text: weightBar(d.probability, barWidth), tone: chosen ? 'good' : 'accent' },
        { text: ` ${percent(d.probability).padStart(6)}  ` },
        { text: clip(clean(d.cluster), Math.max(8, width - barWidth - 20)), tone: d.known ? undefined : 'bad' },
        { text: d.known ? '' : '  missing: 503 NC', tone: 'bad' },
      ]);
    }
    if (result.pick) out.push([{ text: `  ${clean(result.pick)}`, tone: 'muted' }]);
  }
  if (result.cluster) {
    out.push([]);
    out.push(heading(clip(`Endpoints of ${clean(result.cluster)}`, width)));
    out.push(...endpointLines(layout.endpointsOf(result.cluster), width, '  ', result.endpoints), ...lbLines(result.loadBalancing, width));
  } else if (result.destinations.length > 1) {
    for (const d of result.destinations) {
      out.push([]);
      out.push(heading(clip(`Endpoints of ${clean(d.subset ?? d.cluster)} (${percent(d.probability)})`, width)));
      out.push(...endpointLines(layout.endpointsOf(d.cluster), width, '  ', d.endpoints, d.subset ?? 'the cluster'), ...lbLines(d.loadBalancing, width));
    }
  }
  const policies = describePolicies(result.policies);
  if (policies.length > 0) {
    out.push([]);
    out.push(heading('Policies on the way'));
    for (const [k, v] of policies) out.push(...labelled(`  ${k}`, 20, clean(v), width));
  }
  if (result.failure) {
    out.push([]);
    out.push(heading(clip(clean(failureTitle(result.failure)), width)));
    for (const [k, v] of failureRows(result.failure)) out.push(...labelled(`  ${k}`, 15, clean(v), width, k === 'client sees' ? 'accent' : undefined));
  }
  if (result.findings.length > 0) {
    out.push([]);
    out.push(heading('Findings'));
    for (const f of result.findings)
      out.push(...labelled(`  ${f.code}`, 9, clean(f.message), width, f.severity === 'error' ? 'bad' : f.severity === 'warning' ? 'warn' : undefined));
  }
  if (layout.intent) {
    out.push([]);
    out.push(...intentLines(layout.intent, width));
  }
  if (result.caveats.length > 0) {
    out.push([]);
    out.push(heading('Caveats'));
    // A load issue on the request's path says where it sits (W lists them all).
    for (const c of result.caveats)
      out.push(...labelled('  -', 4, clean(changesAnswer(c) && c.where ? `${c.message} (at ${c.where})` : c.message), width, 'warn'));
  }
  return out;
}
