import type { JsonObject } from '../../core/envoy/json.ts';
import type { Redaction } from '../../core/envoy/redaction.ts';
import { type DumpFormat, formatIndented } from '../../core/report/istioctl/dump-output.ts';
import type { TableModel } from '../table/model.ts';
import { clean } from '../text.ts';

/**
 * The raw view (`y`, k9s's YAML view): the selected cluster, listener, route or endpoint as the
 * dump holds it, printed as `istioctl proxy-config … -o yaml|json` prints a resource (the same
 * printers as `meshscope pc`: protojson camelCase, Go's indent, `yaml.JSONToYAML`), one line per
 * row so it scrolls, filters and saves like any table. Secrets are redacted by content as in
 * every printer (`redactContent`), and the note says how many; each line is sanitized for the
 * terminal (`clean`). Lines wider than the screen are never wrapped (the rows are the document,
 * for the filter and `:save`): ←/→ (h/l) scroll them sideways, `‹` marking the cut start.
 */
export function rawTable(raw: JsonObject, format: DumpFormat, title: string): TableModel {
  const redactions: Redaction[] = [];
  const text = formatIndented(raw, format, redactions).replace(/\n$/, '');
  const lines = text.split('\n');
  const kinds = [...new Set(redactions.map((r) => r.kind))].join(', ');
  return {
    noun: `lines of ${title} (${format.toUpperCase()})`,
    columns: [{ title: format.toUpperCase(), min: 10, max: Math.max(10, ...lines.map((l) => l.length)), priority: 0, search: true }],
    rows: lines.map((line, i) => ({ id: String(i), cells: [clean(line)], detail: clean(line.trim()) })),
    note: redactions.length > 0 ? `${redactions.length} secret value${redactions.length === 1 ? '' : 's'} redacted (${kinds})` : undefined,
  };
}
