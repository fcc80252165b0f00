import type { MeshSource } from './mesh-source.ts';

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
  /** What the age measures, said with it: `data 4s old` (live fetch), `captured 3h ago`, `file modified 3h ago`. */
  phrase: string;
  stale: boolean;
}

/**
 * The one age rule, for every screen (the picker and a workload alike): the time since the data
 * was produced — fetched (live), captured (a snapshot's `capturedAt`), or the dump file's
 * modification time (`--file`, `--dir`; the file does not say when it was captured).
 */
export function dataAge(fetchedAt: number, now: number, kind: MeshSource['kind'], staleAfterMs = 60_000): DataAge {
  const age = now - fetchedAt;
  const text = ageText(age);
  const phrase = kind === 'live' ? `data ${text} old` : kind === 'snapshot' ? `captured ${text} ago` : `file modified ${text} ago`;
  return { text, phrase, stale: kind === 'live' && age > staleAfterMs };
}

/**
 * When the proxy list was produced: now for a live source; for a capture, the capture time the
 * source states (`capturedAt`), or undefined when it has none (a folder of dumps with different
 * modification times), so the picker shows no age rather than the time it was read.
 */
export function listedAt(source: Pick<MeshSource, 'kind' | 'capturedAt'>, now: number): number | undefined {
  return source.kind === 'live' ? now : source.capturedAt?.();
}
