/**
 * The status line's `--refresh` marker (k9s shows its refresh rate in the header): `⟳ 5s` and the
 * wait left, `⟳ 5s next 3s`, or `⟳ 5s refreshing…` while a fetch runs. Under 60 columns only the
 * symbol and the wait left (`⟳ 3s`, `⟳ …`) so the left part keeps its room; empty without
 * `--refresh` or under 40 columns.
 */
export function refreshMarker({ every, dueAt, now, width }: { every: number | undefined; dueAt: number | undefined; now: number; width: number }): string {
  if (every === undefined || width < 40) return '';
  const left = dueAt === undefined ? undefined : Math.max(0, Math.ceil((dueAt - now) / 1000));
  if (width < 60) return left === undefined ? '⟳ …' : `⟳ ${left}s`;
  return `⟳ ${seconds(every)} ${left === undefined ? 'refreshing…' : `next ${left}s`}`;
}

/** A refresh interval as the user typed it, roughly: 5s, 1.5s, 2m, 1m30s. */
function seconds(ms: number): string {
  if (ms < 60_000) return `${Number((ms / 1000).toFixed(1))}s`;
  const m = Math.floor(ms / 60_000);
  const s = Math.round((ms % 60_000) / 1000);
  return s === 0 ? `${m}m` : `${m}m${s}s`;
}
