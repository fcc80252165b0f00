import { type ConfigObject, type ConfigProblem, describeOrigin, namespaceOf } from '../../core/config/objects.ts';
import type { IntentReport, IntentVerdict } from '../../core/intent/types.ts';
import type { TableModel } from '../table/model.ts';
import { clean } from '../text.ts';

/** What the Intent tab says when the TUI was started without objects. */
export const NO_CONFIG_HINT = 'start with --config PATH to see which Istio objects apply (files or folders of YAML/JSON, repeatable)';

/** The Gateway API Gateway is `Gateway` again on screen (meshscope keeps it apart as KubernetesGateway). */
export function intentKind(kind: string): string {
  return kind === 'KubernetesGateway' ? 'Gateway (Gateway API)' : kind;
}

/** `namespace/name`, or the name alone for a cluster-scoped object. */
export function intentName(v: Pick<IntentVerdict, 'namespace' | 'name'>): string {
  return v.namespace === '' ? v.name : `${v.namespace}/${v.name}`;
}

/** The VERDICT cell: `applied`, or the reason code (a stable set, see core/intent/types.ts). */
export function verdictWord(v: IntentVerdict): string {
  if (v.applies) return v.decisive ? 'applied (decided)' : 'applied';
  return v.reason?.code ?? 'not applied';
}

/** The WHY cell: the reason's message, or what the object produced on this proxy; notes appended. */
export function whyText(v: IntentVerdict): string {
  const main = v.applies
    ? v.produced.length === 0
      ? 'applies (nothing named after it in the proxy config)'
      : `produced ${v.produced.length <= 3 ? v.produced.join(', ') : `${v.produced.slice(0, 3).join(', ')} +${v.produced.length - 3} more`}`
    : (v.reason?.message ?? '');
  return [main, ...v.notes.map((n) => `${n.code}: ${n.message}`)].filter((t) => t !== '').join(' · ');
}

/** Lines of the table's note: the report's caveats and how many `--config` documents were not used. */
function noteOf(report: IntentReport, problems: readonly ConfigProblem[]): string | undefined {
  const skipped = problems.filter((p) => p.severity === 'skipped').length;
  const parts = [
    skipped > 0 ? `⚠ ${skipped} --config document${skipped === 1 ? '' : 's'} not used (W lists them)` : '',
    ...report.caveats.map((c) => `note: ${c}`),
  ].filter((p) => p !== '');
  return parts.length > 0 ? clean(parts.join(' · ')) : undefined;
}

/**
 * The Intent tab: every `--config` object judged from this proxy by `intentForProxy` (no request:
 * each object at each of its hosts and ports). Applied rows are green, the others red with the
 * reason code; Enter (or y) shows the object's YAML (`raw`, already cleaned of managed fields and
 * secret payloads by the reader; the raw view redacts by content and sanitizes again), d its
 * verdict in full. `report` undefined: no `--config` was given, and the empty text says how.
 */
export function intentTable(report: IntentReport | undefined, objects: readonly ConfigObject[], problems: readonly ConfigProblem[]): TableModel {
  const columns = [
    { title: 'KIND', min: 6, max: 22, priority: 0, search: true },
    { title: 'NAMESPACE/NAME', min: 12, max: 64, priority: 0, search: true },
    { title: 'VERDICT', min: 7, max: 24, priority: 0, search: true },
    { title: 'WHY', min: 16, max: 400, priority: 1, search: true },
  ];
  if (!report) return { noun: 'Istio objects', empty: NO_CONFIG_HINT, columns, rows: [] };
  const byRef = new Map<string, ConfigObject>();
  for (const o of objects) byRef.set(`${o.kind}/${namespaceOf(o)}/${o.metadata.name}`, o);
  return {
    noun: 'Istio objects',
    empty: 'no VirtualService, DestinationRule, Gateway, ServiceEntry, Sidecar or route among the --config objects',
    note: noteOf(report, problems),
    columns,
    rows: report.verdicts.map((v) => {
      const title = clean(`${intentKind(v.kind)} ${intentName(v)}`);
      const object = byRef.get(`${v.kind}/${v.namespace}/${v.name}`);
      return {
        id: `${v.kind}/${v.namespace}/${v.name}`,
        cells: [clean(intentKind(v.kind)), clean(intentName(v)), clean(verdictWord(v)), clean(whyText(v))],
        tone: v.applies ? 'good' : 'bad',
        detail: clean(`${title}: ${verdictWord(v)} — ${whyText(v)} (${v.origin})`),
        raw: object?.raw,
        open: object ? { kind: 'view', view: { kind: 'raw', title, raw: object.raw, format: 'yaml' } } : undefined,
        describe: { kind: 'describe-intent', title: `Intent ${title}`, verdict: v, scroll: 0 },
      };
    }),
  };
}

/** A `--config` document that was not used, or used with a caveat, as the warnings screen's row cells. */
export function configProblemCells(p: ConfigProblem): string[] {
  const where = describeOrigin(p.origin);
  // The reader's message starts with the same place; the WHERE column already says it.
  const message = p.message.startsWith(`${where}: `) ? p.message.slice(where.length + 2) : p.message;
  return [p.severity === 'skipped' ? '⚠' : ' ', p.severity, 'config', clean(where), clean(message)];
}
