/**
 * A proxy's xDS sync state in one cell: `SYNCED` when no type is out of sync, else the types
 * that are (`EDS STALE`); `-` when the source has no proxy-status data. NOT SENT is not a
 * problem: istiod sends nothing of a type the proxy does not use (ECDS, usually).
 */
export function syncText(sync: Record<string, string>): string {
  const entries = Object.entries(sync);
  if (entries.length === 0) return '-';
  const bad = entries.filter(([, state]) => state !== 'SYNCED' && state !== 'NOT_SENT' && state !== 'NOT SENT');
  return bad.length === 0 ? 'SYNCED' : bad.map(([type, state]) => `${type} ${state}`).join(', ');
}
