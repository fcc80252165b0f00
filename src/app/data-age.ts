/**
 * How old the data on screen is, in words: `4s`, `12m`, `3h`, `2d`. Live data older than
 * `staleAfterMs` is stale (the mesh may have moved on); a capture (file, snapshot) is never
 * "stale", it is simply from then.
 */
export function ageText(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m`;
  if (s < 86400) return `${Math.floor(s / 3600)}h`;
  return `${Math.floor(s / 86400)}d`;
}

export interface DataAge {
  text: string;
  stale: boolean;
}

export function dataAge(fetchedAt: number, now: number, kind: 'live' | 'snapshot' | 'file', staleAfterMs = 60_000): DataAge {
  const age = now - fetchedAt;
  return { text: ageText(age), stale: kind === 'live' && age > staleAfterMs };
}
