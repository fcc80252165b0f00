import type { TopWeight } from './row.ts';

/** How meshtop prints its numbers; "—" is "not known" (first sample, a stat not reported), never 0. */
export const UNKNOWN = '—';

/** Requests (or events) per second: `0`, `0.4`, `12.5`, `1.2k`. */
export function formatRate(value: number | undefined): string {
  if (value === undefined) return UNKNOWN;
  if (value === 0) return '0';
  if (value >= 10_000) return `${(value / 1000).toFixed(0)}k`;
  if (value >= 1000) return `${(value / 1000).toFixed(1)}k`;
  if (value >= 100) return value.toFixed(0);
  if (value < 0.1) return value < 0.01 ? '<0.01' : String(Number(value.toFixed(2)));
  return String(Number(value.toFixed(1)));
}

/** A 0–1 share as a percentage: `100%`, `99.5%`, `0%`. */
export function formatPercent(value: number | undefined): string {
  if (value === undefined) return UNKNOWN;
  const pct = Math.round(value * 1000) / 10;
  // Never round a share that is not all (or not nothing) to 100% (0%).
  if (value < 1 && pct >= 100) return '99.9%';
  if (value > 0 && pct <= 0) return '<0.1%';
  return Number.isInteger(pct) ? `${pct}%` : `${pct.toFixed(1)}%`;
}

/** Milliseconds: `3ms`, `250ms`, `1.2s`. */
export function formatMs(value: number | undefined): string {
  if (value === undefined) return UNKNOWN;
  if (value >= 1000) return `${(value / 1000).toFixed(1)}s`;
  return value >= 10 ? `${value.toFixed(0)}ms` : `${Number(value.toFixed(1))}ms`;
}

export function formatCount(value: number | undefined): string {
  return value === undefined ? UNKNOWN : String(value);
}

/** `90%→87.5%` configured beside observed; `!` when they diverge beyond chance, `?` when not comparable. */
export function formatWeight(weight: TopWeight | undefined): string {
  if (!weight) return '';
  const configured = formatPercent(weight.configured);
  if (weight.notComparable) return `${configured}→?`;
  const observed = weight.observed === undefined ? UNKNOWN : formatPercent(weight.observed);
  return `${configured}→${observed}${weight.diverges ? ' !' : ''}`;
}

/** Time since a sample, for the header: `0.4s`, `12s`, `3m`, `5h`, `3d`. */
export function formatAge(ms: number): string {
  if (ms < 0) return '0s';
  if (ms < 10_000) return `${(ms / 1000).toFixed(1)}s`;
  if (ms < 120_000) return `${Math.round(ms / 1000)}s`;
  if (ms < 7_200_000) return `${Math.round(ms / 60_000)}m`;
  if (ms < 172_800_000) return `${Math.round(ms / 3_600_000)}h`;
  return `${Math.round(ms / 86_400_000)}d`;
}

/** Wall-clock time of a sample, `14:03:27`, in UTC (core reads no time zone). */
export function formatClock(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(11, 19);
}
