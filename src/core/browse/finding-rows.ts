import type { Finding } from '../findings/finding.ts';
import type { AnalyzerMessage } from '../istio/analyze.ts';

/**
 * One line of the Findings tab: meshscope's own findings about the proxy's config (MS1xx) and
 * `istioctl analyze` messages for the workload's namespace (IST0xxx), in one list.
 */
export interface FindingRow {
  id: string;
  /** `error`, `warning`, `info` (analyzer levels folded to these). */
  severity: 'error' | 'warning' | 'info';
  code: string;
  /** `meshscope` or `istioctl analyze`. */
  from: string;
  message: string;
  /** The objects involved: routes/clusters, or the analyzer's `Kind namespace/name`. */
  objects: string;
  /** What to change (meshscope findings) or the analyzer's documentation URL. */
  hint: string;
}

const RANK = { error: 0, warning: 1, info: 2 } as const;

function level(l: string): FindingRow['severity'] {
  const lower = l.toLowerCase();
  return lower === 'error' ? 'error' : lower === 'warning' ? 'warning' : 'info';
}

/** Findings first by severity, then analyzer messages, each group in its given order. */
export function findingRows(findings: Finding[], analyzer: AnalyzerMessage[]): FindingRow[] {
  const rows: FindingRow[] = [
    ...findings.map((f, i) => ({
      id: `ms${i}`,
      severity: f.severity,
      code: f.code,
      from: 'meshscope',
      message: f.message,
      objects: f.objects.join(', '),
      hint: f.hint,
    })),
    ...analyzer.map((m, i) => ({
      id: `ist${i}`,
      severity: level(m.level),
      code: m.code,
      from: 'istioctl analyze',
      message: m.message,
      objects: m.origin,
      hint: m.documentationUrl ?? '',
    })),
  ];
  return rows
    .map((row, i) => ({ row, i }))
    .sort((a, b) => RANK[a.row.severity] - RANK[b.row.severity] || a.i - b.i)
    .map(({ row }) => row);
}
