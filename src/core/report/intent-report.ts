import type { ConfigProblem } from '../config/objects.ts';
import type { IntentReport, IntentVerdict } from '../intent/types.ts';
import { sanitizeLine as line } from '../text/sanitize.ts';
import { columns } from './bars.ts';
import { code, table, text } from './markdown.ts';
import { plain, type Style } from './style.ts';

/**
 * "Istio config for this request": the objects that could apply and their verdicts, in the CLI
 * text, JSON (`intent`) and the Markdown note. The JSON shape is stable:
 * `{kind, name, namespace, applies, reason: {code, message} | null, produced: [names], notes, decisive, origin}`.
 */
export interface IntentJson {
  kind: string;
  name: string;
  namespace: string;
  applies: boolean;
  reason: { code: string; message: string } | null;
  produced: string[];
  notes: { code: string; message: string }[];
  decisive: boolean;
  origin: string;
}

/** The Gateway API Gateway is `Gateway` again in output (meshscope keeps it apart as KubernetesGateway). */
function kindName(kind: string): string {
  return kind === 'KubernetesGateway' ? 'Gateway (gateway.networking.k8s.io)' : kind;
}

export function intentJson(report: IntentReport): IntentJson[] {
  return report.verdicts.map((v) => ({
    kind: kindName(v.kind),
    name: v.name,
    namespace: v.namespace,
    applies: v.applies,
    reason: v.reason,
    produced: v.produced,
    notes: v.notes,
    decisive: v.decisive,
    origin: v.origin,
  }));
}

/** What an applied object produced, in a few words: the route names, or a count. */
function producedText(v: IntentVerdict): string {
  if (v.produced.length === 0) return '';
  if (v.produced.length <= 2) return v.produced.join(', ');
  return `${v.produced.slice(0, 2).join(', ')} +${v.produced.length - 2} more`;
}

function verdictWord(v: IntentVerdict): string {
  if (v.applies) return v.decisive ? 'applied (decided this request)' : 'applied';
  return v.reason?.code ?? 'not applied';
}

/** The text section, or '' when there is nothing to say. */
export function renderIntentText(
  report: IntentReport,
  problems: readonly ConfigProblem[],
  style: Style = plain,
  title = 'Istio config for this request',
): string {
  const lines: string[] = [];
  lines.push(
    style(
      'title',
      `${title} (${line(report.host)}:${report.port}, from ${report.proxy.type === 'router' ? 'gateway' : report.proxy.type} in ${line(report.proxy.namespace)})`,
    ),
  );
  if (report.verdicts.length === 0)
    lines.push(style('dim', '  no VirtualService, DestinationRule, Gateway, ServiceEntry, Sidecar or route among the objects names this host'));
  const rows = report.verdicts.map((v) => [
    v.applies ? '✓' : '✗',
    `${kindName(v.kind)} ${v.namespace}/${v.name}`,
    verdictWord(v),
    v.applies ? producedText(v) : (v.reason?.message ?? ''),
  ]);
  const rendered = columns(rows);
  report.verdicts.forEach((v, i) => {
    lines.push(`  ${style(v.applies ? (v.decisive ? 'key' : 'good') : 'bad', rendered[i]!)}`);
    for (const n of v.notes) lines.push(`      ${style('warn', n.code)} ${line(n.message)}`);
  });
  for (const c of report.caveats) lines.push(style('dim', `  note: ${line(c)}`));
  const skipped = problems.filter((p) => p.severity === 'skipped');
  if (skipped.length > 0) lines.push(style('warn', `  ${skipped.length} document${skipped.length === 1 ? '' : 's'} of the objects not used (see stderr)`));
  return `${lines.join('\n')}\n`;
}

export function renderIntentMarkdown(report: IntentReport): string[] {
  const out: string[] = ['### Istio config for this request', ''];
  if (report.verdicts.length === 0) {
    out.push(text('No VirtualService, DestinationRule, Gateway, ServiceEntry, Sidecar or route among the objects names this host.'), '');
    return out;
  }
  out.push(
    ...table(
      ['Object', 'Verdict', 'Why / what it produced'],
      report.verdicts.map((v) => [
        `${text(kindName(v.kind))} ${code(`${v.namespace}/${v.name}`)}`,
        v.applies ? (v.decisive ? '**applied** (decided this request)' : 'applied') : code(v.reason?.code ?? 'not applied'),
        text([v.applies ? producedText(v) : (v.reason?.message ?? ''), ...v.notes.map((n) => `${n.code}: ${n.message}`)].filter((s) => s !== '').join('; ')),
      ]),
    ),
    '',
  );
  for (const c of report.caveats) out.push(`- ${text(c)}`);
  if (report.caveats.length > 0) out.push('');
  return out;
}
