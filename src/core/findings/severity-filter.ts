import { bySeverity, type Severity } from './finding.ts';

/**
 * `--min-severity` (and the TUI's errors-only view): findings at or above a severity. Like
 * istioctl analyze's `--output-threshold` (istio/istio istioctl/pkg/analyze/analyze.go: "The
 * severity level of analysis at which to display messages"; levels Info, Warning, Error, read
 * without regard to case), it hides what is below; it never changes the exit code, which counts
 * error-level findings and those are never hidden.
 */
export const SEVERITIES: readonly Severity[] = ['info', 'warning', 'error'];

/** The severity a flag names (`info`, `Warning`, `ERROR`), or undefined. */
export function parseSeverity(text: string): Severity | undefined {
  const lower = text.toLowerCase();
  return SEVERITIES.find((s) => s === lower);
}

/** The items at `min` or more severe, in their order. */
export function atLeast<T extends { severity: Severity }>(items: readonly T[], min: Severity): T[] {
  return items.filter((f) => bySeverity(f.severity, min) <= 0);
}
